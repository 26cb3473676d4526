using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace ThemeMiner.Core.Samples;

/// <summary>
/// Renders a sample source to .docx with the Open XML SDK: styles with outline levels, a running header and
/// a page-number footer, and the features the source asks for (tracked changes, auto-numbered paragraphs,
/// tables, footnotes, rendered page breaks every ~420 words as Word saves them). Deterministic output.
/// </summary>
public sealed class DocxSampleRenderer(SampleSource src)
{
    private const int WordsPerPage = 420;
    private static readonly DateTime ChangeDate = new(2021, 11, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly List<RenderedSpan> _spans = [];
    private readonly Dictionary<string, int> _footnoteIds = new(StringComparer.Ordinal);
    private int _page = 1;
    private int _wordsOnPage;
    private int _changeId = 1;
    private bool _pendingBreak;

    private bool RenderedBreaks => src.Has("page-breaks");
    private bool AutoNumber => src.Has("numbered-list");

    public RenderResult Render()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document, true))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            AddNumbering(main);
            if (src.Footnotes.Count > 0 && src.Has("footnotes")) AddFootnotes(main);
            var headerPart = main.AddNewPart<HeaderPart>("rIdHeader1");
            headerPart.Header = new Header(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }),
                new Run(new WText($"{src.Expected.GetValueOrDefault("partnership")}: {src.Expected.GetValueOrDefault("title")}"))));
            var footerPart = main.AddNewPart<FooterPart>("rIdFooter1");
            footerPart.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new WText("Page ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new WText("1")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End })));

            var body = new Body();
            foreach (var line in src.TitlePage)
            {
                bool isTitle = (src.Expected.GetValueOrDefault("title") ?? "").Contains(line, StringComparison.OrdinalIgnoreCase);
                var p = new Paragraph(new ParagraphProperties(
                    isTitle ? new ParagraphStyleId { Val = "Title" } : new ParagraphStyleId { Val = "Normal" },
                    new Justification { Val = JustificationValues.Center }));
                AppendRuns(p, line);
                body.Append(p);
            }
            body.Append(PageBreakParagraph());
            NewPage();

            var table = new List<SourceElement>();
            int lastContent = src.Body.ToList().FindLastIndex(e => e.Kind != SourceElementKind.PageBreak);
            foreach (var el in src.Body.Take(lastContent + 1))
            {
                if (el.Kind != SourceElementKind.TableRow && table.Count > 0) { body.Append(Table(table)); table.Clear(); }
                switch (el.Kind)
                {
                    case SourceElementKind.PageBreak:
                        body.Append(PageBreakParagraph());
                        NewPage();
                        break;
                    case SourceElementKind.Heading:
                        body.Append(Heading(el));
                        break;
                    case SourceElementKind.Paragraph:
                        body.Append(BodyParagraph(el));
                        break;
                    case SourceElementKind.Bullet:
                        body.Append(Bullet(el));
                        break;
                    case SourceElementKind.TableRow:
                        table.Add(el);
                        break;
                }
            }
            if (table.Count > 0) body.Append(Table(table));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = "rIdHeader1" },
                new FooterReference { Type = HeaderFooterValues.Default, Id = "rIdFooter1" },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Right = 1440, Bottom = 1440, Left = 1440, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return new RenderResult(Normalise(ms.ToArray()), RenderedBreaks ? _page : null, _spans);
    }

    private void NewPage()
    {
        _page++;
        _wordsOnPage = 0;
        _pendingBreak = RenderedBreaks;
    }

    private static Paragraph PageBreakParagraph() => new(new Run(new Break { Type = BreakValues.Page }));

    private Paragraph Heading(SourceElement el)
    {
        var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = el.Level <= 1 ? "Heading1" : "Heading2" }));
        var text = el.Text;
        if (AutoNumber && el.Level <= 1 && el.Number is not null && !el.Number.Contains('.'))
        {
            p.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }));
            text = System.Text.RegularExpressions.Regex.Replace(text, @"^\d{1,2}\.?\s+", "");
        }
        int start = _page;
        AppendRuns(p, text);
        _spans.Add(new RenderedSpan("heading", el.Number, el.Text, RenderedBreaks ? start : null, RenderedBreaks ? _page : null));
        return p;
    }

    private Paragraph BodyParagraph(SourceElement el)
    {
        var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Normal" }));
        string text = el.Text;
        if (AutoNumber && el.Number is not null && el.Number.Count(c => c == '.') == 1)
            p.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = 1 }, new NumberingId { Val = 1 }));
        else if (el.Label is not null)
            text = $"{el.Label} {text}";
        int start = _page;
        AppendRuns(p, text);
        _spans.Add(new RenderedSpan("paragraph", el.Number, SampleSource.Accepted(el.Text), RenderedBreaks ? start : null, RenderedBreaks ? _page : null));
        return p;
    }

    private Paragraph Bullet(SourceElement el)
    {
        var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "ListParagraph" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 2 })));
        int start = _page;
        AppendRuns(p, el.Text);
        _spans.Add(new RenderedSpan("bullet", null, SampleSource.Accepted(el.Text), RenderedBreaks ? start : null, RenderedBreaks ? _page : null));
        return p;
    }

    private Table Table(List<SourceElement> rows)
    {
        var table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        bool header = true;
        int start = _page;
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var tr = new TableRow();
            if (header) tr.Append(new TableRowProperties(new TableHeader()));
            foreach (var cell in row.Cells!)
            {
                var p = new Paragraph();
                AppendRuns(p, cell, bold: header);
                tr.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }), p));
            }
            table.Append(tr);
            text.AppendLine(string.Join(" | ", row.Cells!.Select(SampleSource.Accepted)));
            header = false;
        }
        _spans.Add(new RenderedSpan("table", null, text.ToString().TrimEnd(), RenderedBreaks ? start : null, RenderedBreaks ? _page : null));
        return table;
    }

    /// <summary>Adds the text as runs: plain, tracked insertions and deletions, footnote references, and
    /// rendered page breaks where the simulated layout fills a page.</summary>
    private void AppendRuns(Paragraph p, string text, bool bold = false)
    {
        foreach (var (kind, part) in SampleSource.Runs(text))
        {
            switch (kind)
            {
                case '+':
                    var ins = new InsertedRun { Author = "Lead reviewer", Date = ChangeDate, Id = (_changeId++).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    foreach (var r in TextRuns(part, bold)) ins.Append(r);
                    p.Append(ins);
                    break;
                case '-':
                    var del = new DeletedRun { Author = "Lead reviewer", Date = ChangeDate, Id = (_changeId++).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    del.Append(new Run(new DeletedText(part) { Space = SpaceProcessingModeValues.Preserve }));
                    p.Append(del);
                    break;
                case 'f':
                    if (_footnoteIds.TryGetValue(part, out var id))
                        p.Append(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReference { Id = id }));
                    break;
                default:
                    foreach (var r in TextRuns(part, bold)) p.Append(r);
                    break;
            }
        }
    }

    /// <summary>Plain text as one or more runs, inserting w:lastRenderedPageBreak where a page fills.</summary>
    private IEnumerable<Run> TextRuns(string text, bool bold)
    {
        var words = text.Split(' ');
        var sb = new StringBuilder();
        bool breakHere = _pendingBreak;
        _pendingBreak = false;
        for (int i = 0; i < words.Length; i++)
        {
            if (RenderedBreaks && words[i].Length > 0 && ++_wordsOnPage > WordsPerPage)
            {
                if (sb.Length > 0) { yield return MakeRun(sb.ToString(), bold, breakHere); sb.Clear(); breakHere = false; }
                _page++;
                _wordsOnPage = 1;
                breakHere = true;
            }
            if (i > 0) sb.Append(' ');
            sb.Append(words[i]);
        }
        if (sb.Length > 0 || breakHere) yield return MakeRun(sb.ToString(), bold, breakHere);
    }

    private static Run MakeRun(string text, bool bold, bool renderedBreak)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        if (renderedBreak) run.Append(new LastRenderedPageBreak());
        run.Append(new WText(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private void AddFootnotes(MainDocumentPart main)
    {
        var part = main.AddNewPart<FootnotesPart>("rIdFootnotes");
        var notes = new Footnotes(
            new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        int next = 1;
        foreach (var (key, text) in src.Footnotes)
        {
            _footnoteIds[key] = next;
            notes.Append(new Footnote(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }),
                new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()),
                new Run(new WText(" " + text) { Space = SpaceProcessingModeValues.Preserve }))) { Id = next });
            next++;
        }
        part.Footnotes = notes;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
        Style Para(string id, string name, int? outline, int halfPoints, bool bold, string? basedOn = "Normal")
        {
            var s = new Style { Type = StyleValues.Paragraph, StyleId = id };
            s.Append(new StyleName { Val = name });
            if (basedOn is not null) s.Append(new BasedOn { Val = basedOn });
            var ppr = new StyleParagraphProperties(new SpacingBetweenLines { After = "160", Line = "276", LineRule = LineSpacingRuleValues.Auto });
            if (outline is int o) ppr.Append(new OutlineLevel { Val = o });
            s.Append(ppr);
            var rpr = new StyleRunProperties();
            if (bold) rpr.Append(new Bold());
            rpr.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            s.Append(rpr);
            return s;
        }
        var normal = Para("Normal", "Normal", null, 22, false, null);
        normal.Default = true;
        part.Styles = new Styles(
            normal,
            Para("Title", "Title", null, 52, true),
            Para("Heading1", "heading 1", 0, 32, true),
            Para("Heading2", "heading 2", 1, 26, true),
            Para("ListParagraph", "List Paragraph", null, 22, false),
            Para("Header", "header", null, 18, false),
            Para("FootnoteText", "footnote text", null, 18, false),
            new Style(new StyleName { Val = "footnote reference" }, new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
            { Type = StyleValues.Character, StyleId = "FootnoteReference" },
            new Style(new StyleName { Val = "Table Grid" }) { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    private static void AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>("rIdNumbering");
        Level Lvl(int ilvl, NumberFormatValues fmt, string text, int indent) => new(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = fmt },
            new LevelText { Val = text },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = indent.ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "567" }))
        { LevelIndex = ilvl };
        var decimalList = new AbstractNum(
            Lvl(0, NumberFormatValues.Decimal, "%1.", 567),
            Lvl(1, NumberFormatValues.Decimal, "%1.%2", 567),
            Lvl(2, NumberFormatValues.Decimal, "%1.%2.%3", 1134)) { AbstractNumberId = 1 };
        var bullets = new AbstractNum(Lvl(0, NumberFormatValues.Bullet, "•", 720)) { AbstractNumberId = 2 };
        part.Numbering = new Numbering(decimalList, bullets,
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
            new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 2 });
    }

    /// <summary>Rewrites the zip with fixed timestamps so the same source always gives the same bytes.</summary>
    private static byte[] Normalise(byte[] docx)
    {
        var stamp = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var input = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var target = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                target.LastWriteTime = stamp;
                using var from = entry.Open();
                using var to = target.Open();
                if (entry.FullName == "_rels/.rels")
                {
                    // The SDK names the package's link to the main part with a random id; fix it.
                    var xml = new StreamReader(from).ReadToEnd();
                    xml = System.Text.RegularExpressions.Regex.Replace(xml, @"Id=""R[0-9a-f]+""", @"Id=""rIdMainDocument""");
                    var bytes = new UTF8Encoding(true).GetBytes(xml);
                    to.Write(bytes);
                }
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }
}
