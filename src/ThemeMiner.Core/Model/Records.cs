namespace ThemeMiner.Core.Model;

/// <summary>One passage of a review: a paragraph (or numbered paragraph) with its citation.</summary>
/// <param name="Id">Stable id: review id + ":" + ordinal (4 digits).</param>
/// <param name="Ordinal">Position in the review, from 1.</param>
/// <param name="HeadingPath">Headings from the top level down to the passage's section.</param>
/// <param name="Paragraph">The report's own paragraph number ("5.3.2", "12") or null when it has none.</param>
/// <param name="PageStart">First page (PDF page index from 1), null when unknown.</param>
/// <param name="PageEnd">Last page, null when unknown.</param>
/// <param name="Part">1-based part number when a long paragraph was split; 0 when not split.</param>
public sealed record Passage(
    string Id,
    int Ordinal,
    IReadOnlyList<string> HeadingPath,
    SectionType SectionType,
    PassageKind Kind,
    string? Paragraph,
    int? PageStart,
    int? PageEnd,
    string Text,
    int Part = 0)
{
    public int WordCount => TextMetrics.CountWords(Text);
}

/// <summary>A heading of the report and where it starts.</summary>
public sealed record Section(string Heading, int Level, SectionType SectionType, string? Number, int? PageStart);

/// <summary>Review metadata extracted by rules; every field is null (or empty) when the report does not state it.</summary>
public sealed record ReviewMetadata(
    string? Title = null,
    ReviewType? ReviewType = null,
    ReportKind? ReportKind = null,
    string? Partnership = null,
    string? Area = null,
    int? PublicationYear = null,
    IReadOnlyList<string>? Children = null,
    AgeBand? AgeBand = null,
    ChildSex? Sex = null,
    Outcome? Outcome = null,
    IReadOnlyList<HarmCategory>? Harm = null,
    Methodology? Methodology = null)
{
    public static ReviewMetadata Empty { get; } = new();
}

/// <summary>Something worth knowing about a parse that did not stop it (dropped coversheet, removed headers...).</summary>
public sealed record ParseIssue(string Code, string Message, int? Page = null);

/// <summary>A fully parsed review.</summary>
public sealed record ParsedReview(
    string Id,
    string Source,
    SourceFormat Format,
    string? Title,
    ReviewMetadata Metadata,
    int? PageCount,
    PageProvenance PageProvenance,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<ParseIssue> Issues);

/// <summary>Per-file outcome: a parsed review, or a failure with a one-line reason. Never both.</summary>
public sealed record ParseResult
{
    public required string Source { get; init; }
    public required ParseStatus Status { get; init; }
    public ParsedReview? Review { get; init; }
    public FailureKind? Failure { get; init; }
    public string? Error { get; init; }

    public static ParseResult Ok(string source, ParsedReview review) =>
        new() { Source = source, Status = ParseStatus.Ok, Review = review };

    public static ParseResult Fail(string source, FailureKind kind, string error) =>
        new() { Source = source, Status = ParseStatus.Error, Failure = kind, Error = error };
}
