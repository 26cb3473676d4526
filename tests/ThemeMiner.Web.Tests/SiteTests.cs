using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ThemeMiner.Web.Tests;

public class SiteTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<(HttpResponseMessage Response, IDocument Doc)> Get(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    private async Task<JsonElement> Json(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_home_page_lists_the_collection_built_on_first_start_with_secure_headers()
    {
        var (response, doc) = await Get("/");
        response.EnsureSuccessStatusCode();
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("Search case reviews", doc.QuerySelector("h1")!.TextContent);
        var rows = doc.QuerySelectorAll("table.reviews tbody tr");
        Assert.Equal(15, rows.Length);
        var northbridge = rows.Single(r => r.Children[0].TextContent == "Serious Case Review: Child A");
        Assert.Equal("Northbridge Safeguarding Children Board", northbridge.Children[1].TextContent);
        Assert.Equal("2012", northbridge.Children[2].TextContent);
        Assert.Equal("under 1", northbridge.Children[4].TextContent);
        Assert.Equal("died", northbridge.Children[5].TextContent);
        Assert.Contains("8 files", doc.QuerySelector("details.failed summary")!.TextContent);
        Assert.Null(doc.QuerySelector("script:not([src])")); // no inline script (CSP)
        Assert.Equal(30, doc.QuerySelectorAll("input[name=theme]").Length);
    }

    [Fact]
    public async Task A_search_groups_results_by_review_with_highlights_citations_and_theme_chips()
    {
        var (response, doc) = await Get("/?q=%22was+not+brought%22");
        response.EnsureSuccessStatusCode();
        Assert.Contains("passages in", doc.QuerySelector(".summary")!.TextContent);
        var groups = doc.QuerySelectorAll(".review-result");
        Assert.NotEmpty(groups);
        Assert.Equal(groups.Length, groups.Select(g => g.QuerySelector("h2 a")!.GetAttribute("href")).Distinct().Count());
        var hit = groups[0].QuerySelector(".hit")!;
        Assert.Contains("was not brought", hit.QuerySelector("blockquote mark")!.ParentElement!.TextContent, StringComparison.OrdinalIgnoreCase);
        var citation = hit.QuerySelector(".citation a")!;
        Assert.Matches(@"^/reviews/[0-9a-f]{64}#p-\d{4}$", citation.GetAttribute("href"));
        Assert.Matches(@", (19|20)\d\d", citation.TextContent);
        Assert.All(doc.QuerySelectorAll("blockquote *"), e => Assert.Equal("MARK", e.TagName));
    }

    [Fact]
    public async Task Filters_show_counts_and_restrict_the_results()
    {
        var (_, all) = await Get("/?q=mother");
        var (_, findings) = await Get("/?q=mother&section=finding");
        var findingCount = all.QuerySelector("label[for=section-finding] .count")!.TextContent.Trim('(', ')');
        Assert.Contains($"{findingCount} passages", findings.QuerySelector(".summary")!.TextContent);
        Assert.True(findings.QuerySelector("#section-finding")!.HasAttribute("checked"));
        Assert.All(findings.QuerySelectorAll(".hit .citation .section"), c => Assert.Equal("finding", c.TextContent));
        Assert.NotEmpty(findings.QuerySelectorAll(".hit .citation .section"));

        var (_, themed) = await Get("/?theme=unseen-men&from=2015");
        Assert.True(themed.QuerySelector("#theme-unseen-men")!.HasAttribute("checked"));
        Assert.NotEmpty(themed.QuerySelectorAll(".hit"));
        Assert.All(themed.QuerySelectorAll(".hit .chips"), chips => Assert.Contains("Fathers, male carers", chips.TextContent));
        Assert.All(themed.QuerySelectorAll(".review-result .meta"), m => Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(m.TextContent, @"\b(19|20)\d\d\b").Value) >= 2015));
    }

    [Fact]
    public async Task A_bad_query_is_a_readable_message_not_an_error_page()
    {
        var (response, doc) = await Get("/?q=%28dv+OR+neglect");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bracket '(' is not closed", doc.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("(dv OR neglect", doc.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Script_in_the_query_is_encoded_everywhere()
    {
        var probe = "<script>alert(1)</script>";
        var response = await factory.CreateClient().GetAsync("/?q=" + Uri.EscapeDataString(probe) + "&area=" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(probe, html);
        Assert.DoesNotContain("<img src=x", html);
        var doc = Parser.ParseDocument(html);
        Assert.Empty(doc.QuerySelectorAll("script:not([src])"));
        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.Equal(probe, doc.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Paging_walks_the_reviews()
    {
        var (_, first) = await Get("/?q=child");
        var next = first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await Get(next);
        var a = first.QuerySelectorAll(".review-result h2 a").Select(x => x.GetAttribute("href")).ToList();
        var b = second.QuerySelectorAll(".review-result h2 a").Select(x => x.GetAttribute("href")).ToList();
        Assert.Equal(10, a.Count);
        Assert.NotEmpty(b);
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public async Task A_review_page_shows_metadata_outline_profile_and_every_passage_with_an_anchor()
    {
        var hit = (await Json("/api/search?q=%22Child+A%22+Northbridge&top=1")).GetProperty("hits")[0];
        var id = hit.GetProperty("reviewId").GetString()!;
        var (response, doc) = await Get($"/reviews/{id}");
        response.EnsureSuccessStatusCode();
        Assert.Equal("Serious Case Review: Child A", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("Northbridge", doc.QuerySelector("dl.metadata")!.TextContent);
        var passages = doc.QuerySelectorAll("article.passage");
        var review = await Json($"/api/reviews/{id}");
        Assert.Equal(review.GetProperty("passages").GetArrayLength(), passages.Length);
        Assert.All(passages, p => Assert.Matches(@"^p-\d{4}$", p.Id));
        Assert.Equal(passages.Length, passages.Select(p => p.Id).Distinct().Count());
        Assert.Contains(passages, p => p.QuerySelector(".citation")!.TextContent.Contains("Paragraph "));
        Assert.NotEmpty(doc.QuerySelectorAll("table.profile tbody tr"));
        Assert.All(doc.QuerySelectorAll("table.profile a"), a => Assert.NotNull(doc.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
        Assert.NotEmpty(doc.QuerySelectorAll("ol.outline li"));
    }

    [Fact]
    public async Task The_original_file_downloads_by_id_with_its_own_bytes()
    {
        var id = (await Json("/api/search?q=Northbridge&top=1")).GetProperty("hits")[0].GetProperty("reviewId").GetString()!;
        var response = await factory.CreateClient().GetAsync($"/reviews/{id}/file");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(id, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Theory]
    [InlineData("/reviews/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/reviews/not-an-id")]
    [InlineData("/reviews/..%2F..%2Fetc%2Fpasswd/file")]
    [InlineData("/reviews/0000000000000000000000000000000000000000000000000000000000000000/file")]
    public async Task Unknown_or_malformed_ids_are_404(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task The_search_api_answers_with_the_cli_fields_and_400_for_bad_input()
    {
        var json = await Json("/api/search?q=DV&theme=domestic-abuse&top=2");
        Assert.True(json.GetProperty("total").GetInt32() > 0);
        var hit = json.GetProperty("hits")[0];
        foreach (var field in new[] { "passageId", "reviewId", "title", "headingPath", "sectionType", "paragraph", "pageStart", "pageEnd", "text", "highlight", "themes", "score" })
            Assert.True(hit.TryGetProperty(field, out _), field);
        Assert.Contains(hit.GetProperty("themes").EnumerateArray(), t => t.GetString() == "domestic-abuse");
        Assert.True(json.GetProperty("facets").TryGetProperty("section", out _));

        var bad = await Json("/api/search?q=%22open", HttpStatusCode.BadRequest);
        Assert.Equal(400, bad.GetProperty("status").GetInt32());
        Assert.Contains("quotation mark", bad.GetProperty("detail").GetString());
        Assert.Equal(400, (await Json("/api/search?q=dv&theme=nonsense", HttpStatusCode.BadRequest)).GetProperty("status").GetInt32());
        Assert.Equal(400, (await Json("/api/search?q=dv&from=soon", HttpStatusCode.BadRequest)).GetProperty("status").GetInt32());
        Assert.Equal(404, (await Json("/api/reviews/abc", HttpStatusCode.NotFound)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_themes_api_lists_the_taxonomy_with_passage_counts()
    {
        var json = await Json("/api/themes");
        var themes = json.GetProperty("themes").EnumerateArray().ToList();
        Assert.Equal(30, themes.Count);
        Assert.True(themes.Sum(t => t.GetProperty("passages").GetInt32()) > 0);
        Assert.All(themes, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("label").GetString())));
    }
}
