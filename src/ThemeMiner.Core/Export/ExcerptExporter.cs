using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Export;

/// <summary>One collected excerpt: the passage as indexed and the review it comes from.</summary>
public sealed record Excerpt(IndexedPassage Passage, IndexedReview Review);

/// <summary>
/// A trainer's excerpt pack: Word (a title page, each excerpt as a quotation with its citation and themes, then the
/// list of sources) or CSV (one row per excerpt, RFC 4180 quoting, for a spreadsheet).
/// </summary>
public static class ExcerptExporter
{
    public static string Citation(Excerpt e) => Citations.Format(e.Review.Metadata.Title ?? e.Review.Title, e.Review.Metadata.Area,
        e.Review.Metadata.PublicationYear, e.Passage.Passage.Paragraph, e.Passage.Passage.PageStart, e.Passage.Passage.PageEnd);

    private static string Themes(Excerpt e, Taxonomy taxonomy) =>
        string.Join("; ", e.Passage.Themes.OrderByDescending(t => e.Passage.Scores.GetValueOrDefault(t))
            .Select(t => $"{taxonomy.Find(t)?.Label ?? t} ({Math.Round(e.Passage.Scores.GetValueOrDefault(t) * 100):0}%)"));

    public static byte[] Docx(IReadOnlyList<Excerpt> excerpts, Taxonomy taxonomy, DateTime created, string title = "Case review excerpts")
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = "ThemeMiner";
            doc.PackageProperties.Created = created;
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var body = new Body();

            body.Append(Para(title, "Title"));
            body.Append(Para($"{excerpts.Count} {(excerpts.Count == 1 ? "excerpt" : "excerpts")} from {excerpts.Select(e => e.Review.Id).Distinct().Count()} published case reviews, collected on {created.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.", null));
            body.Append(Para("Each excerpt is quoted as the review publishes it, with its citation (review, area, year, paragraph and pages) and the themes ThemeMiner tagged it with, with the model's confidence. Page numbers are those of the PDF; Word reviews give approximate pages or none.", null));
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

            body.Append(Para("Excerpts", "Heading1"));
            int n = 0;
            foreach (var e in excerpts)
            {
                body.Append(Para($"{++n}. {e.Review.Metadata.Title ?? e.Review.Title ?? "Untitled review"}", "Heading2"));
                body.Append(Para(e.Passage.Passage.Text, "Quote"));
                body.Append(Para(Citation(e), "Citation"));
                if (e.Passage.Themes.Count > 0) body.Append(Para("Themes: " + Themes(e, taxonomy), "Citation"));
            }

            body.Append(Para("Sources", "Heading1"));
            foreach (var r in excerpts.Select(e => e.Review).DistinctBy(r => r.Id).OrderBy(r => r.Metadata.Title ?? r.Title, StringComparer.Ordinal))
            {
                var m = r.Metadata;
                var parts = new List<string?> { m.Title ?? r.Title, m.Partnership, m.PublicationYear?.ToString(CultureInfo.InvariantCulture),
                    m.ReviewType is { } t ? Names.Of(t) : null, Path.GetFileName(r.Source), $"ThemeMiner id {r.Id[..12]}" };
                body.Append(Para(string.Join(". ", parts.Where(p => !string.IsNullOrEmpty(p))) + ".", "Source"));
            }
            body.Append(new SectionProperties(new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    internal static Paragraph Para(string text, string? style)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        p.Append(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    internal static Styles Styles()
    {
        Style S(string id, string name, bool paragraph, int sizeHalfPoints, bool bold = false, bool italic = false, int? outline = null, int indent = 0, int after = 120)
        {
            // Schema order inside w:rPr: fonts, bold, italic, then size.
            var rpr = new StyleRunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial" });
            if (bold) rpr.Append(new Bold());
            if (italic) rpr.Append(new Italic());
            rpr.Append(new FontSize { Val = sizeHalfPoints.ToString(CultureInfo.InvariantCulture) });
            var ppr = new StyleParagraphProperties(new SpacingBetweenLines { After = after.ToString(CultureInfo.InvariantCulture) });
            if (indent > 0) ppr.Append(new Indentation { Left = indent.ToString(CultureInfo.InvariantCulture) });
            if (outline is int o) ppr.Append(new OutlineLevel { Val = o });
            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, ppr, rpr) { Type = paragraph ? StyleValues.Paragraph : StyleValues.Character, StyleId = id };
        }
        var normal = new Style(new StyleName { Val = "Normal" }, new StyleRunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial" }, new FontSize { Val = "24" }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };
        return new Styles(normal,
            S("Title", "Title", true, 56, bold: true, after: 360),
            S("Heading1", "heading 1", true, 36, bold: true, outline: 0, after: 240),
            S("Heading2", "heading 2", true, 28, bold: true, outline: 1),
            S("Quote", "Quote", true, 24, italic: true, indent: 567),
            S("Citation", "Citation", true, 20, indent: 567),
            S("Source", "Source", true, 22));
    }

    public static string Csv(IReadOnlyList<Excerpt> excerpts, Taxonomy taxonomy)
    {
        var sb = new StringBuilder();
        static string Q(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        sb.Append("order,passageId,reviewId,review,area,year,paragraph,pageStart,pageEnd,sectionType,citation,themes,text\r\n");
        int n = 0;
        foreach (var e in excerpts)
        {
            var p = e.Passage.Passage;
            var fields = new[]
            {
                (++n).ToString(CultureInfo.InvariantCulture), p.Id, e.Review.Id, e.Review.Metadata.Title ?? e.Review.Title, e.Review.Metadata.Area,
                e.Review.Metadata.PublicationYear?.ToString(CultureInfo.InvariantCulture), p.Paragraph, p.PageStart?.ToString(CultureInfo.InvariantCulture),
                p.PageEnd?.ToString(CultureInfo.InvariantCulture), Names.Of(p.SectionType), Citation(e), Themes(e, taxonomy), p.Text,
            };
            sb.Append(string.Join(',', fields.Select(Q))).Append("\r\n");
        }
        return sb.ToString();
    }
}
