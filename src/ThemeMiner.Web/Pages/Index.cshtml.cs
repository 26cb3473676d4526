using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Web.Pages;

/// <summary>Search (`/?q=...`): query box, filters with counts, results grouped by review with their best passages.</summary>
public class IndexModel(SiteIndex site) : PageModel
{
    public const int ReviewsPerPage = 10, PassagesPerReview = 3;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string[] Theme { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string[] Section { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string[] Area { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string[] Age { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string[] Outcome { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string[] Type { get; set; } = [];
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SiteIndex Site => site;
    public SearchResults? Results { get; private set; }
    public IReadOnlyList<(SearchHit Best, IReadOnlyList<SearchHit> More)> Groups { get; private set; } = [];
    public string? Error { get; private set; }
    public IReadOnlyList<IndexedReview> Collection { get; private set; } = [];
    public bool Searching => !string.IsNullOrWhiteSpace(Q) || Theme.Length + Section.Length + Area.Length + Age.Length + Outcome.Length + Type.Length > 0 || From is not null || To is not null;
    public int PageCount => Results is null ? 0 : (Results.TotalReviews + ReviewsPerPage - 1) / ReviewsPerPage;

    public IActionResult OnGet()
    {
        if (!site.Ready)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return Page();
        }
        PageNumber = Math.Max(1, PageNumber);
        if (!Searching)
        {
            Collection = site.Searcher.Reviews().OrderByDescending(r => r.Metadata.PublicationYear).ThenBy(r => r.Metadata.Title ?? r.Title, StringComparer.Ordinal).ToList();
            Results = site.Searcher.Search(new SearchRequest { Top = 0 });
            return Page();
        }
        var request = BuildRequest();
        try
        {
            Results = site.Searcher.Search(request);
            // The best passage of each review on this page, then its next best for the same search.
            Groups = Results.Hits.Select(best => (best, (IReadOnlyList<SearchHit>)(best.MoreInReview == 0 ? [] :
                site.Searcher.Search(request with { ReviewIds = [best.ReviewId], GroupByReview = false, Top = PassagesPerReview, Offset = 0, Facets = false })
                    .Hits.Where(h => h.PassageId != best.PassageId).Take(PassagesPerReview - 1).ToList()))).ToList();
        }
        catch (QuerySyntaxException ex)
        {
            Error = ex.Message;
            Results = null;
        }
        return Page();
    }

    private SearchRequest BuildRequest() => new()
    {
        Query = Q,
        Themes = Theme.Where(t => site.Taxonomy.Contains(t)).ToList(),
        Sections = Section,
        Areas = Area,
        AgeBands = Age,
        Outcomes = Outcome,
        ReviewTypes = Type,
        FromYear = From,
        ToYear = To,
        GroupByReview = true,
        Top = ReviewsPerPage,
        Offset = (PageNumber - 1) * ReviewsPerPage,
        Sort = Sort switch { "newest" => SearchSort.YearNewest, "oldest" => SearchSort.YearOldest, _ => SearchSort.Relevance },
    };

    /// <summary>The current search's query string with one parameter changed (for paging and sorting links).</summary>
    public string Link(int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrEmpty(Q)) parts.Add(new("q", Q));
        foreach (var (name, values) in new[] { ("theme", Theme), ("section", Section), ("area", Area), ("age", Age), ("outcome", Outcome), ("type", Type) })
            foreach (var v in values) parts.Add(new(name, v));
        if (From is int f) parts.Add(new("from", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (To is int t) parts.Add(new("to", t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(Sort)) parts.Add(new("sort", Sort));
        if ((page ?? PageNumber) > 1) parts.Add(new("p", (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/" + Microsoft.AspNetCore.Http.QueryString.Create(parts).ToUriComponent();
    }

    public bool IsChecked(string dim, string value) => dim switch
    {
        "theme" => Theme.Contains(value),
        "section" => Section.Contains(value),
        "area" => Area.Contains(value),
        "age" => Age.Contains(value),
        "outcome" => Outcome.Contains(value),
        "type" => Type.Contains(value),
        _ => false,
    };

    public int FacetCount(string dim, string value) =>
        Results?.Facets.GetValueOrDefault(dim)?.FirstOrDefault(f => f.Value == value)?.Count ?? 0;
}
