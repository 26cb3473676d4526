using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Web.Pages.Themes;

/// <summary>One theme (`/themes/{id}`): definition and wording, reviews and passages, by year, co-occurring themes, strongest excerpts.</summary>
public class ThemeModel(SiteIndex site) : PageModel
{
    public SiteIndex Site => site;
    public ThemeDefinition Theme { get; private set; } = null!;
    public PrevalenceReport Report { get; private set; } = null!;
    public ThemePrevalence Prevalence { get; private set; } = null!;
    public IReadOnlyList<(ThemeDefinition Other, int Reviews)> CoOccurring { get; private set; } = [];
    public IReadOnlyList<(SearchHit Hit, double Score)> Excerpts { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (site.Taxonomy.Find(id) is not { } theme) return NotFound();
        if (this.NotReady(site) is { } wait) return wait;
        Theme = theme;
        Report = PrevalenceReport.Compute(site.Searcher.ReviewThemeSets(), site.Taxonomy, new PrevalenceFilter());
        Prevalence = Report.Themes.Single(t => t.Theme.Id == id);
        CoOccurring = Report.Pairs.Where(p => p.First == id || p.Second == id)
            .Select(p => (site.Taxonomy.Find(p.First == id ? p.Second : p.First)!, p.Reviews)).Take(8).ToList();
        // The strongest passages for this theme, one per review, by the theme's own score.
        Excerpts = site.Searcher.Search(new SearchRequest { Themes = [id], Top = 1000, Facets = false }).Hits
            .Select(h => (Hit: h, Score: h.Themes.FirstOrDefault(t => t.Id == id)?.Score ?? 0))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Hit.PassageId, StringComparer.Ordinal)
            .DistinctBy(x => x.Hit.ReviewId).Take(5).ToList();
        return Page();
    }
}
