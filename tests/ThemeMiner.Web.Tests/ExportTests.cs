using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ThemeMiner.Web.Tests;

public class ExportTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<List<JsonElement>> Hits(string query, int top)
    {
        var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync($"/api/search?q={Uri.EscapeDataString(query)}&top={top}")).RootElement;
        return json.GetProperty("hits").EnumerateArray().ToList();
    }

    private static string Ids(IEnumerable<JsonElement> hits) => string.Join("&", hits.Select(h => "passage=" + Uri.EscapeDataString(h.GetProperty("passageId").GetString()!)));

    [Fact]
    public async Task Word_export_has_a_title_page_each_excerpt_quoted_with_citation_and_themes_and_the_sources()
    {
        var hits = (await Hits("health visitor", 3)).Concat(await Hits("\"was not brought\"", 1)).ToList();
        var response = await factory.CreateClient().GetAsync("/api/export?format=docx&" + Ids(hits));
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc));
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        string Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        Assert.Equal("Case review excerpts", paragraphs.First(p => Style(p) == "Title").InnerText);
        var quotes = paragraphs.Where(p => Style(p) == "Quote").Select(p => p.InnerText).ToList();
        Assert.Equal(hits.Select(h => h.GetProperty("text").GetString()), quotes); // in basket order, text as published
        var citations = paragraphs.Where(p => Style(p) == "Citation").Select(p => p.InnerText).ToList();
        foreach (var h in hits)
            Assert.Contains(citations, c => c.StartsWith(h.GetProperty("title").GetString()!) && (h.GetProperty("paragraph").ValueKind == JsonValueKind.Null || c.Contains("paragraph " + h.GetProperty("paragraph").GetString())));
        Assert.Contains(citations, c => c.StartsWith("Themes: "));
        Assert.Contains(paragraphs, p => Style(p) == "Heading1" && p.InnerText == "Sources");
        var sources = paragraphs.Where(p => Style(p) == "Source").ToList();
        Assert.Equal(hits.Select(h => h.GetProperty("reviewId").GetString()).Distinct().Count(), sources.Count);
    }

    [Fact]
    public async Task Csv_export_has_one_quoted_row_per_excerpt_in_order()
    {
        var hits = await Hits("mother", 3);
        var response = await factory.CreateClient().GetAsync("/api/export?format=csv&" + Ids(hits));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var rows = ParseCsv(text);
        Assert.Equal("order,passageId,reviewId,review,area,year,paragraph,pageStart,pageEnd,sectionType,citation,themes,text", string.Join(',', rows[0]));
        Assert.Equal(hits.Count + 1, rows.Count);
        for (int i = 0; i < hits.Count; i++)
        {
            Assert.Equal((i + 1).ToString(), rows[i + 1][0]);
            Assert.Equal(hits[i].GetProperty("passageId").GetString(), rows[i + 1][1]);
            Assert.Equal(hits[i].GetProperty("text").GetString(), rows[i + 1][12]);
        }
    }

    /// <summary>RFC 4180 reader, independent of the writer.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    [Theory]
    [InlineData("/api/export?format=pdf&passage=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/export?format=docx", HttpStatusCode.BadRequest)]
    [InlineData("/api/export?format=docx&passage=..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("/api/export?format=csv&passage=0000000000000000000000000000000000000000000000000000000000000000:0001", HttpStatusCode.NotFound)]
    public async Task Bad_export_requests_get_problem_details(string url, HttpStatusCode expected)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_basket_page_shows_the_given_excerpts_in_order_with_export_links()
    {
        var hits = await Hits("neglect", 2);
        var html = await factory.CreateClient().GetStringAsync("/basket?" + Ids(hits) + "&passage=not-an-id");
        var doc = new HtmlParser().ParseDocument(html);
        var items = doc.QuerySelectorAll("li.excerpt").Select(li => li.GetAttribute("data-passage")).ToList();
        Assert.Equal(hits.Select(h => h.GetProperty("passageId").GetString()), items);
        Assert.Contains("no longer in the collection", doc.QuerySelector(".notice")!.TextContent);
        Assert.Equal("/api/export?format=docx&" + Ids(hits).Replace(":", "%3A"), doc.QuerySelector("#export-docx")!.GetAttribute("href"));
        var empty = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/basket"));
        Assert.NotNull(empty.QuerySelector("#basket-empty"));
        // Every search hit offers "Add to excerpts" with its passage id (shown by basket.js).
        var search = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/?q=neglect"));
        Assert.All(search.QuerySelectorAll(".hit"), h => Assert.Matches("^[0-9a-f]{64}:[0-9]{4}$", h.QuerySelector("button[data-add]")!.GetAttribute("data-add")));
        Assert.NotNull(search.QuerySelector("script[src^='/js/basket.js']"));
    }
}
