using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Core.Export;

/// <summary>The prevalence report as a Word document: each figure in a table, and under each theme the passages behind it.</summary>
public static class ReportDocx
{
    public static byte[] Build(PrevalenceReport r, Taxonomy taxonomy, IReadOnlyDictionary<string, IReadOnlyList<SearchHit>> evidence, DateTime created)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = "Prevalence report: " + ReportOutput.Scope(r);
            doc.PackageProperties.Creator = "ThemeMiner";
            doc.PackageProperties.Created = created;
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = ExcerptExporter.Styles();
            var body = new Body();
            body.Append(ExcerptExporter.Para("Prevalence report: " + ReportOutput.Scope(r), "Title"));
            body.Append(ExcerptExporter.Para(ReportOutput.CountingRule, null));
            body.Append(ExcerptExporter.Para($"{r.Reviews} reviews: " + string.Join(", ", r.Outcomes.Select(o => $"{o.Value} {o.Count} ({ReportOutput.Pct(o.Count, r.Reviews)})")) + ".", null));
            body.Append(ExcerptExporter.Para($"Toxic trio (parental mental health, domestic abuse and substance misuse in one review): {r.ToxicTrio} of {r.Reviews} ({ReportOutput.Pct(r.ToxicTrio, r.Reviews)}).", null));

            body.Append(ExcerptExporter.Para("Child's age band", "Heading1"));
            body.Append(Table(["Age band", "Reviews", "Share"], r.ReviewsByAgeBand.Select(a => new[] { a.Value, a.Count.ToString(CultureInfo.InvariantCulture), ReportOutput.Pct(a.Count, r.Reviews) })));
            body.Append(ExcerptExporter.Para("Harm", "Heading1"));
            body.Append(Table(["Harm", "Reviews", "Share"], r.Harms.Select(h => new[] { h.Value, h.Count.ToString(CultureInfo.InvariantCulture), ReportOutput.Pct(h.Count, r.Reviews) })));

            foreach (var g in ReportOutput.Groups(r))
            {
                body.Append(ExcerptExporter.Para(g.Key, "Heading1"));
                body.Append(Table(["Theme", "Reviews", "Share", "Passages"], g.Select(t => new[] { t.Theme.Label, t.Reviews.ToString(CultureInfo.InvariantCulture), ReportOutput.Pct(t.Reviews, r.Reviews), t.Passages.ToString(CultureInfo.InvariantCulture) })));
                foreach (var t in g.Where(t => evidence.ContainsKey(t.Theme.Id)))
                {
                    body.Append(ExcerptExporter.Para($"{t.Theme.Label}: the strongest passage of each of its {t.Reviews} reviews", "Heading2"));
                    foreach (var h in evidence[t.Theme.Id])
                    {
                        body.Append(ExcerptExporter.Para(h.Text.Length > 400 ? h.Text[..400] + " …" : h.Text, "Quote"));
                        body.Append(ExcerptExporter.Para(Citations.Of(h), "Citation"));
                    }
                }
            }
            body.Append(ExcerptExporter.Para("Themes found together most often", "Heading1"));
            body.Append(Table(["Themes", "Reviews with both"], r.Pairs.Take(10).Select(p => new[] { $"{taxonomy.Find(p.First)?.Label} + {taxonomy.Find(p.Second)?.Label}", p.Reviews.ToString(CultureInfo.InvariantCulture) })));
            var ages = r.ReviewsByAgeBand.Select(a => a.Value).ToList();
            body.Append(ExcerptExporter.Para("Themes by child's age band (reviews)", "Heading1"));
            body.Append(Table(["Theme", .. ages], r.Themes.Where(t => t.Reviews > 0).Select(t => new[] { t.Theme.Label }.Concat(ages.Select(a => r.ThemeByAgeBand[t.Theme.Id].GetValueOrDefault(a).ToString(CultureInfo.InvariantCulture))).ToArray())));
            var years = r.ReviewsByYear.Select(y => y.Value).ToList();
            body.Append(ExcerptExporter.Para("Themes by year of publication (reviews)", "Heading1"));
            body.Append(Table(["Theme", .. years], r.Themes.Where(t => t.Reviews > 0).Select(t => new[] { t.Theme.Label }.Concat(years.Select(y => r.ThemeByYear[t.Theme.Id].GetValueOrDefault(y).ToString(CultureInfo.InvariantCulture))).ToArray())));
            body.Append(new SectionProperties(new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape }, new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Table Table(string[] header, IEnumerable<string[]> rows)
    {
        // Schema order: table properties (width before borders), then the grid, then rows.
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(new BottomBorder { Val = BorderValues.Single, Size = 4 }, new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(new TableGrid(header.Select(_ => new GridColumn()).ToArray()));
        table.Append(Row(header, header: true));
        foreach (var r in rows) table.Append(Row(r, header: false));
        return table;
    }

    private static TableRow Row(string[] cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var c in cells)
        {
            var p = ExcerptExporter.Para(c, null);
            if (header) p.GetFirstChild<Run>()!.PrependChild(new RunProperties(new Bold()));
            row.Append(new TableCell(p));
        }
        return row;
    }
}
