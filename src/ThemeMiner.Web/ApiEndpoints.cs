using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ThemeMiner.Core.Export;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Serialization;
using ThemeMiner.Web.Pages.Reviews;

namespace ThemeMiner.Web;

/// <summary>The JSON API (same fields as the CLI's JSON) and the download of a review's original file.</summary>
public static class ApiEndpoints
{
    public static void MapThemeMinerApi(this WebApplication app)
    {
        app.MapGet("/api/search", (HttpContext http, SiteIndex site) => NotReady(site) ?? Search(http, site));
        app.MapGet("/api/reviews/{id}", (string id, SiteIndex site) => NotReady(site) ?? ReviewJson(id, site));
        app.MapGet("/api/themes", (SiteIndex site) => NotReady(site) ?? Themes(site));
        app.MapGet("/api/insights", (string? area, string? from, string? to, SiteIndex site) => NotReady(site) ?? Insights(area, from, to, site));
        app.MapGet("/api/export", (HttpContext http, SiteIndex site) => NotReady(site) ?? Export(http, site));
        app.MapGet("/reviews/{id}/file", (string id, SiteIndex site) => NotReady(site) ?? Download(id, site));
    }

    private static IResult? NotReady(SiteIndex site) => site.Ready ? null :
        Results.Problem(title: "The collection is not ready", detail: site.Status, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Search(HttpContext http, SiteIndex site)
    {
        var q = http.Request.Query;
        int? Int(string name, out string? error)
        {
            error = null;
            var v = q[name].ToString();
            if (v.Length == 0) return null;
            if (int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
            error = $"'{name}' must be a whole number, not '{v}'";
            return null;
        }
        var from = Int("from", out var e1); var to = Int("to", out var e2); var top = Int("top", out var e3); var offset = Int("offset", out var e4);
        var error = e1 ?? e2 ?? e3 ?? e4;
        var unknownTheme = q["theme"].FirstOrDefault(t => t is not null && !site.Taxonomy.Contains(t));
        if (unknownTheme is not null) error = $"there is no theme '{unknownTheme}': see /api/themes";
        var badSection = q["section"].FirstOrDefault(s => s is not null && !Names.TryParseSectionType(s, out _));
        if (badSection is not null) error = $"there is no section type '{badSection}'";
        var sort = q["sort"].ToString() switch { "" or "relevance" => SearchSort.Relevance, "newest" => SearchSort.YearNewest, "oldest" => SearchSort.YearOldest, _ => (SearchSort?)null };
        if (sort is null) error = "'sort' takes relevance, newest or oldest";
        if (error is not null) return BadRequest("The search request is not valid", error);
        var request = new SearchRequest
        {
            Query = q["q"].ToString(),
            Themes = Values(q["theme"]), Sections = Values(q["section"]), Areas = Values(q["area"]), AgeBands = Values(q["age"]),
            Outcomes = Values(q["outcome"]), ReviewTypes = Values(q["type"]),
            FromYear = from, ToYear = to,
            Top = Math.Clamp(top ?? 10, 0, 100), Offset = Math.Max(0, offset ?? 0),
            GroupByReview = q["group"].ToString() is "true" or "1",
            Sort = sort!.Value,
        };
        try
        {
            return Results.Text(SearchJson.Serialize(site.Searcher.Search(request), indented: false), "application/json; charset=utf-8");
        }
        catch (QuerySyntaxException ex)
        {
            return BadRequest("The search could not be read", ex.Message);
        }
    }

    private static IReadOnlyList<string> Values(Microsoft.Extensions.Primitives.StringValues v) => v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();

    private static IResult BadRequest(string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string id) => Results.Problem(title: "No such review", detail: $"no review with id '{id}' is in the collection", statusCode: StatusCodes.Status404NotFound);

    private static IResult ReviewJson(string id, SiteIndex site)
    {
        if (!ReviewModel.ReviewId().IsMatch(id) || site.Searcher.GetReview(id) is not { } found) return NotFound(id);
        var (review, passages) = found;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Core.Serialization.ReviewJson.Compact))
        {
            w.WriteStartObject();
            w.WriteString("id", review.Id);
            w.WriteString("title", review.Metadata.Title ?? review.Title);
            w.WriteString("format", Names.Of(review.Format));
            w.WriteString("file", $"/reviews/{review.Id}/file");
            w.WritePropertyName("metadata");
            Core.Serialization.ReviewJson.WriteMetadata(w, review.Metadata);
            if (review.PageCount is int pc) w.WriteNumber("pageCount", pc); else w.WriteNull("pageCount");
            w.WriteString("pageProvenance", Names.Of(review.PageProvenance));
            w.WriteString("modelVersion", review.ModelVersion);
            w.WriteStartArray("themes");
            foreach (var p in ReviewProfile.Of(site.Taxonomy, passages))
            {
                w.WriteStartObject();
                w.WriteString("id", p.Theme.Id);
                w.WriteNumber("passages", p.Passages);
                w.WriteNumber("maxScore", p.MaxScore);
                w.WriteString("bestPassageId", p.Best.Passage.Id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("passages");
            foreach (var ip in passages)
            {
                var p = ip.Passage;
                w.WriteStartObject();
                w.WriteString("passageId", p.Id);
                w.WriteStartArray("headingPath");
                foreach (var h in p.HeadingPath) w.WriteStringValue(h);
                w.WriteEndArray();
                w.WriteString("sectionType", Names.Of(p.SectionType));
                w.WriteString("kind", Names.Of(p.Kind));
                w.WriteString("paragraph", p.Paragraph);
                if (p.PageStart is int s) w.WriteNumber("pageStart", s); else w.WriteNull("pageStart");
                if (p.PageEnd is int e) w.WriteNumber("pageEnd", e); else w.WriteNull("pageEnd");
                w.WriteString("text", p.Text);
                w.WriteStartArray("themes");
                foreach (var t in ip.Themes) w.WriteStringValue(t);
                w.WriteEndArray();
                w.WriteStartObject("themeScores");
                foreach (var t in ip.Themes) w.WriteNumber(t, ip.Scores.GetValueOrDefault(t));
                w.WriteEndObject();
                w.WriteBoolean("negated", ip.Negated);
                w.WriteBoolean("goodPractice", ip.GoodPractice);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Results.Bytes(ms.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult Themes(SiteIndex site)
    {
        var stats = site.Searcher.Stats();
        var themes = site.Taxonomy.Themes.Select(t => new
        {
            id = t.Id, label = t.Label, group = t.Group, definition = t.Definition, typicalWording = t.TypicalWording,
            passages = stats.ThemePassages.GetValueOrDefault(t.Id),
        });
        return Results.Json(new { taxonomyVersion = site.Taxonomy.Version, themes });
    }

    public const int MaxExcerpts = 200;

    /// <summary>Passage ids as the basket sends them: review id, colon, four-digit ordinal.</summary>
    public static bool IsPassageId(string? id) => id is { Length: 69 } && id[64] == ':' && ReviewModel.ReviewId().IsMatch(id[..64]) && id[65..].All(char.IsAsciiDigit);

    private static IResult Export(HttpContext http, SiteIndex site)
    {
        var format = http.Request.Query["format"].ToString();
        if (format is not ("docx" or "csv")) return BadRequest("The export request is not valid", "'format' takes docx or csv");
        var ids = http.Request.Query["passage"].Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        if (ids.Count == 0) return BadRequest("The export request is not valid", "give at least one passage=ID (the basket adds them)");
        if (ids.Count > MaxExcerpts) return BadRequest("The export request is not valid", $"at most {MaxExcerpts} excerpts can be exported at once");
        if (ids.FirstOrDefault(i => !IsPassageId(i)) is { } bad) return BadRequest("The export request is not valid", $"'{bad}' is not a passage id");
        var excerpts = site.Searcher.GetExcerpts(ids, out var missing);
        if (missing.Count > 0) return Results.Problem(title: "Some excerpts are no longer in the collection", detail: $"{missing.Count} of the passages asked for are not in the index (the review may have been replaced): remove them from the basket", statusCode: StatusCodes.Status404NotFound);
        var stamp = DateTime.UtcNow;
        return format == "docx"
            ? Results.File(ExcerptExporter.Docx(excerpts, site.Taxonomy, stamp), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"thememiner-excerpts-{stamp:yyyy-MM-dd}.docx")
            : Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ExcerptExporter.Csv(excerpts, site.Taxonomy))).ToArray(), "text/csv; charset=utf-8", $"thememiner-excerpts-{stamp:yyyy-MM-dd}.csv");
    }

    private static IResult Insights(string? area, string? from, string? to, SiteIndex site)
    {
        int? Year(string? s) => string.IsNullOrEmpty(s) ? null : int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : -1;
        int? f = Year(from), t = Year(to);
        if (f == -1 || t == -1) return BadRequest("The insights request is not valid", "'from' and 'to' must be years, e.g. from=2015");
        var r = PrevalenceReport.Compute(site.Searcher.ReviewThemeSets(), site.Taxonomy, new PrevalenceFilter(string.IsNullOrWhiteSpace(area) ? null : area, f, t));
        static object Counts(IReadOnlyList<FacetValue> v) => v.ToDictionary(x => x.Value, x => x.Count);
        return Results.Json(new
        {
            reviews = r.Reviews,
            filter = new { area = r.Filter.Area, from = r.Filter.FromYear, to = r.Filter.ToYear },
            countingRule = "a theme counts for a review when at least one of its passages carries it at or above the theme's threshold",
            outcomes = Counts(r.Outcomes),
            ageBands = Counts(r.ReviewsByAgeBand),
            harm = Counts(r.Harms),
            toxicTrio = new { reviews = r.ToxicTrio, share = Math.Round(PrevalenceReport.Share(r.ToxicTrio, r.Reviews), 4) },
            themes = r.Themes.Select(x => new { id = x.Theme.Id, group = x.Theme.Group, reviews = x.Reviews, share = Math.Round(x.Share, 4), passages = x.Passages,
                passagesUrl = $"/api/search?theme={x.Theme.Id}" + (r.Filter.Area is { } a ? $"&area={Uri.EscapeDataString(a)}" : "") + (f is int ff ? $"&from={ff}" : "") + (t is int tt ? $"&to={tt}" : "") }),
            pairs = r.Pairs.Take(20).Select(p => new { first = p.First, second = p.Second, reviews = p.Reviews }),
            themesByAgeBand = r.ThemeByAgeBand.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value),
            themesByYear = r.ThemeByYear.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value),
        });
    }

    /// <summary>The original file, found by id in the index (no path from the request reaches the file system), and only
    /// while its bytes are still those indexed.</summary>
    private static IResult Download(string id, SiteIndex site)
    {
        if (!ReviewModel.ReviewId().IsMatch(id) || site.Searcher.GetReview(id) is not { } found) return NotFound(id);
        var review = found.Review;
        var path = Path.GetFullPath(review.Source);
        if (!File.Exists(path))
            return Results.Problem(title: "The original file is not available", detail: "the file this review was indexed from has been moved or deleted", statusCode: StatusCodes.Status410Gone);
        using (var stream = File.OpenRead(path))
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != id)
                return Results.Problem(title: "The original file has changed", detail: "the file at this review's location has changed since it was indexed: index it again", statusCode: StatusCodes.Status410Gone);
        var type = review.Format == SourceFormat.Pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return Results.File(path, type, Path.GetFileName(path));
    }
}
