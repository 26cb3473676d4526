namespace ThemeMiner.Core.Model;

/// <summary>A passage as the index holds it: the parser's citation, the review's fields denormalised, the themes assigned.</summary>
public sealed record IndexedPassage(
    Passage Passage,
    string ReviewId,
    string? Title,
    string? Area,
    int? Year,
    ReviewType? ReviewType,
    AgeBand? AgeBand,
    Outcome? Outcome,
    IReadOnlyList<HarmCategory> Harm,
    IReadOnlyList<string> Themes,
    IReadOnlyDictionary<string, double> Scores,
    bool Negated,
    bool GoodPractice,
    string ModelVersion);

/// <summary>A review as the index holds it (the passages are separate documents).</summary>
public sealed record IndexedReview(
    string Id,
    string Source,
    SourceFormat Format,
    string? Title,
    ReviewMetadata Metadata,
    int? PageCount,
    PageProvenance PageProvenance,
    IReadOnlyList<Section> Sections,
    int PassageCount,
    string ModelVersion);

/// <summary>What to search for. Filters combine with AND across dimensions; within a single-valued dimension
/// (section, area, age band, outcome, review type) the values given combine with OR; themes combine with AND.</summary>
public sealed record SearchRequest
{
    public string? Query { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public IReadOnlyList<string> Sections { get; init; } = [];
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<string> AgeBands { get; init; } = [];
    public IReadOnlyList<string> Outcomes { get; init; } = [];
    public IReadOnlyList<string> ReviewTypes { get; init; } = [];
    public IReadOnlyList<string> ReviewIds { get; init; } = [];
    public int? FromYear { get; init; }
    public int? ToYear { get; init; }
    public int Top { get; init; } = 10;
    public int Offset { get; init; }
    /// <summary>One hit per review (its best passage), with the number of its other matching passages.</summary>
    public bool GroupByReview { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>Compute filter counts (the facets); off for callers that only want hits.</summary>
    public bool Facets { get; init; } = true;
}

public enum SearchSort { Relevance, YearNewest, YearOldest }

public sealed record SearchHit(
    string PassageId,
    string ReviewId,
    string? Title,
    string? Area,
    int? Year,
    IReadOnlyList<string> HeadingPath,
    SectionType SectionType,
    string? Paragraph,
    int? PageStart,
    int? PageEnd,
    string Text,
    string Highlight,
    IReadOnlyList<ThemeScore> Themes,
    double Score,
    int MoreInReview);

public sealed record ThemeScore(string Id, double Score);

public sealed record FacetValue(string Value, int Count);

public sealed record SearchResults(
    int Total,
    int TotalReviews,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    /// <summary>Said to the user when the results are not exactly what was asked (e.g. not every word matched).</summary>
    public string? Notice { get; init; }
}

/// <summary>What an index holds; deterministic for the same content.</summary>
public sealed record IndexStats(
    int Reviews,
    int Passages,
    int SchemaVersion,
    IReadOnlyList<string> ModelVersions,
    IReadOnlyDictionary<string, int> ThemePassages);

public enum IngestOutcome { Added, Replaced, Unchanged, Failed }

/// <summary>One file's fate in an ingest run.</summary>
public sealed record IngestFileResult(string Source, IngestOutcome Outcome, string? ReviewId, int Passages, string? Error, FailureKind? Failure);

public sealed record IngestSummary(IReadOnlyList<IngestFileResult> Files, int Commits)
{
    public int Added => Files.Count(f => f.Outcome == IngestOutcome.Added);
    public int Replaced => Files.Count(f => f.Outcome == IngestOutcome.Replaced);
    public int Unchanged => Files.Count(f => f.Outcome == IngestOutcome.Unchanged);
    public int Failed => Files.Count(f => f.Outcome == IngestOutcome.Failed);
}

/// <summary>Progress of an ingest run, reported after each file.</summary>
public sealed record IngestProgress(int Done, int Total, string Source, IngestOutcome Outcome, int Pages, TimeSpan Elapsed);

/// <summary>A review and, per theme, how many of its passages carry it.</summary>
public sealed record ReviewThemeSet(IndexedReview Review, IReadOnlyDictionary<string, int> ThemePassages)
{
    public bool Has(string themeId) => ThemePassages.GetValueOrDefault(themeId) > 0;
}
