using AngleSharp.Html.Parser;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Web.Tests;

/// <summary>The site over an index holding one review whose text is hostile markup.</summary>
public sealed class HostileIndexFactory : SiteFactory
{
    public const string Script = "<script>alert('x')</script>";
    public const string Markup = "<img src=x onerror=alert(1)> & <b>bold</b>";
    public string ReviewId { get; } = new string('a', 64);

    public HostileIndexFactory()
    {
        var root = Repo.Root;
        var taxonomy = TaxonomyLoader.Load(Path.Combine(root, "models", "themes.json"));
        var classifier = ThemeClassifier.Load(Path.Combine(root, "models", "theme-model.zip"), taxonomy);
        var synonyms = SynonymSet.Load(Path.Combine(root, "models", "synonyms.txt"));
        var passages = new[]
        {
            new Passage($"{ReviewId}:0001", 1, ["1. <i>Introduction</i>"], SectionType.Finding, PassageKind.Paragraph, "1.1", 1, 1,
                $"The health visitor wrote {Script} in the record, and the domestic abuse referral said {Markup}."),
        };
        var review = new ParsedReview(ReviewId, Path.Combine(root, "corpus-sample", "scr-child-j-wyeford-2009.pdf"), SourceFormat.Pdf,
            "Review of <em>Child X</em>", new ReviewMetadata(Title: "Review of <em>Child X</em>", Area: "<Area & Co>", PublicationYear: 2020),
            1, PageProvenance.Exact, [new Section("1. <i>Introduction</i>", 1, SectionType.Finding, "1", 1)], passages, []);
        using var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, synonyms);
        using var writer = ReviewIndexWriter.Open(IndexPath, analyzer);
        writer.Upsert(new IndexableReview(review, passages.Select(p => classifier.Classify(p.Id, p.Text)).ToList(), classifier.Model.Info.ModelVersion, synonyms.Version));
        writer.Commit();
    }
}

public class HostileTextTests(HostileIndexFactory factory) : IClassFixture<HostileIndexFactory>
{
    [Theory]
    [InlineData("/?q=health+visitor")]
    [InlineData("/?q=%22health+visitor+wrote%22")]
    [InlineData("/")]
    [InlineData("/reviews/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/basket?passage=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:0001")]
    [InlineData("/insights")]
    public async Task Markup_in_report_text_is_shown_as_text_never_run(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(HostileIndexFactory.Script, html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<em>Child X</em>", html);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Empty(doc.QuerySelectorAll("script:not([src]), img, em, main i, main b"));
        var text = doc.QuerySelector("main")!.TextContent;
        if (url != "/insights") Assert.Contains("Review of <em>Child X</em>", text);
        if (url.Contains("q=") || url.StartsWith("/reviews") || url.StartsWith("/basket")) Assert.Contains(HostileIndexFactory.Script, text);
    }

    [Fact]
    public async Task The_api_returns_the_text_as_json_strings()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/search?q=health+visitor");
        var hit = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("hits")[0];
        Assert.Contains(HostileIndexFactory.Script, hit.GetProperty("text").GetString());
        Assert.DoesNotContain("<script>", hit.GetProperty("highlight").GetString());
        Assert.Contains("&lt;script&gt;", hit.GetProperty("highlight").GetString());
    }
}
