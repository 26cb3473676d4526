using System.Text.RegularExpressions;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

/// <summary>
/// Rule-based per-passage flags. <c>negated</c>: theme wording under negation ("there was no evidence of
/// domestic abuse"). <c>goodPractice</c>: the passage records good practice and no failing.
/// </summary>
public sealed partial class PassageFlags
{
    private readonly Regex _themeWords;

    [GeneratedRegex(@"\b(no|not|never|nor|without|none|absence of|ruled out|denied|no evidence of|no indication(?: of| that)?|no history of|no concerns? (?:about|regarding))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationCue();

    [GeneratedRegex(@"\b(good practice|good example|positive example|commend\w*|exemplary|thorough(?:ly)?|prompt(?:ly)?|timely|well[- ]evidenced|appropriately|diligent\w*|tenacious\w*|persisten(?:t|ce) in|was right to|rightly|effective(?:ly)?|sensitive(?:ly)?|skilful(?:ly)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoodCue();

    [GeneratedRegex(@"\b(did not|didn't|was not|were not|wasn't|weren't|failed|failure|missed|lack(?:ed|ing)?|should have|no one|nobody|not been|without|insufficient|inadequate|poor|delay(?:ed|s)?|unclear|however|but)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FailureCue();

    public PassageFlags(Taxonomy taxonomy)
    {
        // Theme vocabulary: typical wording plus a few core nouns the wording lists take for granted.
        var words = taxonomy.Themes.SelectMany(t => t.TypicalWording)
            .Concat(["domestic abuse", "domestic violence", "drug", "drugs", "alcohol", "substance misuse", "mental health", "mental ill-health",
                     "depression", "sexual abuse", "neglect", "exploitation", "self-harm", "injury", "injuries", "bruising", "violence", "abuse",
                     "concerns", "risk"])
            .Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 2).Distinct().OrderByDescending(w => w.Length);
        _themeWords = new Regex(@"\b(" + string.Join("|", words.Select(Regex.Escape)) + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>True when a theme word follows a negation cue within the same clause (six words or fewer).
    /// The cheap negation scan runs first; the large theme-word pattern only reads the few words after a cue.</summary>
    public bool IsNegated(string text)
    {
        foreach (var cue in NegationCue().EnumerateMatches(text))
        {
            int from = cue.Index + cue.Length, end = from, words = 0;
            while (end < text.Length && words <= 6)
            {
                char ch = text[end];
                if (ch is '.' or ';' or ':' or '!' or '?') break;
                if (ch == ' ' && end + 1 < text.Length && text[end + 1] != ' ') words++;
                end++;
            }
            var window = text.AsSpan(from, end - from);
            int but = window.IndexOf(" but ", StringComparison.OrdinalIgnoreCase);
            if (but >= 0) window = window[..but];
            if (_themeWords.IsMatch(window)) return true;
        }
        return false;
    }

    public static bool IsGoodPractice(string text) => GoodCue().IsMatch(text) && !FailureCue().IsMatch(text);
}
