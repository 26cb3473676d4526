using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace ThemeMiner.Web.Tests;

public class UploadTests(UploadSiteFactory factory) : IClassFixture<UploadSiteFactory>
{
    private static string Sample(string name) => Repo.Path("corpus-sample", name);

    private async Task<(HttpClient Client, string Token)> Form()
    {
        var client = factory.CreateClient();
        var html = await client.GetStringAsync("/admin/upload");
        var token = new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return (client, token);
    }

    private static MultipartFormDataContent Body(string token, string key, byte[] file, string name, bool add)
    {
        var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(key), "Key" } };
        if (add) body.Add(new StringContent("true"), "Add");
        body.Add(new ByteArrayContent(file), "Review", name);
        return body;
    }

    [Fact]
    public async Task An_uploaded_review_shows_its_metadata_and_profile_and_can_be_added_to_the_collection()
    {
        // A sample review with a byte appended after its end-of-file marker: a new file, so a new review id.
        var bytes = File.ReadAllBytes(Sample("scr-child-j-wyeford-2009.pdf")).Concat("\n%uploaded\n"u8.ToArray()).ToArray();
        var (client, token) = await Form();
        var preview = await client.PostAsync("/admin/upload", Body(token, UploadSiteFactory.Key, bytes, "child-j.pdf", add: false));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var doc = new HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Wyeford", doc.QuerySelector("dl.metadata")!.TextContent);
        Assert.NotEmpty(doc.QuerySelectorAll("table.profile tbody tr"));
        Assert.Null(doc.QuerySelector(".notice[role=status]"));
        int before = JsonDocument.Parse(await client.GetStringAsync("/api/insights")).RootElement.GetProperty("reviews").GetInt32();

        var added = await client.PostAsync("/admin/upload", Body(token, UploadSiteFactory.Key, bytes, "child-j.pdf", add: true));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var addedDoc = new HtmlParser().ParseDocument(await added.Content.ReadAsStringAsync());
        var link = addedDoc.QuerySelector(".notice[role=status] a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        Assert.Equal(before + 1, JsonDocument.Parse(await client.GetStringAsync("/api/insights")).RootElement.GetProperty("reviews").GetInt32());
        var file = await client.GetByteArrayAsync(link + "/file");
        Assert.Equal(bytes, file);
    }

    [Fact]
    public async Task A_wrong_key_a_missing_token_and_a_file_that_is_not_a_review_are_refused()
    {
        var pdf = File.ReadAllBytes(Sample("scr-child-j-wyeford-2009.pdf"));
        var (client, token) = await Form();
        var wrong = await client.PostAsync("/admin/upload", Body(token, "guess", pdf, "a.pdf", add: true));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("admin key is not right", await wrong.Content.ReadAsStringAsync());

        var noToken = new MultipartFormDataContent { { new StringContent(UploadSiteFactory.Key), "Key" }, { new ByteArrayContent(pdf), "Review", "a.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateClient().PostAsync("/admin/upload", noToken)).StatusCode);

        var notReview = await client.PostAsync("/admin/upload", Body(token, UploadSiteFactory.Key, "just some text, named like a PDF"u8.ToArray(), "report.pdf", add: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notReview.StatusCode);
        var doc = new HtmlParser().ParseDocument(await notReview.Content.ReadAsStringAsync());
        Assert.Contains("report.pdf: not a PDF or Word (.docx) file", doc.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task Uploading_is_off_without_a_key()
    {
        using var plain = new SiteFactory();
        var response = await plain.CreateClient().GetAsync("/admin/upload");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ThemeMiner:AdminKey", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = json.GetProperty("paths");
        foreach (var p in new[] { "/api/search", "/api/reviews/{id}", "/api/themes", "/api/insights", "/api/export" })
            Assert.True(paths.TryGetProperty(p, out _), p);
    }
}
