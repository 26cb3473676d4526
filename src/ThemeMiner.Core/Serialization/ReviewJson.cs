using System.Text.Encodings.Web;
using System.Text.Json;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Serialization;

/// <summary>
/// The JSON form of parse results (the `thememiner parse` contract). Field names are fixed here and only here:
/// id, source, format, title, metadata{...}, pageCount, pageProvenance, sections[], passages[], issues[].
/// </summary>
public static class ReviewJson
{
    public static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(ParseResult result, bool indented)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, indented ? Indented : Compact)) Write(w, result);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void Write(Utf8JsonWriter w, ParseResult result)
    {
        if (result.Review is { } review)
        {
            WriteReview(w, review, status: true);
            return;
        }
        w.WriteStartObject();
        w.WriteString("source", result.Source);
        w.WriteString("status", Names.Of(result.Status));
        w.WriteString("failure", result.Failure is { } f ? Names.Of(f) : null);
        w.WriteString("error", result.Error);
        w.WriteEndObject();
    }

    public static void WriteReview(Utf8JsonWriter w, ParsedReview r, bool status)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("source", r.Source);
        if (status) w.WriteString("status", "ok");
        w.WriteString("format", Names.Of(r.Format));
        w.WriteString("title", r.Title);
        w.WritePropertyName("metadata");
        WriteMetadata(w, r.Metadata);
        WriteNullable(w, "pageCount", r.PageCount);
        w.WriteString("pageProvenance", Names.Of(r.PageProvenance));
        w.WriteStartArray("sections");
        foreach (var s in r.Sections)
        {
            w.WriteStartObject();
            w.WriteString("heading", s.Heading);
            w.WriteNumber("level", s.Level);
            w.WriteString("sectionType", Names.Of(s.SectionType));
            w.WriteString("number", s.Number);
            WriteNullable(w, "pageStart", s.PageStart);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("passages");
        foreach (var p in r.Passages) WritePassage(w, p);
        w.WriteEndArray();
        w.WriteStartArray("issues");
        foreach (var i in r.Issues)
        {
            w.WriteStartObject();
            w.WriteString("code", i.Code);
            w.WriteString("message", i.Message);
            WriteNullable(w, "page", i.Page);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePassage(Utf8JsonWriter w, Passage p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteStartArray("headingPath");
        foreach (var h in p.HeadingPath) w.WriteStringValue(h);
        w.WriteEndArray();
        w.WriteString("sectionType", Names.Of(p.SectionType));
        w.WriteString("kind", Names.Of(p.Kind));
        w.WriteString("paragraph", p.Paragraph);
        WriteNullable(w, "pageStart", p.PageStart);
        WriteNullable(w, "pageEnd", p.PageEnd);
        if (p.Part > 0) w.WriteNumber("part", p.Part);
        w.WriteString("text", p.Text);
        w.WriteEndObject();
    }

    public static void WriteMetadata(Utf8JsonWriter w, ReviewMetadata m)
    {
        w.WriteStartObject();
        w.WriteString("title", m.Title);
        w.WriteString("reviewType", m.ReviewType is { } rt ? Names.Of(rt) : null);
        w.WriteString("reportKind", m.ReportKind is { } rk ? Names.Of(rk) : null);
        w.WriteString("partnership", m.Partnership);
        w.WriteString("area", m.Area);
        WriteNullable(w, "publicationYear", m.PublicationYear);
        w.WriteStartArray("children");
        foreach (var c in m.Children ?? []) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteString("ageBand", m.AgeBand is { } ab ? Names.Of(ab) : null);
        w.WriteString("sex", m.Sex is { } sx ? Names.Of(sx) : null);
        w.WriteString("outcome", m.Outcome is { } o ? Names.Of(o) : null);
        w.WriteStartArray("harm");
        foreach (var h in m.Harm ?? []) w.WriteStringValue(Names.Of(h));
        w.WriteEndArray();
        w.WriteString("methodology", m.Methodology is { } me ? Names.Of(me) : null);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
