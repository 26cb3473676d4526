using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ThemeMiner.Core.Tests.Classification;
using ThemeMiner.Core.Tests.Indexing;

namespace ThemeMiner.Core.Tests.Cli;

public class TagReportTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Tag_json_gives_each_reviews_profile_and_evidence_and_error_rows_for_bad_files()
    {
        var good = RepoPaths.CorpusFile("scr-child-a-northbridge-2012.pdf");
        var bad = RepoPaths.CorpusFile("broken/truncated.pdf");
        var (exit, json, err) = Run("tag", good, bad);
        Assert.Equal(2, exit);
        Assert.Contains("tagged 1 of 2 files", err);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("error", rows[1].GetProperty("status").GetString());
        Assert.Contains("truncated", rows[1].GetProperty("error").GetString());

        var row = rows[0];
        Assert.Equal("ok", row.GetProperty("status").GetString());
        Assert.Equal(good, row.GetProperty("file").GetString());
        Assert.Equal("Northbridge", row.GetProperty("metadata").GetProperty("area").GetString());
        // The profile, recomputed here from the parsed passages and the shipped model.
        var review = SampleCorpusFixture.Parse("scr-child-a-northbridge-2012.pdf").Review!;
        Assert.Equal(review.Id, row.GetProperty("reviewId").GetString());
        var classified = review.Passages.Select(p => Shared.Shipped.Value.Classify(p.Id, p.Text)).ToList();
        var themes = row.GetProperty("themes").EnumerateArray().ToList();
        foreach (var t in themes)
        {
            var id = t.GetProperty("id").GetString()!;
            Assert.Equal(classified.Count(c => c.Themes.Contains(id)), t.GetProperty("passages").GetInt32());
            Assert.Equal(classified.Max(c => c.Scores[id]), t.GetProperty("maxScore").GetDouble(), 4);
            var evidence = row.GetProperty("evidence").GetProperty(id).EnumerateArray().ToList();
            Assert.InRange(evidence.Count, 1, 3);
            foreach (var e in evidence)
            {
                var passage = review.Passages.Single(p => p.Id == e.GetProperty("passageId").GetString());
                Assert.Equal(passage.Text, e.GetProperty("text").GetString());
                Assert.Equal(passage.PageStart, e.GetProperty("pageStart").GetInt32());
            }
        }
        Assert.Equal(classified.SelectMany(c => c.Themes).Distinct().Count(), themes.Count);
        var counts = themes.Select(t => t.GetProperty("passages").GetInt32()).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.False(row.GetProperty("flags").GetProperty("toxicTrio").GetBoolean() && !themes.Any(t => t.GetProperty("id").GetString() == "substance-misuse"));
    }

    [Fact]
    public void Tag_csv_has_metadata_and_a_column_per_theme_and_markdown_a_section_per_review()
    {
        var files = new[] { RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf"), RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx") };
        var (exit, csv, _) = Run(["tag", .. files, "--format", "csv"]);
        Assert.Equal(0, exit);
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(15 + 30, header.Length);
        Assert.Equal(Shared.Taxonomy.Value.Themes.Select(t => t.Id), header.Skip(15));
        var json = JsonDocument.Parse(Run(["tag", .. files]).Out).RootElement.EnumerateArray().ToList();
        // Passage counts per theme agree with the JSON rows (titles hold no commas, so splitting on ',' is safe here).
        for (int i = 0; i < 2; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(json[i].GetProperty("reviewId").GetString(), cells[1]);
            foreach (var t in json[i].GetProperty("themes").EnumerateArray())
                Assert.Equal(t.GetProperty("passages").GetInt32().ToString(CultureInfo.InvariantCulture), cells[Array.IndexOf(header, t.GetProperty("id").GetString())]);
        }
        var (_, md, _) = Run(["tag", .. files, "--format", "md"]);
        Assert.Contains("## Serious Case Review in respect of Child J", md);
        Assert.Contains("| theme | passages | top score | strongest passage |", md);
        Assert.Equal(1, Run(["tag", .. files, "--format", "xml"]).Exit);
    }

    [Fact]
    public void Tag_with_an_index_adds_the_reviews_once_and_writes_to_a_file()
    {
        var index = IndexSupport.TempFolder("tag-index");
        var outFile = Path.Combine(IndexSupport.TempFolder("tag-out"), "profiles.json");
        var files = new[] { RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf"), RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx") };
        Assert.Equal(0, Run(["tag", .. files, "--index", index, "--out", outFile]).Exit);
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(outFile)).RootElement.GetArrayLength());
        var stats = Run("stats", "--index", index, "--json").Out;
        Assert.Equal(2, JsonDocument.Parse(stats).RootElement.GetProperty("reviews").GetInt32());
        Assert.Equal(0, Run(["tag", .. files, "--index", index, "--out", outFile]).Exit);
        Assert.Equal(stats, Run("stats", "--index", index, "--json").Out);
        Assert.False(File.Exists(outFile + ".part"));
    }

    [Fact]
    public void Report_figures_match_a_recount_from_the_tagged_rows()
    {
        var index = IndexSupport.TempFolder("report-index");
        var (tagExit, json, _) = Run("tag", RepoPaths.Corpus, "--index", index);
        Assert.Equal(2, tagExit); // the broken files
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "ok").ToList();
        var themesOf = rows.ToDictionary(r => r.GetProperty("reviewId").GetString()!, r => r.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToHashSet());

        var (exit, csv, _) = Run("report", "--index", index, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = csv.TrimEnd().Split("\r\n").Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Count.ToString(CultureInfo.InvariantCulture), lines.Single(l => l[0] == "total")[2]);
        foreach (var theme in Shared.Taxonomy.Value.Themes)
        {
            var line = lines.Single(l => l[0].StartsWith("theme: ") && l[1] == theme.Id);
            Assert.Equal(themesOf.Values.Count(s => s.Contains(theme.Id)).ToString(CultureInfo.InvariantCulture), line[2]);
        }
        var trio = new[] { "parental-mental-health", "domestic-abuse", "substance-misuse" };
        Assert.Equal(themesOf.Values.Count(s => trio.All(s.Contains)).ToString(CultureInfo.InvariantCulture), lines.Single(l => l[0] == "toxic trio")[2]);
        Assert.Equal(rows.Count(r => r.GetProperty("metadata").GetProperty("outcome").GetString() == "died").ToString(CultureInfo.InvariantCulture), lines.Single(l => l[0] == "outcome" && l[1] == "died")[2]);

        var area = rows[0].GetProperty("metadata").GetProperty("area").GetString()!;
        var (_, areaMd, _) = Run("report", "--index", index, "--area", area);
        Assert.Contains($"**{rows.Count(r => r.GetProperty("metadata").GetProperty("area").GetString() == area)} reviews**", areaMd);
        Assert.Contains("at least one of its passages carries it", areaMd);

        var html = Path.Combine(IndexSupport.TempFolder("report-out"), "report.html");
        Assert.Equal(0, Run("report", "--index", index, "--format", "html", "--out", html).Exit);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(html));
        Assert.Empty(page.QuerySelectorAll("script"));
        var details = page.QuerySelectorAll("details");
        Assert.Equal(themesOf.Values.SelectMany(s => s).Distinct().Count(), details.Length);
        Assert.All(details, d => Assert.NotEmpty(d.QuerySelectorAll("li .cite")));

        var docx = Path.Combine(IndexSupport.TempFolder("report-out"), "report.docx");
        Assert.Equal(1, Run("report", "--index", index, "--format", "docx").Exit); // needs --out
        Assert.Equal(0, Run("report", "--index", index, "--format", "docx", "--out", docx).Exit);
        using var doc = WordprocessingDocument.Open(docx, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        Assert.Contains("Prevalence report", doc.MainDocumentPart!.Document!.Body!.InnerText);
    }
}
