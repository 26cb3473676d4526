using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Web.Pages.Themes;

/// <summary>The taxonomy's themes with how many reviews and passages carry each (`/themes`).</summary>
public class IndexModel(SiteIndex site) : PageModel
{
    public SiteIndex Site => site;
    public PrevalenceReport Report { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (this.NotReady(site) is { } wait) return wait;
        Report = PrevalenceReport.Compute(site.Searcher.ReviewThemeSets(), site.Taxonomy, new PrevalenceFilter());
        return Page();
    }
}
