using System.Text.Json;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Serialization;

/// <summary>The JSON form of search results: the `thememiner search --json` and `/api/search` contract.</summary>
public static class SearchJson
{
    public static string Serialize(SearchResults results, bool indented = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("total", results.Total);
            w.WriteNumber("reviews", results.TotalReviews);
            if (results.Notice is not null) w.WriteString("notice", results.Notice);
            w.WriteStartArray("hits");
            foreach (var h in results.Hits)
            {
                w.WriteStartObject();
                w.WriteString("passageId", h.PassageId);
                w.WriteString("reviewId", h.ReviewId);
                w.WriteString("title", h.Title);
                w.WriteString("area", h.Area);
                if (h.Year is int y) w.WriteNumber("year", y); else w.WriteNull("year");
                w.WriteStartArray("headingPath");
                foreach (var p in h.HeadingPath) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteString("sectionType", Names.Of(h.SectionType));
                w.WriteString("paragraph", h.Paragraph);
                if (h.PageStart is int ps) w.WriteNumber("pageStart", ps); else w.WriteNull("pageStart");
                if (h.PageEnd is int pe) w.WriteNumber("pageEnd", pe); else w.WriteNull("pageEnd");
                w.WriteString("text", h.Text);
                w.WriteString("highlight", h.Highlight);
                w.WriteStartArray("themes");
                foreach (var t in h.Themes) w.WriteStringValue(t.Id);
                w.WriteEndArray();
                w.WriteStartObject("themeScores");
                foreach (var t in h.Themes) w.WriteNumber(t.Id, t.Score);
                w.WriteEndObject();
                w.WriteNumber("score", h.Score);
                w.WriteNumber("moreInReview", h.MoreInReview);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("facets");
            foreach (var (dim, values) in results.Facets)
            {
                w.WriteStartArray(dim);
                foreach (var v in values) { w.WriteStartObject(); w.WriteString("value", v.Value); w.WriteNumber("count", v.Count); w.WriteEndObject(); }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

}
