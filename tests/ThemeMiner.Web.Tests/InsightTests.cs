using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace ThemeMiner.Web.Tests;

/// <summary>Theme pages and prevalence figures, each checked against the reviews' own passages fetched from the API.</summary>
public class InsightTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<AngleSharp.Dom.IDocument> Page(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        response.EnsureSuccessStatusCode();
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> Json(string url) =>
        JsonDocument.Parse(await factory.CreateClient().GetStringAsync(url)).RootElement;

    /// <summary>Per review (from the home page's list): its area, year and the set of themes its passages carry.</summary>
    private async Task<List<(string Id, string? Area, int? Year, HashSet<string> Themes)>> Reviews()
    {
        var home = await Page("/");
        var ids = home.QuerySelectorAll("table.reviews tbody a").Select(a => a.GetAttribute("href")!.Split('/')[^1]).ToList();
        var list = new List<(string, string?, int?, HashSet<string>)>();
        foreach (var id in ids)
        {
            var r = await Json($"/api/reviews/{id}");
            var meta = r.GetProperty("metadata");
            var themes = r.GetProperty("passages").EnumerateArray().SelectMany(p => p.GetProperty("themes").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
            list.Add((id, meta.GetProperty("area").GetString(), meta.GetProperty("publicationYear").ValueKind == JsonValueKind.Number ? meta.GetProperty("publicationYear").GetInt32() : null, themes));
        }
        return list;
    }

    [Fact]
    public async Task Insight_figures_match_the_reviews_passages_counted_independently()
    {
        var reviews = await Reviews();
        var insights = await Json("/api/insights");
        Assert.Equal(reviews.Count, insights.GetProperty("reviews").GetInt32());
        foreach (var t in insights.GetProperty("themes").EnumerateArray())
        {
            var id = t.GetProperty("id").GetString()!;
            Assert.Equal(reviews.Count(r => r.Themes.Contains(id)), t.GetProperty("reviews").GetInt32());
        }
        var trio = new[] { "parental-mental-health", "domestic-abuse", "substance-misuse" };
        Assert.Equal(reviews.Count(r => trio.All(r.Themes.Contains)), insights.GetProperty("toxicTrio").GetProperty("reviews").GetInt32());

        var page = await Page("/insights");
        var row = page.QuerySelectorAll("table.reviews tr").Single(tr => tr.QuerySelector("a[href='/themes/domestic-abuse']") is not null);
        Assert.Equal($"{reviews.Count(r => r.Themes.Contains("domestic-abuse"))} of {reviews.Count}", row.Children[1].TextContent.Trim());
        Assert.Equal("/?theme=domestic-abuse", row.Children[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("svg.bar"));
    }

    [Fact]
    public async Task Insights_filter_by_area_and_years()
    {
        var reviews = await Reviews();
        var area = reviews.First(r => r.Area is not null).Area!;
        var byArea = await Json($"/api/insights?area={Uri.EscapeDataString(area)}");
        Assert.Equal(reviews.Count(r => r.Area == area), byArea.GetProperty("reviews").GetInt32());
        var recent = await Json("/api/insights?from=2018");
        Assert.Equal(reviews.Count(r => r.Year >= 2018), recent.GetProperty("reviews").GetInt32());
        var page = await Page("/insights?from=2018&to=2020");
        Assert.Contains($"{reviews.Count(r => r.Year is >= 2018 and <= 2020)} reviews", page.QuerySelector("h2")!.TextContent);
        Assert.All(page.QuerySelectorAll("a[href^='/?theme=']"), a => Assert.Contains("from=2018&to=2020", a.GetAttribute("href")));
        var bad = await factory.CreateClient().GetAsync("/api/insights?from=soon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Theme_pages_give_definition_counts_co_occurrence_and_excerpts_that_carry_the_theme()
    {
        var list = await Page("/themes");
        Assert.Equal(30, list.QuerySelectorAll("a[href^='/themes/']").Length);
        var doc = await Page("/themes/unseen-men");
        Assert.Equal("Fathers, male carers and new partners unseen", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("mother's new partner", doc.QuerySelector("main")!.TextContent);
        var excerpts = doc.QuerySelectorAll(".hit");
        Assert.NotEmpty(excerpts);
        var reviews = await Reviews();
        foreach (var e in excerpts)
        {
            var href = e.QuerySelector(".citation a")!.GetAttribute("href")!;
            var id = href.Split('/')[2].Split('#')[0];
            Assert.Contains("unseen-men", reviews.Single(r => r.Id == id).Themes);
        }
        Assert.NotEmpty(doc.QuerySelectorAll("a[href^='/themes/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/themes/no-such-theme")).StatusCode);
    }
}
