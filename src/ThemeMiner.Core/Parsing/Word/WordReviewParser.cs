using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Text;

namespace ThemeMiner.Core.Parsing.Word;

/// <summary>
/// Word (.docx) parser (Open XML SDK). Headings from w:outlineLvl then style; list numbering turned into the
/// displayed paragraph number; tables as text rows; footnotes as separate blocks; tracked changes read as
/// accepted; headers and footers excluded. Pages come only from rendered page breaks (approximate), else unknown.
/// </summary>
public sealed class WordReviewParser : IReviewFormatParser
{
    public SourceFormat Format => SourceFormat.Docx;

    public ExtractedDocument Extract(byte[] content, ParseLimits limits, CancellationToken cancellationToken)
    {
        WordprocessingDocument doc;
        try
        {
            doc = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false,
                new OpenSettings { AutoSave = false, MaxCharactersInPart = 200_000_000 });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ReviewParseException(FailureKind.Corrupt, $"the Word file is damaged and could not be opened ({FirstLine(ex)}): re-save it in Word as .docx", ex);
        }
        using (doc)
        {
            try
            {
                var main = doc.MainDocumentPart;
                var body = main?.Document?.Body;
                if (main is null || body is null)
                    throw new ReviewParseException(FailureKind.NotWordProcessing, "the package has no Word document body: save the review as .docx or PDF");
                return new Walker(main, limits, cancellationToken).Run(body);
            }
            catch (Exception ex) when (ex is not ReviewParseException and not OperationCanceledException)
            {
                throw new ReviewParseException(FailureKind.Corrupt, $"the Word file is damaged and could not be read ({FirstLine(ex)}): re-save it in Word as .docx", ex);
            }
        }
    }

    private static string FirstLine(Exception ex)
    {
        var s = ex.Message.Split('\n')[0].Trim();
        return s.Length > 120 ? s[..120] : s;
    }

    private sealed class StyleInfo
    {
        public string? BasedOn;
        public string Name = string.Empty;
        public int? OutlineLevel;
        public int? NumId;
        public int? NumLevel;
        public double? FontSize;
    }

    private sealed class Walker
    {
        private readonly MainDocumentPart _main;
        private readonly CancellationToken _ct;
        private readonly Dictionary<string, StyleInfo> _styles = new(StringComparer.Ordinal);
        private readonly WordNumbering _numbering;
        private readonly Dictionary<string, string> _footnotes = new(StringComparer.Ordinal);
        private readonly List<TextBlock> _blocks = [];
        private readonly bool _hasRenderedBreaks;
        private int _page = 1;
        private readonly ParseLimits _limits;
        private int _footnotesEmitted;

        public Walker(MainDocumentPart main, ParseLimits limits, CancellationToken ct)
        {
            _main = main;
            _limits = limits;
            _ct = ct;
            LoadStyles();
            _numbering = new WordNumbering(main.NumberingDefinitionsPart?.Numbering);
            LoadFootnotes();
            _hasRenderedBreaks = main.Document!.Body!.Descendants<LastRenderedPageBreak>().Any();
        }

        public ExtractedDocument Run(Body body)
        {
            WalkContainer(body);
            var issues = new List<ParseIssue>();
            int? pageCount = null;
            PageProvenance provenance;
            if (_hasRenderedBreaks)
            {
                provenance = PageProvenance.Approximate;
                pageCount = _page;
                if (pageCount > _limits.MaxPages)
                    throw new ReviewParseException(FailureKind.TooManyPages, $"the Word file has about {pageCount} pages, over the limit of {_limits.MaxPages} (raise --max-pages to parse it)");
                issues.Add(new ParseIssue("pages-approximate", "page numbers come from the page breaks Word last rendered and may differ from a printed copy"));
            }
            else
            {
                provenance = PageProvenance.Unknown;
                issues.Add(new ParseIssue("pages-unknown", "the Word file records no rendered page breaks: page numbers are unknown"));
            }
            if (_footnotesEmitted > 0)
                issues.Add(new ParseIssue("footnotes", $"{_footnotesEmitted} footnotes kept as separate passages after the paragraph that cites them"));
            var blocks = provenance == PageProvenance.Unknown
                ? _blocks.Select(b => b with { PageStart = null, PageEnd = null }).ToList()
                : _blocks;
            if (!blocks.Any(b => b.Text.Length > 0))
                throw new ReviewParseException(FailureKind.NeedsOcr, "the Word file contains no text (only images?): it needs OCR or a text version");
            return new ExtractedDocument(SourceFormat.Docx, blocks, pageCount, provenance, issues);
        }

        private void LoadStyles()
        {
            var styles = _main.StyleDefinitionsPart?.Styles;
            if (styles is null) return;
            foreach (var s in styles.Elements<Style>())
            {
                if (s.StyleId?.Value is not string id) continue;
                var ppr = s.StyleParagraphProperties;
                _styles[id] = new StyleInfo
                {
                    BasedOn = s.BasedOn?.Val?.Value,
                    Name = s.StyleName?.Val?.Value ?? id,
                    OutlineLevel = ppr?.OutlineLevel?.Val?.Value,
                    NumId = ppr?.NumberingProperties?.NumberingId?.Val?.Value,
                    NumLevel = ppr?.NumberingProperties?.NumberingLevelReference?.Val?.Value,
                    FontSize = s.StyleRunProperties?.FontSize?.Val?.Value is string sz && double.TryParse(sz, System.Globalization.CultureInfo.InvariantCulture, out var hp) ? hp / 2 : null,
                };
            }
        }

        private T? FromStyle<T>(string? styleId, Func<StyleInfo, T?> get) where T : struct
        {
            for (int guard = 0; styleId is not null && guard < 20; guard++)
            {
                if (!_styles.TryGetValue(styleId, out var s)) return null;
                var v = get(s);
                if (v is not null) return v;
                styleId = s.BasedOn;
            }
            return null;
        }

        private string StyleName(string? styleId) =>
            styleId is not null && _styles.TryGetValue(styleId, out var s) ? s.Name : styleId ?? string.Empty;

        private void LoadFootnotes()
        {
            var notes = _main.FootnotesPart?.Footnotes;
            if (notes is null) return;
            foreach (var fn in notes.Elements<Footnote>())
            {
                var type = fn.Type?.Value;
                if (type == FootnoteEndnoteValues.Separator || type == FootnoteEndnoteValues.ContinuationSeparator || type == FootnoteEndnoteValues.ContinuationNotice) continue;
                if (fn.Id?.Value is not long id) continue;
                var text = TextCleaner.Normalise(string.Join(' ', fn.Elements<Paragraph>().Select(p => ParagraphText(p, out _, countPages: false))));
                if (text.Length > 0) _footnotes[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = text;
            }
        }

        private void WalkContainer(OpenXmlElement container)
        {
            foreach (var el in container.ChildElements)
            {
                _ct.ThrowIfCancellationRequested();
                switch (el)
                {
                    case Paragraph p: AddParagraph(p); break;
                    case Table t: AddTable(t); break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } c: WalkContainer(c); break;
                    case CustomXmlBlock cx: WalkContainer(cx); break;
                    case InsertedRun or MoveToRun: WalkContainer(el); break;
                }
            }
        }

        private void AddParagraph(Paragraph p)
        {
            var ppr = p.ParagraphProperties;
            var styleId = ppr?.ParagraphStyleId?.Val?.Value;
            int pageStart = _page;
            var raw = ParagraphText(p, out var footnoteIds, countPages: true);
            // A rendered break before any text moves the whole paragraph to the next page.
            if (BreakBeforeText(p)) pageStart = Math.Min(pageStart + 1, _page);
            var text = TextCleaner.Normalise(raw);
            var styleName = StyleName(styleId);
            if (styleName.StartsWith("toc", StringComparison.OrdinalIgnoreCase) || text.Length == 0) { EmitFootnotes(footnoteIds, pageStart); return; }

            int? outline = ppr?.OutlineLevel?.Val?.Value ?? FromStyle(styleId, s => s.OutlineLevel);
            int headingLevel = outline is int o && o < 9 ? o + 1 : HeadingFromStyleName(styleName);
            bool isTitle = styleName.Equals("Title", StringComparison.OrdinalIgnoreCase) || styleName.Equals("Subtitle", StringComparison.OrdinalIgnoreCase);

            int numId = ppr?.NumberingProperties?.NumberingId?.Val?.Value ?? FromStyle(styleId, s => s.NumId) ?? 0;
            int ilvl = ppr?.NumberingProperties?.NumberingLevelReference?.Val?.Value ?? FromStyle(styleId, s => s.NumLevel) ?? 0;
            var (label, bullet) = numId != 0 ? _numbering.Next(numId, ilvl) : (null, false);
            var number = label?.TrimEnd('.', ')');
            double size = isTitle ? 28 : RunFontSize(p) ?? FromStyle(styleId, s => s.FontSize) ?? 11;

            if (isTitle)
                _blocks.Add(new TextBlock(BlockKind.TitleLine, text, pageStart, _page, 0, null, size));
            else if (headingLevel > 0)
            {
                var headingText = number is { Length: > 0 } ? $"{label} {text}" : text;
                ParagraphNumbering.TrySplit(headingText, out var hn, out _);
                _blocks.Add(new TextBlock(BlockKind.Heading, headingText, pageStart, _page, Math.Min(headingLevel, 6), hn.Length > 0 ? hn : number, size));
            }
            else if (bullet)
                _blocks.Add(new TextBlock(BlockKind.ListItem, text, pageStart, _page, 0, null, size));
            else if (number is { Length: > 0 } && char.IsDigit(number[0]))
                _blocks.Add(new TextBlock(BlockKind.Paragraph, text, pageStart, _page, 0, number, size));
            else if (number is { Length: > 0 })
                _blocks.Add(new TextBlock(BlockKind.ListItem, $"{label} {text}", pageStart, _page, 0, null, size));
            else if (ParagraphNumbering.TrySplit(text, out var typed, out var rest))
                _blocks.Add(new TextBlock(BlockKind.Paragraph, rest, pageStart, _page, 0, typed, size));
            else
                _blocks.Add(new TextBlock(BlockKind.Paragraph, text, pageStart, _page, 0, null, size));
            EmitFootnotes(footnoteIds, pageStart);
        }

        private void EmitFootnotes(List<string> ids, int page)
        {
            foreach (var id in ids)
            {
                if (!_footnotes.TryGetValue(id, out var note)) continue;
                _blocks.Add(new TextBlock(BlockKind.Footnote, note, page, page, 0, id));
                _footnotesEmitted++;
            }
        }

        private static bool BreakBeforeText(Paragraph p)
        {
            foreach (var d in p.Descendants())
            {
                if (d is LastRenderedPageBreak) return true;
                if (d is DocumentFormat.OpenXml.Wordprocessing.Text t && t.Text.Length > 0) return false;
            }
            return false;
        }

        private static int HeadingFromStyleName(string name)
        {
            if (name.StartsWith("heading", StringComparison.OrdinalIgnoreCase))
            {
                var digits = new string(name.Where(char.IsDigit).ToArray());
                if (int.TryParse(digits, out var n) && n is >= 1 and <= 9) return n;
            }
            return 0;
        }

        private static double? RunFontSize(Paragraph p)
        {
            var sz = p.Descendants<RunProperties>().Select(r => r.FontSize?.Val?.Value).FirstOrDefault(v => v is not null);
            return sz is not null && double.TryParse(sz, System.Globalization.CultureInfo.InvariantCulture, out var hp) ? hp / 2 : null;
        }

        private void AddTable(Table t)
        {
            int pageStart = _page;
            var rows = new List<string>();
            foreach (var row in t.Descendants<TableRow>())
            {
                if (row.Ancestors<Table>().FirstOrDefault() != t) continue; // nested tables come through their cell text
                var cells = row.Elements<TableCell>()
                    .Select(c => TextCleaner.Normalise(string.Join(' ', c.Descendants<Paragraph>().Select(p => ParagraphText(p, out _, countPages: true)))))
                    .ToList();
                if (cells.Any(c => c.Length > 0)) rows.Add(string.Join(" | ", cells));
            }
            if (rows.Count > 0) _blocks.Add(new TextBlock(BlockKind.Table, string.Join("\n", rows), pageStart, _page));
        }

        /// <summary>Visible text of a paragraph with tracked changes accepted: insertions kept, deletions and moved-from text dropped.</summary>
        private string ParagraphText(OpenXmlElement p, out List<string> footnoteIds, bool countPages)
        {
            var sb = new StringBuilder();
            footnoteIds = [];
            Append(p, sb, footnoteIds, countPages);
            return sb.ToString();
        }

        private void Append(OpenXmlElement el, StringBuilder sb, List<string> footnoteIds, bool countPages)
        {
            foreach (var child in el.ChildElements)
            {
                switch (child)
                {
                    case ParagraphProperties or RunProperties or DeletedRun or Deleted or MoveFromRun or DeletedText or FieldCode:
                        continue;
                    case DocumentFormat.OpenXml.Wordprocessing.Text t: sb.Append(t.Text); break;
                    case TabChar: sb.Append(' '); break;
                    case Break br:
                        sb.Append(' ');
                        break;
                    case CarriageReturn: sb.Append(' '); break;
                    case NoBreakHyphen: sb.Append('-'); break;
                    case SoftHyphen: break;
                    case LastRenderedPageBreak: if (countPages && _hasRenderedBreaks) _page++; break;
                    case FootnoteReference fr:
                        if (fr.Id?.Value is long id) footnoteIds.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        if (child.HasChildren) Append(child, sb, footnoteIds, countPages);
                        break;
                }
            }
        }
    }
}
