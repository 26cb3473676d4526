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
        if (!site.Ready) { Response.StatusCode = 503; Response.Headers.RetryAfter = "5"; return Content(site.Status); }
        Report = PrevalenceReport.Compute(site.Searcher.ReviewThemeSets(), site.Taxonomy, new PrevalenceFilter());
        return Page();
    }
}
