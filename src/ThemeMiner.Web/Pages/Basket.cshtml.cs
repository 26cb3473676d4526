using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Export;

namespace ThemeMiner.Web.Pages;

/// <summary>The excerpt basket (`/basket?passage=ID...`). The basket itself lives in the browser (basket.js keeps the ids
/// in local storage and opens this page with them); the server only renders what it is given and stays stateless.</summary>
public class BasketModel(SiteIndex site) : PageModel
{
    [BindProperty(SupportsGet = true)] public string[] Passage { get; set; } = [];

    public SiteIndex Site => site;
    public IReadOnlyList<Excerpt> Excerpts { get; private set; } = [];
    public int Missing { get; private set; }

    public IActionResult OnGet()
    {
        if (this.NotReady(site) is { } wait) return wait;
        var ids = Passage.Where(ApiEndpoints.IsPassageId).Distinct().Take(ApiEndpoints.MaxExcerpts).ToList();
        Excerpts = site.Searcher.GetExcerpts(ids, out var missing);
        Missing = missing.Count + Passage.Count(p => !ApiEndpoints.IsPassageId(p));
        return Page();
    }

    public string ExportLink(string format) =>
        "/api/export" + QueryString.Create(Excerpts.Select(e => new KeyValuePair<string, string?>("passage", e.Passage.Passage.Id)).Prepend(new("format", format))).ToUriComponent();
}
