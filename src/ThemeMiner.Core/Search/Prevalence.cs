using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Search;

/// <summary>Which reviews a prevalence figure covers.</summary>
public sealed record PrevalenceFilter(string? Area = null, int? FromYear = null, int? ToYear = null)
{
    public bool Includes(IndexedReview r) =>
        (Area is null || string.Equals(r.Metadata.Area, Area, StringComparison.OrdinalIgnoreCase))
        && (FromYear is null || r.Metadata.PublicationYear >= FromYear)
        && (ToYear is null || r.Metadata.PublicationYear <= ToYear);
}

public sealed record ThemePrevalence(ThemeDefinition Theme, int Reviews, double Share, int Passages);

public sealed record ThemePair(string First, string Second, int Reviews);

/// <summary>
/// The figures regional and national analyses give, computed from the index: reviews by outcome, age band and harm;
/// the share of reviews with each theme (a theme counts for a review when at least one passage carries it at or above
/// the theme's threshold); the toxic trio; co-occurring pairs; themes by age band and by year.
/// </summary>
public sealed record PrevalenceReport(
    PrevalenceFilter Filter,
    int Reviews,
    IReadOnlyList<FacetValue> Outcomes,
    IReadOnlyList<FacetValue> AgeBands,
    IReadOnlyList<FacetValue> Harms,
    IReadOnlyList<ThemePrevalence> Themes,
    int ToxicTrio,
    IReadOnlyList<ThemePair> Pairs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ThemeByAgeBand,
    IReadOnlyList<FacetValue> ReviewsByAgeBand,
    IReadOnlyList<FacetValue> ReviewsByYear,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ThemeByYear)
{
    public const string NotStated = "not stated";

    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    public static PrevalenceReport Compute(IReadOnlyList<ReviewThemeSet> all, Taxonomy taxonomy, PrevalenceFilter filter)
    {
        var sets = all.Where(s => filter.Includes(s.Review)).ToList();
        int n = sets.Count;
        static IReadOnlyList<FacetValue> Count(IEnumerable<string> values) =>
            values.GroupBy(v => v).Select(g => new FacetValue(g.Key, g.Count())).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
        string Age(ReviewThemeSet s) => s.Review.Metadata.AgeBand is { } a ? Names.Of(a) : NotStated;
        string Year(ReviewThemeSet s) => s.Review.Metadata.PublicationYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? NotStated;

        var themes = taxonomy.Themes.Select(t =>
        {
            int reviews = sets.Count(s => s.Has(t.Id));
            return new ThemePrevalence(t, reviews, Share(reviews, n), sets.Sum(s => s.ThemePassages.GetValueOrDefault(t.Id)));
        }).ToList();
        int trio = taxonomy.ToxicTrio.Count == 0 ? 0 : sets.Count(s => taxonomy.ToxicTrio.All(s.Has));
        var pairs = new List<ThemePair>();
        for (int i = 0; i < taxonomy.Themes.Count; i++)
            for (int j = i + 1; j < taxonomy.Themes.Count; j++)
            {
                string a = taxonomy.Themes[i].Id, b = taxonomy.Themes[j].Id;
                int both = sets.Count(s => s.Has(a) && s.Has(b));
                if (both > 0) pairs.Add(new ThemePair(a, b, both));
            }
        var ageOrder = Enum.GetValues<AgeBand>().Select(Names.Of).Append(NotStated).ToList();
        var byAge = taxonomy.Themes.ToDictionary(t => t.Id, t => (IReadOnlyDictionary<string, int>)sets.Where(s => s.Has(t.Id)).GroupBy(Age).ToDictionary(g => g.Key, g => g.Count()));
        var byYear = taxonomy.Themes.ToDictionary(t => t.Id, t => (IReadOnlyDictionary<string, int>)sets.Where(s => s.Has(t.Id)).GroupBy(Year).ToDictionary(g => g.Key, g => g.Count()));
        return new PrevalenceReport(
            filter, n,
            Count(sets.Select(s => s.Review.Metadata.Outcome is { } o ? Names.Of(o) : NotStated)),
            Count(sets.Select(Age)),
            Count(sets.SelectMany(s => s.Review.Metadata.Harm is { Count: > 0 } h ? h.Select(Names.Of) : [NotStated])),
            themes.OrderByDescending(t => t.Reviews).ThenBy(t => t.Theme.Id, StringComparer.Ordinal).ToList(),
            trio,
            pairs.OrderByDescending(p => p.Reviews).ThenBy(p => p.First, StringComparer.Ordinal).ThenBy(p => p.Second, StringComparer.Ordinal).ToList(),
            byAge,
            sets.GroupBy(Age).Select(g => new FacetValue(g.Key, g.Count())).OrderBy(v => ageOrder.IndexOf(v.Value)).ToList(),
            sets.GroupBy(Year).Select(g => new FacetValue(g.Key, g.Count())).OrderBy(v => v.Value, StringComparer.Ordinal).ToList(),
            byYear);
    }
}

/// <summary>The passages behind prevalence figures.</summary>
public static class PrevalenceEvidence
{
    /// <summary>For each theme carried in the filtered reviews: each review's strongest passage for it, strongest first.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SearchHit>> StrongestPerReview(ReviewSearcher searcher, PrevalenceReport report)
    {
        var result = new Dictionary<string, IReadOnlyList<SearchHit>>(StringComparer.Ordinal);
        foreach (var t in report.Themes.Where(t => t.Reviews > 0))
        {
            var hits = searcher.Search(new SearchRequest
            {
                Themes = [t.Theme.Id], Areas = report.Filter.Area is { } a ? [a] : [], FromYear = report.Filter.FromYear, ToYear = report.Filter.ToYear,
                Top = 1000, Facets = false,
            }).Hits;
            double Score(SearchHit h) => h.Themes.FirstOrDefault(x => x.Id == t.Theme.Id)?.Score ?? 0;
            result[t.Theme.Id] = hits.GroupBy(h => h.ReviewId)
                .Select(g => g.OrderByDescending(Score).ThenBy(h => h.PassageId, StringComparer.Ordinal).First())
                .OrderByDescending(Score).ThenBy(h => h.PassageId, StringComparer.Ordinal).ToList();
        }
        return result;
    }
}
