using System.Globalization;
using System.Text;
using System.Text.Json;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Serialization;

/// <summary>One file's row in `thememiner tag`: the parse outcome, the review's metadata and its theme profile.</summary>
public sealed record TagRow(string File, string? ReviewId, string Status, string? Error, ParsedReview? Review, ReviewThemeProfile? Profile, bool? Indexed);

/// <summary>The `tag` contract: JSON (an array of rows), CSV (one row a review, one column a theme), Markdown.</summary>
public static class TagOutput
{
    public static string Json(IReadOnlyList<TagRow> rows, Taxonomy taxonomy)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, ReviewJson.Indented))
        {
            w.WriteStartArray();
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("file", r.File);
                w.WriteString("reviewId", r.ReviewId);
                w.WriteString("status", r.Status);
                if (r.Error is not null) w.WriteString("error", r.Error);
                if (r.Review is { } review && r.Profile is { } profile)
                {
                    w.WritePropertyName("metadata");
                    ReviewJson.WriteMetadata(w, review.Metadata);
                    if (review.PageCount is int pc) w.WriteNumber("pageCount", pc); else w.WriteNull("pageCount");
                    w.WriteNumber("passages", review.Passages.Count);
                    w.WriteStartArray("themes");
                    foreach (var t in profile.Themes)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", t.ThemeId);
                        w.WriteNumber("passages", t.Passages);
                        w.WriteNumber("maxScore", Math.Round(t.MaxScore, 4));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartObject("evidence");
                    foreach (var t in profile.Themes)
                    {
                        w.WriteStartArray(t.ThemeId);
                        foreach (var e in t.Evidence)
                        {
                            w.WriteStartObject();
                            w.WriteString("passageId", e.PassageId);
                            w.WriteString("paragraph", e.Paragraph);
                            if (e.PageStart is int ps) w.WriteNumber("pageStart", ps); else w.WriteNull("pageStart");
                            if (e.PageEnd is int pe) w.WriteNumber("pageEnd", pe); else w.WriteNull("pageEnd");
                            w.WriteString("text", e.Text);
                            w.WriteNumber("score", Math.Round(e.Score, 4));
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                    w.WriteStartObject("flags");
                    w.WriteBoolean("toxicTrio", profile.ToxicTrio);
                    w.WriteEndObject();
                }
                if (r.Indexed is bool ix) w.WriteBoolean("indexed", ix);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static readonly string[] CsvMetadataColumns = ["file", "reviewId", "status", "error", "title", "reviewType", "partnership", "area", "publicationYear", "ageBand", "outcome", "harm", "pageCount", "passages", "toxicTrio"];

    public static string Csv(IReadOnlyList<TagRow> rows, Taxonomy taxonomy)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CsvMetadataColumns.Concat(taxonomy.Themes.Select(t => t.Id)))).Append("\r\n");
        foreach (var r in rows)
        {
            var m = r.Review?.Metadata;
            var cells = new List<string?>
            {
                r.File, r.ReviewId, r.Status, r.Error, m?.Title ?? r.Review?.Title, m?.ReviewType is { } t ? Names.Of(t) : null, m?.Partnership, m?.Area,
                m?.PublicationYear?.ToString(CultureInfo.InvariantCulture), m?.AgeBand is { } a ? Names.Of(a) : null, m?.Outcome is { } o ? Names.Of(o) : null,
                m?.Harm is { Count: > 0 } h ? string.Join("; ", h.Select(Names.Of)) : null, r.Review?.PageCount?.ToString(CultureInfo.InvariantCulture),
                r.Review?.Passages.Count.ToString(CultureInfo.InvariantCulture), r.Profile is { } p ? (p.ToxicTrio ? "yes" : "no") : null,
            };
            foreach (var theme in taxonomy.Themes)
                cells.Add(r.Profile is null ? null : (r.Profile.Themes.FirstOrDefault(e => e.ThemeId == theme.Id)?.Passages ?? 0).ToString(CultureInfo.InvariantCulture));
            sb.Append(string.Join(',', cells.Select(CsvCell))).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    public static string CsvCell(string? v)
    {
        if (string.IsNullOrEmpty(v)) return "";
        if (v[0] is '=' or '+' or '-' or '@') v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    public static string Markdown(IReadOnlyList<TagRow> rows, Taxonomy taxonomy)
    {
        var sb = new StringBuilder();
        sb.Append("# Theme profiles\n\n");
        sb.Append($"{rows.Count(r => r.Status == "ok")} of {rows.Count} files tagged. A theme is listed when at least one passage carries it at or above the theme's threshold; scores are the model's calibrated confidence.\n");
        foreach (var r in rows)
        {
            if (r.Review is not { } review || r.Profile is not { } profile)
            {
                sb.Append($"\n## {Path.GetFileName(r.File)}\n\nNot tagged: {r.Error}\n");
                continue;
            }
            var m = review.Metadata;
            sb.Append($"\n## {m.Title ?? review.Title ?? Path.GetFileName(r.File)}\n\n");
            var facts = new[] { m.Partnership, m.PublicationYear?.ToString(CultureInfo.InvariantCulture), m.ReviewType is { } t ? Names.Of(t) : null,
                m.AgeBand is { } a ? "child " + Names.Of(a) : null, m.Outcome is { } o ? Names.Of(o) : null }.Where(x => x is not null);
            sb.Append($"{string.Join(" · ", facts)} · {review.Passages.Count} passages · `{Path.GetFileName(r.File)}`\n\n");
            if (profile.ToxicTrio) sb.Append("**Toxic trio:** parental mental health, domestic abuse and substance misuse all appear.\n\n");
            if (profile.Themes.Count == 0) { sb.Append("No theme found.\n"); continue; }
            sb.Append("| theme | passages | top score | strongest passage |\n|---|---|---|---|\n");
            foreach (var e in profile.Themes)
            {
                var best = e.Evidence.FirstOrDefault();
                var cite = best is null ? "" : (best.Paragraph is { } para ? $"para {para}" : best.PassageId[^4..]) + (best.PageStart is int ps ? $", p. {ps}" : "");
                sb.Append($"| {taxonomy.Find(e.ThemeId)?.Label ?? e.ThemeId} | {e.Passages} | {e.MaxScore:0.00} | {cite} |\n");
            }
        }
        return sb.ToString();
    }
}
