using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;

namespace ThemeMiner.Web.Tests;

/// <summary>The site on a real Kestrel port, over a temp index of the sample corpus, for the browser.</summary>
public sealed class KestrelSiteFactory : SiteFactory
{
    public KestrelSiteFactory() => UseKestrel(0);

    public string BaseUrl
    {
        get
        {
            StartServer();
            return CreateClient().BaseAddress!.ToString().TrimEnd('/');
        }
    }
}

/// <summary>
/// A person's path through the site in Debian's Chromium (installed by .ci/run): search, filter by a theme, open a
/// review at a paragraph, collect two excerpts, export them as Word and open the file. axe-core checks every page and
/// fails on serious or critical violations. Screenshots go to TestResults/screenshots.
/// </summary>
public class BrowserTests(KestrelSiteFactory site) : IClassFixture<KestrelSiteFactory>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private static async Task<(IPlaywright, IBrowser)> Launch()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium); .ci/run does");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return (playwright, browser);
    }

    private static async Task Accessible(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task Search_filter_read_collect_and_export_in_a_real_browser()
    {
        var baseUrl = site.BaseUrl;
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync(baseUrl + "/");
        await Accessible(page, "01-home");

        await page.FillAsync("#q", "health visitor");
        await page.ClickAsync("form.search .search-row button[type=submit]");
        await page.WaitForSelectorAsync(".review-result");
        await Accessible(page, "02-search");

        await page.CheckAsync("#theme-domestic-abuse");
        await page.ClickAsync("text=Apply filters");
        await page.WaitForSelectorAsync(".review-result");
        Assert.Contains("theme=domestic-abuse", page.Url);
        Assert.True(await page.IsCheckedAsync("#theme-domestic-abuse"));
        var chips = await page.Locator(".hit .chips").AllInnerTextsAsync();
        Assert.NotEmpty(chips);
        Assert.All(chips, c => Assert.Contains("Domestic abuse", c));
        await Accessible(page, "03-filtered");

        // Open the first result at its paragraph: the passage is the page's target.
        var citation = page.Locator(".hit .citation a").First;
        var href = await citation.GetAttributeAsync("href");
        await citation.ClickAsync();
        await page.WaitForURLAsync("**/reviews/**");
        var anchor = href!.Split('#')[1];
        Assert.EndsWith("#" + anchor, page.Url);
        Assert.True(await page.Locator($"#{anchor}").IsVisibleAsync());
        Assert.Equal(anchor, await page.EvaluateAsync<string>("() => document.querySelector(':target')?.id"));
        await Accessible(page, "04-review");

        // Collect two excerpts from the review page.
        var add = page.Locator("article.passage button[data-add]");
        var first = await add.Nth(0).GetAttributeAsync("data-add");
        var second = await add.Nth(1).GetAttributeAsync("data-add");
        await add.Nth(0).ClickAsync();
        await add.Nth(1).ClickAsync();
        Assert.Equal("true", await add.Nth(0).GetAttributeAsync("aria-pressed"));
        Assert.Contains("Excerpts (2)", await page.Locator("[data-basket-link]").InnerTextAsync());

        await page.ClickAsync("[data-basket-link]");
        await page.WaitForSelectorAsync("li.excerpt");
        Assert.Equal(new[] { first, second }, await page.Locator("li.excerpt").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.passage)"));
        await Accessible(page, "05-basket");

        // Move the second up, then export to Word and read the file.
        await page.Locator("li.excerpt").Nth(1).Locator("button[data-move=up]").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('li.excerpt')?.dataset.passage === '{second}'");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-docx"));
        var path = Path.Combine(Shots, "excerpts.docx");
        await download.SaveAsAsync(path);
        using (var doc = WordprocessingDocument.Open(path, false))
        {
            var quotes = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
                .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Quote").ToList();
            Assert.Equal(2, quotes.Count);
        }

        await page.GotoAsync(baseUrl + "/insights");
        await Accessible(page, "06-insights");
        await page.GotoAsync(baseUrl + "/themes/unseen-men");
        await Accessible(page, "07-theme");
        Assert.Empty(errors); // no script errors, no CSP refusals
    }
}
