using System.Text.RegularExpressions;
using ThemeMiner.Core.Text;

namespace ThemeMiner.Core.Parsing.Pdf;

/// <summary>An entry of the PDF outline (bookmarks), flattened.</summary>
internal sealed record OutlineEntry(string Title, int Level, int? Page);

/// <summary>
/// Groups cleaned PDF lines into blocks: paragraphs (continuing across column and page breaks), headings
/// (from the outline when there is one, else font size/weight and numbering), list items and title-page lines.
/// </summary>
internal sealed partial class PdfBlockBuilder
{
    private readonly List<PdfLine> _lines;
    private readonly IReadOnlyList<OutlineEntry> _outline;
    private readonly double _bodySize;
    private readonly bool _bodyBold;
    private readonly double _pitch;
    private readonly Dehyphenator _dehyphenator;
    private readonly Dictionary<(int Page, int Column), double> _columnRight = [];
    private readonly Dictionary<(int Page, int Column), double> _columnLeft = [];
    private List<double> _headingSizes = [];

    [GeneratedRegex(@"^[•▪●◦■\-–]\s+")]
    private static partial Regex BulletRegex();

    [GeneratedRegex(@"[.!?:;""”’)\]]$")]
    private static partial Regex TerminalRegex();

    public PdfBlockBuilder(List<PdfLine> bodyLines, IReadOnlyList<OutlineEntry> outline)
    {
        _lines = bodyLines;
        _outline = outline;
        var sizeWeights = new Dictionary<double, int>();
        int boldChars = 0, allChars = 0;
        foreach (var l in bodyLines)
        {
            sizeWeights[l.FontSize] = sizeWeights.GetValueOrDefault(l.FontSize) + l.Text.Length;
        }
        _bodySize = sizeWeights.Count == 0 ? 10 : sizeWeights.MaxBy(kv => kv.Value).Key;
        foreach (var l in bodyLines.Where(l => Math.Abs(l.FontSize - _bodySize) < 0.3))
        {
            allChars += l.Text.Length;
            if (l.Bold) boldChars += l.Text.Length;
        }
        _bodyBold = boldChars * 2 > allChars;
        _pitch = EstimatePitch(bodyLines, _bodySize);
        foreach (var g in bodyLines.GroupBy(l => (l.Page, l.Column)))
        {
            _columnRight[g.Key] = g.Max(l => l.Right);
            _columnLeft[g.Key] = g.Min(l => l.Left);
        }
        _dehyphenator = new Dehyphenator(Dehyphenator.BuildVocabulary(bodyLines.Select(l => l.Text)));
    }

    public double BodyFontSize => _bodySize;

    private static double EstimatePitch(List<PdfLine> lines, double bodySize)
    {
        var diffs = new List<double>();
        for (int i = 1; i < lines.Count; i++)
        {
            var a = lines[i - 1]; var b = lines[i];
            if (a.Page != b.Page || a.Column != b.Column) continue;
            if (Math.Abs(a.FontSize - bodySize) > 0.3 || Math.Abs(b.FontSize - bodySize) > 0.3) continue;
            double d = a.Baseline - b.Baseline;
            if (d > 0 && d < bodySize * 2.5) diffs.Add(d);
        }
        if (diffs.Count == 0) return bodySize * 1.2;
        diffs.Sort();
        return diffs[diffs.Count / 4]; // lower quartile: the within-paragraph line pitch
    }

    private sealed class Candidate
    {
        public List<PdfLine> Lines { get; } = [];
        public bool Bullet { get; init; }
        public PdfLine First => Lines[0];
        public PdfLine Last => Lines[^1];
    }

    public List<TextBlock> Build(int firstContentPage)
    {
        var candidates = Group();
        var blocks = new List<TextBlock>(candidates.Count);
        bool seenHeading = false;
        // A first page with little text is a title page: everything on it is title-page lines, whatever its size.
        int firstPageWords = _lines.Where(l => l.Page == firstContentPage).Sum(l => Model.TextMetrics.CountWords(l.Text));
        bool titlePage = firstPageWords is > 0 and <= 150;
        _headingSizes = _lines.Where(l => l.FontSize > _bodySize + 1.2 && !(titlePage && l.Page == firstContentPage))
            .Select(l => l.FontSize).Distinct().OrderDescending().ToList();
        foreach (var c in candidates)
        {
            var text = _dehyphenator.JoinLines(c.Lines.Select(l => l.Text).ToList());
            text = TextCleaner.Normalise(text);
            if (text.Length == 0) continue;
            int pStart = c.First.Page, pEnd = c.Last.Page;
            double size = c.Lines.Max(l => l.FontSize);
            if (titlePage && pStart == firstContentPage)
            {
                foreach (var line in c.Lines)
                    blocks.Add(new TextBlock(BlockKind.TitleLine, TextCleaner.Normalise(line.Text), line.Page, line.Page, 0, null, line.FontSize));
                continue;
            }
            int level = HeadingLevel(c, text);
            if (level > 0)
            {
                seenHeading = true;
                ParagraphNumbering.TrySplit(text, out var number, out _);
                blocks.Add(new TextBlock(BlockKind.Heading, text, pStart, pEnd, level, number.Length > 0 ? number : null, size));
            }
            else if (!seenHeading && pStart == firstContentPage)
            {
                foreach (var line in c.Lines)
                    blocks.Add(new TextBlock(BlockKind.TitleLine, TextCleaner.Normalise(line.Text), line.Page, line.Page, 0, null, line.FontSize));
            }
            else if (c.Bullet)
            {
                blocks.Add(new TextBlock(BlockKind.ListItem, BulletRegex().Replace(text, ""), pStart, pEnd, 0, null, size));
            }
            else if (ParagraphNumbering.TrySplit(text, out var number, out var rest))
            {
                blocks.Add(new TextBlock(BlockKind.Paragraph, rest, pStart, pEnd, 0, number, size));
            }
            else
            {
                blocks.Add(new TextBlock(BlockKind.Paragraph, text, pStart, pEnd, 0, null, size));
            }
        }
        return blocks;
    }

    private List<Candidate> Group()
    {
        var result = new List<Candidate>();
        Candidate? current = null;
        foreach (var line in _lines)
        {
            if (current is null || StartsNew(current, line))
            {
                current = new Candidate { Bullet = BulletRegex().IsMatch(line.Text) };
                result.Add(current);
            }
            current.Lines.Add(line);
        }
        return result;
    }

    private bool IsHeadingStyle(PdfLine l) =>
        l.FontSize > _bodySize + 1.2 || (l.Bold && !_bodyBold && Math.Abs(l.FontSize - _bodySize) < 1.3);

    private bool StartsNew(Candidate c, PdfLine line)
    {
        var prev = c.Last;
        bool sameStream = prev.Page == line.Page && prev.Column == line.Column;
        if (IsHeadingStyle(prev) != IsHeadingStyle(line) || Math.Abs(prev.FontSize - line.FontSize) > 0.6) return true;
        if (BulletRegex().IsMatch(line.Text)) return true;
        if (MatchesOutline(line) is not null && (c.Lines.Count > 0 && MatchesOutline(c.First) is null)) return true;
        bool endsSentence = TerminalRegex().IsMatch(prev.Text);
        if (ParagraphNumbering.StartsWithNumber(line.Text) && (endsSentence || !IsFull(prev) || !sameStream)) return true;
        if (sameStream)
        {
            double gap = prev.Baseline - line.Baseline;
            if (gap < 0 || gap > _pitch * 1.45) return true;          // paragraph spacing, or a jump back up the page
            if (c.Bullet && Math.Abs(line.Left - _columnLeft[(line.Page, line.Column)]) < 1.0 && endsSentence) return true;
            return false;
        }
        // Column or page break: continue the paragraph only when it evidently runs on.
        if (IsHeadingStyle(prev)) return true;
        bool startsLower = line.Text.Length > 0 && char.IsLower(line.Text[0]);
        return !(startsLower || !endsSentence || IsFull(prev));
    }

    /// <summary>A line that reaches (nearly) the right edge of its column: the paragraph goes on after it.</summary>
    private bool IsFull(PdfLine l)
    {
        var key = (l.Page, l.Column);
        double right = _columnRight[key], left = _columnLeft[key];
        return l.Right >= right - (right - left) * 0.1;
    }

    private OutlineEntry? MatchesOutline(PdfLine l)
    {
        if (_outline.Count == 0) return null;
        var key = Simplify(l.Text);
        if (key.Length == 0) return null;
        foreach (var o in _outline)
        {
            if (o.Page is int p && p != l.Page) continue;
            var ok = Simplify(o.Title);
            if (ok.Length > 0 && (ok == key || ok.StartsWith(key, StringComparison.Ordinal) && key.Length >= 8)) return o;
        }
        return null;
    }

    private int HeadingLevel(Candidate c, string text)
    {
        if (_outline.Count > 0)
        {
            var full = Simplify(text);
            foreach (var o in _outline)
                if ((o.Page is null || o.Page == c.First.Page) && Simplify(o.Title) == full) return o.Level;
            // An outline exists: styled lines it does not name are still headings (outlines often stop at level 2).
        }
        if (!IsHeadingStyle(c.First)) return 0;
        if (c.Lines.Count > 3 || Model.TextMetrics.CountWords(text) > 20) return 0;
        if (text.EndsWith('.') && !ParagraphNumbering.StartsWithNumber(text)) return 0;
        if (ParagraphNumbering.TrySplit(text + " ", out var number, out _) || NumberOnly(text, out number))
            return Math.Min(ParagraphNumbering.Depth(number), 6);
        if (c.First.FontSize > _bodySize + 1.2)
        {
            int idx = _headingSizes.FindIndex(s => Math.Abs(s - c.First.FontSize) < 0.3);
            return Math.Min(idx < 0 ? 1 : idx + 1, 6);
        }
        return _headingSizes.Count + 1; // bold at body size: the lowest heading level
    }

    private static bool NumberOnly(string text, out string number)
    {
        var m = Regex.Match(text, @"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S");
        number = m.Success ? m.Groups[1].Value : string.Empty;
        return m.Success;
    }

    private static string Simplify(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (char ch in s) if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }
}
