using System.Text;
using System.Text.RegularExpressions;

namespace ThemeMiner.Core.Samples;

public enum SourceElementKind { Heading, Paragraph, Bullet, TableRow, PageBreak }

/// <summary>One element of a sample review source (corpus-sample/sources/FORMAT.md).</summary>
/// <param name="Label">The paragraph number as the author wrote it ("12." or "4.3"), when numbered.</param>
public sealed record SourceElement(SourceElementKind Kind, string Text, int Level = 0, string? Number = null, IReadOnlyList<string>? Cells = null, string? Label = null);

/// <summary>A parsed sample review source: header, title page and body.</summary>
public sealed partial record SampleSource(
    string SourcePath,
    string OutputFile,
    string Format,
    IReadOnlySet<string> Features,
    IReadOnlyDictionary<string, string> Expected,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> TitlePage,
    IReadOnlyList<SourceElement> Body,
    IReadOnlyDictionary<string, string> Footnotes)
{
    [GeneratedRegex(@"^\[\^(?<id>[^\]]+)\]:\s*(?<text>.+)$")]
    private static partial Regex FootnoteDef();

    [GeneratedRegex(@"\[\^(?<id>[^\]]+)\]")]
    private static partial Regex FootnoteRef();

    [GeneratedRegex(@"\{\+(?<t>.*?)\+\}", RegexOptions.Singleline)]
    private static partial Regex Insertion();

    [GeneratedRegex(@"\{-(?<t>.*?)-\}", RegexOptions.Singleline)]
    private static partial Regex Deletion();

    public bool Has(string feature) => Features.Contains(feature);

    public static SampleSource Load(string path) => Parse(path, File.ReadAllText(path, Encoding.UTF8));

    public static SampleSource Parse(string path, string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        int i = 0;
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            int colon = line.IndexOf(':');
            if (colon < 0) throw new FormatException($"{path}:{i + 1}: header line without ':'");
            header[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (i >= lines.Length) throw new FormatException($"{path}: no '---' after the header");
        i++;

        var title = new List<string>();
        for (; i < lines.Length && lines[i].Trim() != "<<<pagebreak>>>"; i++)
            if (lines[i].Trim().Length > 0) title.Add(lines[i].Trim());
        if (i >= lines.Length) throw new FormatException($"{path}: no <<<pagebreak>>> after the title page");
        i++;

        var body = new List<SourceElement>();
        var footnotes = new Dictionary<string, string>(StringComparer.Ordinal);
        var para = new List<string>();
        void Flush()
        {
            if (para.Count == 0) return;
            var text = string.Join(' ', para.Select(p => p.Trim()));
            para.Clear();
            var m = Text.ParagraphNumbering.TrySplit(text, out var number, out var rest);
            body.Add(m ? new SourceElement(SourceElementKind.Paragraph, rest, 0, number, null, text[..(text.Length - rest.Length)].Trim())
                       : new SourceElement(SourceElementKind.Paragraph, text));
        }
        for (; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var t = line.Trim();
            if (t.Length == 0) { Flush(); continue; }
            if (t == "<<<pagebreak>>>") { Flush(); body.Add(new SourceElement(SourceElementKind.PageBreak, "")); continue; }
            if (t.StartsWith('#'))
            {
                Flush();
                int level = t.TakeWhile(c => c == '#').Count();
                var text = t[level..].Trim();
                Text.ParagraphNumbering.TrySplit(text + " ", out var number, out _);
                if (number.Length == 0)
                {
                    var m = Regex.Match(text, @"^(\d{1,2})\.?\s");
                    if (m.Success) number = m.Groups[1].Value;
                }
                body.Add(new SourceElement(SourceElementKind.Heading, text, level, number.Length > 0 ? number : null));
                continue;
            }
            if (t.StartsWith("- ", StringComparison.Ordinal)) { Flush(); body.Add(new SourceElement(SourceElementKind.Bullet, t[2..].Trim())); continue; }
            if (t.StartsWith('|'))
            {
                Flush();
                var cells = t.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                if (cells.All(c => Regex.IsMatch(c, @"^:?-{2,}:?$"))) continue; // markdown separator row
                body.Add(new SourceElement(SourceElementKind.TableRow, string.Join(" | ", cells), 0, null, cells));
                continue;
            }
            var fn = FootnoteDef().Match(t);
            if (fn.Success) { Flush(); footnotes[fn.Groups["id"].Value] = fn.Groups["text"].Value.Trim(); continue; }
            para.Add(t);
        }
        Flush();

        var features = (header.GetValueOrDefault("features") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => f is not ("none" or "empty"))
            .ToHashSet(StringComparer.Ordinal);
        var expected = header.Where(kv => kv.Key.StartsWith("expected.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["expected.".Length..], kv => kv.Value, StringComparer.Ordinal);
        var themes = (header.GetValueOrDefault("themes") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new SampleSource(path,
            header.GetValueOrDefault("file") ?? throw new FormatException($"{path}: header has no 'file'"),
            header.GetValueOrDefault("format") ?? throw new FormatException($"{path}: header has no 'format'"),
            features, expected, themes, title, body, footnotes);
    }

    /// <summary>Text as a reader sees it: tracked changes accepted, footnote markers removed.</summary>
    public static string Accepted(string text)
    {
        text = Deletion().Replace(text, "");
        text = Insertion().Replace(text, m => m.Groups["t"].Value);
        text = FootnoteRef().Replace(text, "");
        return Regex.Replace(text, @"\s{2,}", " ").Trim();
    }

    /// <summary>Splits text into (kind, text) runs: plain, inserted, deleted, footnote reference.</summary>
    public static IEnumerable<(char Kind, string Text)> Runs(string text)
    {
        var rx = new Regex(@"\{\+(?<ins>.*?)\+\}|\{-(?<del>.*?)-\}|\[\^(?<fn>[^\]]+)\]", RegexOptions.Singleline);
        int pos = 0;
        foreach (Match m in rx.Matches(text))
        {
            if (m.Index > pos) yield return ('p', text[pos..m.Index]);
            if (m.Groups["ins"].Success) yield return ('+', m.Groups["ins"].Value);
            else if (m.Groups["del"].Success) yield return ('-', m.Groups["del"].Value);
            else yield return ('f', m.Groups["fn"].Value);
            pos = m.Index + m.Length;
        }
        if (pos < text.Length) yield return ('p', text[pos..]);
    }
}
