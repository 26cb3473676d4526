using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ThemeMiner.Web.Tests;

public class HomePageTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Home_page_lists_the_sample_reviews_with_their_metadata()
    {
        var client = factory.WithWebHostBuilder(b => b.UseEnvironment("Development")).CreateClient();
        var response = await client.GetAsync("/");
        response.EnsureSuccessStatusCode();
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());

        var html = await response.Content.ReadAsStringAsync();
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Case reviews in this collection", doc.QuerySelector("h1")!.TextContent);
        var rows = doc.QuerySelectorAll("table.reviews tbody tr");
        Assert.Equal(15, rows.Length);
        var northbridge = rows.Single(r => r.Children[0].TextContent == "Serious Case Review: Child A");
        Assert.Equal("Northbridge Safeguarding Children Board", northbridge.Children[1].TextContent);
        Assert.Equal("2012", northbridge.Children[2].TextContent);
        Assert.Equal("under 1", northbridge.Children[4].TextContent);
        Assert.Equal("died", northbridge.Children[5].TextContent);
        Assert.Null(doc.QuerySelector("script:not([src])")); // no inline script (CSP)
    }

    [Fact]
    public async Task A_missing_corpus_folder_says_what_to_set()
    {
        var client = factory.WithWebHostBuilder(b => b.UseSetting("ThemeMiner:CorpusPath", "/nonexistent/reviews")).CreateClient();
        var html = await client.GetStringAsync("/");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Contains("ThemeMiner:CorpusPath", doc.QuerySelector("main")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("table.reviews"));
    }
}
