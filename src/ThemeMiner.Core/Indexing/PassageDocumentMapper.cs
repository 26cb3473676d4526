using System.Globalization;
using System.Text;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using ThemeMiner.Core.Model;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace ThemeMiner.Core.Indexing;

/// <summary>Field names of the index. Keyword fields hold lower-case values for matching and doc values with the display value for counting.</summary>
public static class IndexFields
{
    public const int SchemaVersion = 1;

    public const string DocType = "docType", ReviewId = "reviewId", PassageId = "passageId", Ordinal = "ordinal";
    public const string Source = "source", SourceKey = "sourceKey", Format = "format", Title = "title";
    public const string Area = "area", Year = "year", ReviewType = "type", AgeBand = "age", Outcome = "outcome", Harm = "harm";
    public const string Section = "section", Kind = "kind", HeadingPath = "headingPath", Paragraph = "paragraph";
    public const string PageStart = "pageStart", PageEnd = "pageEnd", Part = "part", Text = "text";
    public const string Theme = "theme", Scores = "scores", Flag = "flag", ModelVersion = "modelVersion", AnalysisVersion = "analysisVersion", Schema = "schemaVersion";
    public const string Metadata = "metadata", Sections = "sections", PageCount = "pageCount", PageProvenance = "pageProvenance", PassageCount = "passageCount";

    public const string PassageType = "passage", ReviewDocType = "review";
    public const string NegatedFlag = "negated", GoodPracticeFlag = "good-practice";
}

/// <summary>Everything needed to index one review: the parse, the classifier's output per passage, and the versions that produced them.</summary>
public sealed record IndexableReview(ParsedReview Review, IReadOnlyList<PassageClassification> Classifications, string ModelVersion, string AnalysisVersion);

/// <summary>
/// The only code that builds or reads Lucene documents. A review becomes one block: a review document (metadata,
/// outline, source) followed by one document per passage with the review's fields denormalised onto it.
/// </summary>
public static class PassageDocumentMapper
{
    private static readonly FieldType TextType = CreateTextType();
    private const char PathSeparator = '\u001f';

    private static FieldType CreateTextType()
    {
        var t = new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS };
        t.Freeze();
        return t;
    }

    public static string SourceKeyOf(string source) => Path.GetFullPath(source);

    public static IReadOnlyList<LuceneDocument> ToDocuments(IndexableReview item)
    {
        var r = item.Review;
        if (item.Classifications.Count != r.Passages.Count)
            throw new ArgumentException($"review {r.Id}: {item.Classifications.Count} classifications for {r.Passages.Count} passages");
        var docs = new List<LuceneDocument>(r.Passages.Count + 1) { ReviewDocument(item) };
        var m = r.Metadata;
        var title = m.Title ?? r.Title;
        for (int i = 0; i < r.Passages.Count; i++)
        {
            var p = r.Passages[i];
            var c = item.Classifications[i];
            if (c.Id != p.Id) throw new ArgumentException($"classification {c.Id} does not belong to passage {p.Id}");
            var d = new LuceneDocument();
            Keyword(d, IndexFields.DocType, IndexFields.PassageType, docValues: false);
            d.Add(new StringField(IndexFields.ReviewId, r.Id, Field.Store.YES));
            d.Add(new SortedDocValuesField(IndexFields.ReviewId, new BytesRef(r.Id)));
            d.Add(new StringField(IndexFields.PassageId, p.Id, Field.Store.YES));
            d.Add(new StoredField(IndexFields.Ordinal, p.Ordinal));
            d.Add(new NumericDocValuesField(IndexFields.Ordinal, p.Ordinal));
            if (title is not null) d.Add(new StoredField(IndexFields.Title, title));
            AddReviewFacets(d, m);
            Keyword(d, IndexFields.Section, Names.Of(p.SectionType));
            Keyword(d, IndexFields.Kind, Names.Of(p.Kind), docValues: false);
            d.Add(new StoredField(IndexFields.HeadingPath, string.Join(PathSeparator, p.HeadingPath)));
            if (p.Paragraph is not null) d.Add(new StringField(IndexFields.Paragraph, p.Paragraph, Field.Store.YES));
            if (p.PageStart is int ps) d.Add(new StoredField(IndexFields.PageStart, ps));
            if (p.PageEnd is int pe) d.Add(new StoredField(IndexFields.PageEnd, pe));
            if (p.Part > 0) d.Add(new StoredField(IndexFields.Part, p.Part));
            d.Add(new Field(IndexFields.Text, p.Text, TextType));
            foreach (var theme in c.Themes)
            {
                d.Add(new StringField(IndexFields.Theme, theme, Field.Store.YES));
                d.Add(new SortedSetDocValuesField(IndexFields.Theme, new BytesRef(theme)));
            }
            d.Add(new StoredField(IndexFields.Scores, EncodeScores(c.Scores)));
            if (c.Negated) d.Add(new StringField(IndexFields.Flag, IndexFields.NegatedFlag, Field.Store.YES));
            if (c.GoodPractice) d.Add(new StringField(IndexFields.Flag, IndexFields.GoodPracticeFlag, Field.Store.YES));
            d.Add(new StringField(IndexFields.ModelVersion, item.ModelVersion, Field.Store.YES));
            d.Add(new StoredField(IndexFields.Schema, IndexFields.SchemaVersion));
            docs.Add(d);
        }
        return docs;
    }

    private static LuceneDocument ReviewDocument(IndexableReview item)
    {
        var r = item.Review;
        var d = new LuceneDocument();
        Keyword(d, IndexFields.DocType, IndexFields.ReviewDocType, docValues: false);
        d.Add(new StringField(IndexFields.ReviewId, r.Id, Field.Store.YES));
        d.Add(new StoredField(IndexFields.Source, r.Source));
        d.Add(new StringField(IndexFields.SourceKey, SourceKeyOf(r.Source), Field.Store.YES));
        d.Add(new StoredField(IndexFields.Format, Names.Of(r.Format)));
        if (r.Title is not null) d.Add(new StoredField(IndexFields.Title, r.Title));
        d.Add(new StoredField(IndexFields.Metadata, MetadataJson(r.Metadata)));
        d.Add(new StoredField(IndexFields.Sections, SectionsJson(r.Sections)));
        if (r.PageCount is int pc) d.Add(new StoredField(IndexFields.PageCount, pc));
        d.Add(new StoredField(IndexFields.PageProvenance, Names.Of(r.PageProvenance)));
        d.Add(new StoredField(IndexFields.PassageCount, r.Passages.Count));
        d.Add(new StringField(IndexFields.ModelVersion, item.ModelVersion, Field.Store.YES));
        d.Add(new StringField(IndexFields.AnalysisVersion, item.AnalysisVersion, Field.Store.YES));
        d.Add(new StoredField(IndexFields.Schema, IndexFields.SchemaVersion));
        if (r.Metadata.PublicationYear is int y) d.Add(new StoredField(IndexFields.Year, y));
        return d;
    }

    private static void AddReviewFacets(LuceneDocument d, ReviewMetadata m)
    {
        if (m.Area is { } area) Keyword(d, IndexFields.Area, area);
        if (m.PublicationYear is int year)
        {
            d.Add(new Int32Field(IndexFields.Year, year, Field.Store.YES));
            d.Add(new NumericDocValuesField(IndexFields.Year, year));
        }
        if (m.ReviewType is { } rt) Keyword(d, IndexFields.ReviewType, Names.Of(rt));
        if (m.AgeBand is { } ab) Keyword(d, IndexFields.AgeBand, Names.Of(ab));
        if (m.Outcome is { } o) Keyword(d, IndexFields.Outcome, Names.Of(o));
        foreach (var h in m.Harm ?? [])
        {
            var name = Names.Of(h);
            d.Add(new StringField(IndexFields.Harm, name, Field.Store.YES));
            d.Add(new SortedSetDocValuesField(IndexFields.Harm, new BytesRef(name)));
        }
    }

    /// <summary>A single-valued keyword: lower case for matching, the display value stored and in doc values for counting.</summary>
    private static void Keyword(LuceneDocument d, string field, string value, bool docValues = true)
    {
        d.Add(new StoredField(field, value)); // first, so Get() on a document not yet indexed reads the display value too
        d.Add(new StringField(field, KeywordKey(value), Field.Store.NO));
        if (docValues) d.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    /// <summary>How a keyword value is matched: lower case, inner whitespace collapsed.</summary>
    public static string KeywordKey(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();

    public static Term ReviewTerm(string reviewId) => new(IndexFields.ReviewId, reviewId);

    private static string EncodeScores(IReadOnlyDictionary<string, double> scores)
    {
        // Themes in a stable order, scores to 4 places; tiny scores are kept out to keep stored documents small.
        var sb = new StringBuilder();
        foreach (var (id, s) in scores.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (s < 0.01) continue;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(id).Append(':').Append(s.ToString("0.####", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static Dictionary<string, double> DecodeScores(string? encoded)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(encoded)) return map;
        foreach (var part in encoded.Split(';'))
        {
            int colon = part.LastIndexOf(':');
            if (colon > 0 && double.TryParse(part.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                map[part[..colon]] = v;
        }
        return map;
    }

    /// <summary>Reads a passage document back.</summary>
    public static IndexedPassage ToPassage(LuceneDocument d)
    {
        var headingPath = d.Get(IndexFields.HeadingPath) is { Length: > 0 } hp ? hp.Split(PathSeparator) : [];
        var passage = new Passage(
            d.Get(IndexFields.PassageId),
            d.GetField(IndexFields.Ordinal)?.GetInt32Value() ?? 0,
            headingPath,
            Names.Parse<SectionType>(d.Get(IndexFields.Section), Names.Of) ?? SectionType.Other,
            Names.Parse<PassageKind>(d.Get(IndexFields.Kind), Names.Of) ?? PassageKind.Paragraph,
            d.Get(IndexFields.Paragraph),
            d.GetField(IndexFields.PageStart)?.GetInt32Value(),
            d.GetField(IndexFields.PageEnd)?.GetInt32Value(),
            d.Get(IndexFields.Text) ?? "",
            d.GetField(IndexFields.Part)?.GetInt32Value() ?? 0);
        var scores = DecodeScores(d.Get(IndexFields.Scores));
        var flags = d.GetValues(IndexFields.Flag);
        return new IndexedPassage(
            passage,
            d.Get(IndexFields.ReviewId),
            d.Get(IndexFields.Title),
            d.Get(IndexFields.Area),
            StoredInt(d, IndexFields.Year),
            Names.Parse<ReviewType>(d.Get(IndexFields.ReviewType), Names.Of),
            Names.Parse<AgeBand>(d.Get(IndexFields.AgeBand), Names.Of),
            Names.Parse<Outcome>(d.Get(IndexFields.Outcome), Names.Of),
            d.GetValues(IndexFields.Harm).Select(h => Names.Parse<HarmCategory>(h, Names.Of)).OfType<HarmCategory>().ToList(),
            d.GetValues(IndexFields.Theme),
            scores,
            flags.Contains(IndexFields.NegatedFlag),
            flags.Contains(IndexFields.GoodPracticeFlag),
            d.Get(IndexFields.ModelVersion) ?? "");
    }

    /// <summary>Reads a review document back.</summary>
    public static IndexedReview ToReview(LuceneDocument d) => new(
        d.Get(IndexFields.ReviewId),
        d.Get(IndexFields.Source) ?? "",
        Names.Parse<SourceFormat>(d.Get(IndexFields.Format), Names.Of) ?? SourceFormat.Pdf,
        d.Get(IndexFields.Title),
        ReadMetadata(d.Get(IndexFields.Metadata)),
        d.GetField(IndexFields.PageCount)?.GetInt32Value(),
        Names.Parse<PageProvenance>(d.Get(IndexFields.PageProvenance), Names.Of) ?? PageProvenance.Unknown,
        ReadSections(d.Get(IndexFields.Sections)),
        d.GetField(IndexFields.PassageCount)?.GetInt32Value() ?? 0,
        d.Get(IndexFields.ModelVersion) ?? "");

    /// <summary>The model and analysis versions a review document was indexed with.</summary>
    public static (string ReviewId, string SourceKey, string ModelVersion, string AnalysisVersion) ReviewKeys(LuceneDocument d) =>
        (d.Get(IndexFields.ReviewId), d.Get(IndexFields.SourceKey) ?? "", d.Get(IndexFields.ModelVersion) ?? "", d.Get(IndexFields.AnalysisVersion) ?? "");

    /// <summary>The stored fields that <see cref="ReviewKeys"/> reads (loading only these is much cheaper).</summary>
    public static readonly ISet<string> ReviewKeyFields = new HashSet<string> { IndexFields.ReviewId, IndexFields.SourceKey, IndexFields.ModelVersion, IndexFields.AnalysisVersion };

    private static int? StoredInt(LuceneDocument d, string field)
    {
        foreach (var f in d.GetFields(field))
            if (f.GetInt32Value() is int v) return v;
        return null;
    }

    private static string MetadataJson(ReviewMetadata m)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Serialization.ReviewJson.Compact)) Serialization.ReviewJson.WriteMetadata(w, m);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static ReviewMetadata ReadMetadata(string? json)
    {
        if (string.IsNullOrEmpty(json)) return ReviewMetadata.Empty;
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        IEnumerable<string> A(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString()).OfType<string>() : [];
        return new ReviewMetadata(
            S("title"),
            Names.Parse<ReviewType>(S("reviewType"), Names.Of),
            Names.Parse<ReportKind>(S("reportKind"), Names.Of),
            S("partnership"),
            S("area"),
            e.TryGetProperty("publicationYear", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            A("children").ToList(),
            Names.Parse<AgeBand>(S("ageBand"), Names.Of),
            Names.Parse<ChildSex>(S("sex"), Names.Of),
            Names.Parse<Outcome>(S("outcome"), Names.Of),
            A("harm").Select(h => Names.Parse<HarmCategory>(h, Names.Of)).OfType<HarmCategory>().ToList(),
            Names.Parse<Methodology>(S("methodology"), Names.Of));
    }

    private static string SectionsJson(IReadOnlyList<Section> sections)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Serialization.ReviewJson.Compact))
        {
            w.WriteStartArray();
            foreach (var s in sections)
            {
                w.WriteStartObject();
                w.WriteString("heading", s.Heading);
                w.WriteNumber("level", s.Level);
                w.WriteString("sectionType", Names.Of(s.SectionType));
                w.WriteString("number", s.Number);
                if (s.PageStart is int p) w.WriteNumber("pageStart", p); else w.WriteNull("pageStart");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static IReadOnlyList<Section> ReadSections(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(s => new Section(
            s.GetProperty("heading").GetString() ?? "",
            s.GetProperty("level").GetInt32(),
            Names.Parse<SectionType>(s.GetProperty("sectionType").GetString(), Names.Of) ?? SectionType.Other,
            s.GetProperty("number").GetString(),
            s.GetProperty("pageStart").ValueKind == JsonValueKind.Number ? s.GetProperty("pageStart").GetInt32() : null)).ToList();
    }
}
