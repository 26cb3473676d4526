namespace ThemeMiner.Core.Text;

/// <summary>
/// Joins the lines of one paragraph, repairing words hyphenated at line ends. A line ending "-" before a
/// lower-case letter is either a typesetter's break ("assess-" + "ment") or a real compound broken at its
/// hyphen ("pre-" + "birth"). The document's own vocabulary decides: if the joined word occurs elsewhere
/// the hyphen goes; if the hyphenated form occurs elsewhere it stays; otherwise a short list of prefixes
/// that English writes with a hyphen keeps it, and everything else is joined.
/// </summary>
public sealed class Dehyphenator
{
    private static readonly HashSet<string> HyphenPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "non", "pre", "post", "multi", "self", "co", "anti", "cross", "semi", "step", "ex", "well", "inter",
        "intra", "ante", "mid", "half", "long", "short", "full", "part", "face", "follow", "low", "high",
        "re", "over", "under", "sub", "extra", "out",
    };

    private readonly IReadOnlySet<string> _vocabulary;

    /// <param name="vocabulary">Lower-case words (with internal hyphens kept) seen anywhere in the document.</param>
    public Dehyphenator(IReadOnlySet<string> vocabulary) => _vocabulary = vocabulary;

    public static Dehyphenator Empty { get; } = new(new HashSet<string>());

    /// <summary>Joins lines with single spaces, repairing end-of-line hyphenation.</summary>
    public string JoinLines(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return string.Empty;
        var sb = new System.Text.StringBuilder(lines.Sum(l => l.Length + 1));
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (sb.Length == 0) { sb.Append(line); continue; }
            if (EndsWithBreakHyphen(sb) && line.Length > 0 && char.IsLower(line[0]))
            {
                var before = TrailingWord(sb);           // "assess-"
                var after = LeadingWord(line);           // "ment"
                if (KeepHyphen(before[..^1], after))
                    sb.Append(line);
                else
                {
                    sb.Length--;                         // drop the hyphen
                    sb.Append(line);
                }
            }
            else
            {
                sb.Append(' ').Append(line);
            }
        }
        return sb.ToString();
    }

    internal bool KeepHyphen(string left, string right)
    {
        var joined = (left + right).ToLowerInvariant();
        var hyphenated = (left + "-" + right).ToLowerInvariant();
        if (_vocabulary.Contains(hyphenated) && !_vocabulary.Contains(joined)) return true;
        if (_vocabulary.Contains(joined)) return false;
        // Unknown either way. Typesetters do not break acronyms, and a break between two whole words is a
        // compound broken at its own hyphen ("twelve-" + "month"); so is one after a prefix English hyphenates.
        if (left.Skip(1).Any(char.IsUpper)) return true;
        var prefix = left.Contains('-') ? left[(left.LastIndexOf('-') + 1)..] : left;
        if (HyphenPrefixes.Contains(prefix)) return true;
        return prefix.Length >= 2 && right.Length >= 2
               && _vocabulary.Contains(prefix.ToLowerInvariant()) && _vocabulary.Contains(right.ToLowerInvariant());
    }

    private static bool EndsWithBreakHyphen(System.Text.StringBuilder sb) =>
        sb.Length >= 2 && sb[^1] == '-' && char.IsLetter(sb[^2]);

    private static string TrailingWord(System.Text.StringBuilder sb)
    {
        int i = sb.Length - 1;
        while (i >= 0 && !char.IsWhiteSpace(sb[i])) i--;
        return sb.ToString(i + 1, sb.Length - i - 1).TrimStart('(', '"', '\'', '‘', '“');
    }

    private static string LeadingWord(string line)
    {
        int i = 0;
        while (i < line.Length && (char.IsLetter(line[i]) || line[i] == '-')) i++;
        return line[..i];
    }

    /// <summary>Collects a vocabulary (lower case, internal hyphens kept) from lines, ignoring words broken at line ends.</summary>
    public static HashSet<string> BuildVocabulary(IEnumerable<string> lines)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int w = 0; w < words.Length; w++)
            {
                var word = words[w].Trim('(', ')', '"', '\'', '‘', '’', '“', '”', ',', '.', ';', ':', '!', '?');
                if (word.Length < 2 || word.EndsWith('-')) continue;
                if (word.All(c => char.IsLetter(c) || c == '-')) set.Add(word.ToLowerInvariant());
            }
        }
        return set;
    }
}
