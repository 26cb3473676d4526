using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace ThemeMiner.Core.Samples;

/// <summary>Where a paragraph or heading of the source landed in the rendered file.</summary>
public sealed record RenderedSpan(string Kind, string? Number, string Text, int? PageStart, int? PageEnd);

public sealed record RenderResult(byte[] Bytes, int? Pages, IReadOnlyList<RenderedSpan> Spans);

/// <summary>
/// Renders a sample source to PDF with PdfPig's writer: A4, standard fonts, title page, running header and
/// page-number footer, optional coversheet, two-column body and outline. Words that do not fit are
/// hyphenated, so the parser's repair is exercised. Output is byte-for-byte deterministic.
/// </summary>
public sealed class PdfSampleRenderer
{
    private const double PageWidth = 595, PageHeight = 842, Margin = 78, Top = PageHeight - 84, Bottom = 84;
    private const double BodySize = 11.5, Leading = 16, ParaGap = 12;

    private sealed record Placed(int Page, double X, double Y, string Text, bool Bold, double Size);

    private readonly SampleSource _src;
    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular, _bold;
    private readonly PdfPageBuilder _measurePage;
    private readonly PdfDocumentBuilder _measureDoc = new();
    private readonly PdfDocumentBuilder.AddedFont _mRegular, _mBold;
    private readonly Dictionary<(string, bool, double), double> _widths = [];
    private readonly List<Placed> _placed = [];
    private readonly List<(string Title, int Level, int Page, double Y)> _outline = [];
    private readonly List<RenderedSpan> _spans = [];
    private readonly bool _twoColumn;
    private int _page;
    private int _column;
    private double _y;
    private int _firstBodyPage;

    public PdfSampleRenderer(SampleSource src)
    {
        _src = src;
        bool serif = Hash(src.OutputFile) % 2 == 0;
        _regular = _builder.AddStandard14Font(serif ? Standard14Font.TimesRoman : Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(serif ? Standard14Font.TimesBold : Standard14Font.HelveticaBold);
        _mRegular = _measureDoc.AddStandard14Font(serif ? Standard14Font.TimesRoman : Standard14Font.Helvetica);
        _mBold = _measureDoc.AddStandard14Font(serif ? Standard14Font.TimesBold : Standard14Font.HelveticaBold);
        _measurePage = _measureDoc.AddPage(PageWidth, PageHeight);
        _twoColumn = src.Has("two-column");
    }

    internal static uint Hash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) { h ^= c; h *= 16777619; }
        return h;
    }

    /// <summary>PdfPig writes the standard fonts with StandardEncoding, which has no accented letters:
    /// the renderer folds them (café → cafe). With the ligatures feature, "fi"/"fl" are set as ligature glyphs.</summary>
    public static string PdfText(string text, bool ligatures)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark) folded.Append(ch);
        var s = folded.ToString().Normalize(NormalizationForm.FormC);
        return ligatures ? s.Replace("fi", "\uFB01", StringComparison.Ordinal).Replace("fl", "\uFB02", StringComparison.Ordinal) : s;
    }

    private double Width(string text, bool bold, double size)
    {
        if (text.Length == 0) return 0;
        if (_widths.TryGetValue((text, bold, size), out var w)) return w;
        var letters = _measurePage.MeasureText(text, size, new PdfPoint(0, 0), bold ? _mBold : _mRegular);
        w = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        _widths[(text, bold, size)] = w;
        return w;
    }

    private (double Left, double Width) ColumnBox()
    {
        double full = PageWidth - 2 * Margin;
        if (!_twoColumn || _page < _firstBodyPage) return (Margin, full);
        double gutter = 26, w = (full - gutter) / 2;
        return (_column == 0 ? Margin : Margin + w + gutter, w);
    }

    private void NewPage() { _page++; _column = 0; _y = Top; }

    private void NextColumnOrPage()
    {
        if (_twoColumn && _page >= _firstBodyPage && _column == 0) { _column = 1; _y = Top; }
        else NewPage();
    }

    public RenderResult Render()
    {
        _page = 0;
        if (_src.Has("coversheet")) { NewPage(); RenderCoversheet(); }
        NewPage();
        RenderTitlePage();
        _firstBodyPage = _page + 1;
        NewPage();
        bool atTop = true;
        var tableRows = new List<SourceElement>();
        int lastContent = _src.Body.ToList().FindLastIndex(e => e.Kind != SourceElementKind.PageBreak);
        foreach (var el in _src.Body.Take(lastContent + 1))
        {
            if (el.Kind != SourceElementKind.TableRow && tableRows.Count > 0) { RenderTable(tableRows); tableRows.Clear(); atTop = false; }
            switch (el.Kind)
            {
                case SourceElementKind.PageBreak:
                    if (!atTop) { NewPage(); atTop = true; }
                    break;
                case SourceElementKind.Heading:
                    RenderHeading(el, atTop);
                    atTop = false;
                    break;
                case SourceElementKind.Paragraph:
                {
                    var text = SampleSource.Accepted(el.Text);
                    var full = el.Label is null ? text : $"{el.Label} {text}";
                    var span = Flow(full, false, BodySize, atTop ? 0 : ParaGap, 0);
                    _spans.Add(new RenderedSpan("paragraph", el.Number, text, span.Start, span.End));
                    atTop = false;
                    break;
                }
                case SourceElementKind.Bullet:
                {
                    var text = SampleSource.Accepted(el.Text);
                    var span = Flow("• " + text, false, BodySize, atTop ? 0 : ParaGap / 2, 12);
                    _spans.Add(new RenderedSpan("bullet", null, text, span.Start, span.End));
                    atTop = false;
                    break;
                }
                case SourceElementKind.TableRow:
                    tableRows.Add(el);
                    break;
            }
        }
        if (tableRows.Count > 0) RenderTable(tableRows);
        int pages = _page;
        for (int p = 1; p <= pages; p++) _builder.AddPage(PageWidth, PageHeight);
        foreach (var pl in _placed)
            _builder.Pages[pl.Page].AddText(pl.Text, pl.Size, new PdfPoint(pl.X, pl.Y), pl.Bold ? _bold : _regular);
        AddRunningText(pages);
        if (_src.Has("outline")) _builder.Bookmarks = BuildOutline();
        _builder.DocumentInformation.Title = _src.Expected.GetValueOrDefault("title") ?? "";
        _builder.DocumentInformation.Producer = "ThemeMiner sample renderer";
        var bytes = FixId(_builder.Build());
        return new RenderResult(bytes, pages, _spans);
    }

    private void RenderCoversheet()
    {
        var area = _src.Expected.GetValueOrDefault("partnership") ?? "the partnership";
        string[] lines =
        [
            "Case Review Repository",
            "",
            $"This document was deposited in the national case review library by {area}.",
            "It is held in the repository so that practitioners, trainers and researchers can learn from it.",
            "The library does not edit deposited reports; the publishing partnership remains responsible",
            "for the content of the report and for any redactions made before publication.",
            "",
            "Library reference: SCR-" + (Hash(_src.OutputFile) % 90000 + 10000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        double y = 700;
        foreach (var l in lines)
        {
            if (l.Length > 0) _placed.Add(new Placed(_page, Margin, y, l, l == lines[0], l == lines[0] ? 16 : 10));
            y -= l == lines[0] ? 30 : 15;
        }
    }

    private void RenderTitlePage()
    {
        var title = (_src.Expected.GetValueOrDefault("title") ?? "").ToLowerInvariant();
        double y = 640;
        foreach (var line in _src.TitlePage.Select(l => PdfText(l, false)))
        {
            bool isTitle = title.Length > 0 && title.Contains(line.ToLowerInvariant().Trim(), StringComparison.Ordinal);
            double size = isTitle ? 22 : 13;
            foreach (var wrapped in Wrap(line, isTitle, size, PageWidth - 2 * Margin, 0))
            {
                double w = Width(wrapped, isTitle, size);
                _placed.Add(new Placed(_page, (PageWidth - w) / 2, y, wrapped, isTitle, size));
                y -= size * 1.5;
            }
            y -= 10;
        }
    }

    private void RenderHeading(SourceElement el, bool atTop)
    {
        double size = el.Level <= 1 ? 15 : 12.5;
        double before = atTop ? 0 : el.Level <= 1 ? 22 : 16;
        var (_, width) = ColumnBox();
        var lines = Wrap(PdfText(el.Text, false), true, size, width, 0);
        // Keep with next: the heading and two body lines must fit in this column.
        if (_y - before - lines.Count * size * 1.3 - 2 * Leading < Bottom) { NextColumnOrPage(); before = 0; }
        _y -= before;
        int page = _page;
        double headingY = _y;
        foreach (var l in lines)
        {
            var (left, _) = ColumnBox();
            _placed.Add(new Placed(_page, left, _y - size, l, true, size));
            _y -= size * 1.3;
        }
        _y -= 4;
        _outline.Add((el.Text, el.Level, page, headingY));
        _spans.Add(new RenderedSpan("heading", el.Number, el.Text, page, page));
    }

    private (int Start, int End) Flow(string text, bool bold, double size, double before, double indent)
    {
        text = PdfText(text, _src.Has("ligatures"));
        var (_, width) = ColumnBox();
        var lines = Wrap(text, bold, size, width, indent);
        _y -= before;
        int start = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (_y - Leading < Bottom) NextColumnOrPage();
            var (left, _) = ColumnBox();
            _y -= Leading;
            if (start < 0) start = _page;
            _placed.Add(new Placed(_page, left + (i == 0 ? 0 : indent), _y, lines[i], bold, size));
        }
        return (start, _page);
    }

    private void RenderTable(List<SourceElement> rows)
    {
        var (_, width) = ColumnBox();
        int cols = rows.Max(r => r.Cells!.Count);
        double colWidth = width / cols;
        _y -= ParaGap;
        bool header = true;
        var text = new StringBuilder();
        int start = -1;
        foreach (var row in rows)
        {
            var cellLines = row.Cells!.Select(c => Wrap(PdfText(SampleSource.Accepted(c), false), header, BodySize - 1.5, colWidth - 8, 0)).ToList();
            int height = cellLines.Max(c => c.Count);
            if (_y - height * (Leading - 2) < Bottom) NextColumnOrPage();
            if (start < 0) start = _page;
            var (left, _) = ColumnBox();
            for (int line = 0; line < height; line++)
            {
                _y -= Leading - 2;
                for (int c = 0; c < cellLines.Count; c++)
                    if (line < cellLines[c].Count)
                        _placed.Add(new Placed(_page, left + c * colWidth, _y, cellLines[c][line], header, BodySize - 1.5));
            }
            _y -= 5;
            header = false;
            text.AppendLine(string.Join(" | ", row.Cells!.Select(SampleSource.Accepted)));
        }
        _spans.Add(new RenderedSpan("table", null, text.ToString().TrimEnd(), start, _page));
    }

    /// <summary>Greedy line filling; a word that does not fit is hyphenated when a piece of it fits.</summary>
    internal List<string> Wrap(string text, bool bold, double size, double width, double indent)
    {
        var lines = new List<string>();
        var words = new Queue<string>(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var line = new StringBuilder();
        double space = Width(" ", bold, size);
        double avail = width;
        while (words.Count > 0)
        {
            var word = words.Dequeue();
            double current = Width(line.ToString(), bold, size);
            double needed = (line.Length > 0 ? space : 0) + Width(word, bold, size);
            if (current + needed <= avail) { if (line.Length > 0) line.Append(' '); line.Append(word); continue; }
            if (line.Length > 0 && TrySplit(word, avail - current - space, bold, size, out var head, out var tail))
            {
                line.Append(' ').Append(head);
                lines.Add(line.ToString());
                line.Clear();
                avail = width - indent;
                var rest = new Queue<string>(new[] { tail }.Concat(words));
                words = rest;
                continue;
            }
            if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); avail = width - indent; }
            line.Append(word); // a single word wider than the line stays whole
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    private bool TrySplit(string word, double room, bool bold, double size, out string head, out string tail)
    {
        head = tail = string.Empty;
        if (room <= 0) return false;
        int hyphen = word.IndexOf('-');
        if (hyphen > 1 && hyphen < word.Length - 2 && word.Skip(hyphen + 1).All(char.IsLetter))
        {
            var h = word[..(hyphen + 1)];
            if (Width(h, bold, size) <= room) { head = h; tail = word[(hyphen + 1)..]; return true; }
            return false;
        }
        if (word.Length < 8 || !word.All(c => char.IsLetter(c) && char.IsLower(c))) return false;
        for (int k = word.Length - 3; k >= 4; k--)
        {
            bool nice = IsVowel(word[k - 1]) && !IsVowel(word[k]);
            if (!nice) continue;
            var h = word[..k] + "-";
            if (Width(h, bold, size) <= room) { head = h; tail = word[k..]; return true; }
        }
        return false;
    }

    private static bool IsVowel(char c) => "aeiouy".Contains(c);

    private void AddRunningText(int pages)
    {
        var partnership = _src.Expected.GetValueOrDefault("partnership") ?? "";
        var title = _src.Expected.GetValueOrDefault("title") ?? "";
        uint style = Hash(_src.OutputFile) % 3;
        for (int p = _firstBodyPage; p <= pages; p++)
        {
            var page = _builder.Pages[p];
            var header = style == 1 ? $"{title} | OFFICIAL" : $"{partnership}: {title}";
            page.AddText(header, 8.5, new PdfPoint(Margin, PageHeight - 44), _regular);
            var footer = style switch { 0 => $"Page {p} of {pages}", 1 => p.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => $"- {p} -" };
            double w = Width(footer, false, 9);
            page.AddText(footer, 9, new PdfPoint((PageWidth - w) / 2, 40), _regular);
            if (style == 2) page.AddText("Final report for publication", 8, new PdfPoint(Margin, 40), _regular);
        }
    }

    private Bookmarks BuildOutline()
    {
        var roots = new List<BookmarkNode>();
        var stack = new List<(int Level, string Title, int Page, double Y, List<BookmarkNode> Children)>();
        void Close(int downTo)
        {
            while (stack.Count > 0 && stack[^1].Level >= downTo)
            {
                var top = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                var node = new DocumentBookmarkNode(top.Title, top.Level - 1,
                    new ExplicitDestination(top.Page, ExplicitDestinationType.XyzCoordinates, new ExplicitDestinationCoordinates(Margin, top.Y)),
                    top.Children);
                (stack.Count > 0 ? stack[^1].Children : roots).Add(node);
            }
        }
        foreach (var (title, level, page, y) in _outline)
        {
            Close(level);
            stack.Add((level, title, page, y, []));
        }
        Close(0);
        return new Bookmarks(roots);
    }

    /// <summary>PdfPig writes a random /ID; replace it with one derived from the content so output is deterministic.</summary>
    private static byte[] FixId(byte[] pdf)
    {
        var latin = Encoding.Latin1.GetString(pdf);
        int at = latin.LastIndexOf("/ID [", StringComparison.Ordinal);
        if (at < 0) return pdf;
        int end = latin.IndexOf(']', at);
        var original = latin[at..(end + 1)];
        var withoutId = latin.Remove(at, end + 1 - at);
        var hash = Convert.ToHexString(MD5.HashData(Encoding.Latin1.GetBytes(withoutId)));
        var replacement = $"/ID [ <{hash}><{hash}>]";
        if (replacement.Length != original.Length) replacement = replacement.PadRight(original.Length);
        var fixedText = latin.Remove(at, original.Length).Insert(at, replacement);
        return Encoding.Latin1.GetBytes(fixedText);
    }
}
