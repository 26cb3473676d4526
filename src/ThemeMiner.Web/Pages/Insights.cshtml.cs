using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Web.Pages;

/// <summary>Prevalence across the collection (`/insights`), computed live, filterable by area and years; every figure links to its passages.</summary>
public class InsightsModel(SiteIndex site) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    public SiteIndex Site => site;
    public PrevalenceReport Report { get; private set; } = null!;
    public IReadOnlyList<string> Areas { get; private set; } = [];
    public IReadOnlyList<IndexedReview> TrioReviews { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (this.NotReady(site) is { } wait) return wait;
        var sets = site.Searcher.ReviewThemeSets();
        Areas = sets.Select(s => s.Review.Metadata.Area).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (Area is not null && !Areas.Contains(Area)) Area = null;
        var filter = new PrevalenceFilter(Area, From, To);
        Report = PrevalenceReport.Compute(sets, site.Taxonomy, filter);
        TrioReviews = sets.Where(s => filter.Includes(s.Review) && site.Taxonomy.ToxicTrio.Count > 0 && site.Taxonomy.ToxicTrio.All(s.Has))
            .Select(s => s.Review).OrderBy(r => r.Metadata.Title ?? r.Title, StringComparer.Ordinal).ToList();
        return Page();
    }

    /// <summary>The search behind a figure: the same area and years, plus the given filters.</summary>
    public string Passages(params (string Name, string Value)[] extra)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        foreach (var (n, v) in extra) parts.Add(new(n, v));
        if (Area is not null) parts.Add(new("area", Area));
        if (From is int f) parts.Add(new("from", f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (To is int t) parts.Add(new("to", t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/" + QueryString.Create(parts).ToUriComponent();
    }

    public string Scope => string.Join(", ", new[] { Area, From is null && To is null ? null : $"published {(From?.ToString() ?? "…")} to {(To?.ToString() ?? "…")}" }.OfType<string>()) is { Length: > 0 } s ? s : "all reviews";
}
