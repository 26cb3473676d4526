using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Web.Pages.Reviews;

/// <summary>One review (`/reviews/{id}`): metadata, outline, every passage with its citation and themes, the theme profile.</summary>
public partial class ReviewModel(SiteIndex site) : PageModel
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    public static partial Regex ReviewId();

    public SiteIndex Site => site;
    public IndexedReview Review { get; private set; } = null!;
    public IReadOnlyList<IndexedPassage> Passages { get; private set; } = [];
    public IReadOnlyList<(ThemeDefinition Theme, int Passages, double MaxScore, IndexedPassage Best)> Profile { get; private set; } = [];
    public bool ToxicTrio { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (!ReviewId().IsMatch(id)) return NotFound();
        if (this.NotReady(site) is { } wait) return wait;
        if (site.Searcher.GetReview(id) is not { } found) return NotFound();
        (Review, Passages) = found;
        Profile = ReviewProfile.Of(site.Taxonomy, Passages);
        ToxicTrio = site.Taxonomy.ToxicTrio.Count > 0 && site.Taxonomy.ToxicTrio.All(t => Profile.Any(p => p.Theme.Id == t));
        return Page();
    }
}

public static class ReviewProfile
{
    /// <summary>Each theme tagged on at least one passage: the count, the top score and that passage; most passages first.</summary>
    public static IReadOnlyList<(ThemeDefinition Theme, int Passages, double MaxScore, IndexedPassage Best)> Of(Taxonomy taxonomy, IReadOnlyList<IndexedPassage> passages) =>
        taxonomy.Themes
            .Select(t => (Theme: t, Tagged: passages.Where(p => p.Themes.Contains(t.Id)).ToList()))
            .Where(x => x.Tagged.Count > 0)
            .Select(x =>
            {
                var best = x.Tagged.OrderByDescending(p => p.Scores.GetValueOrDefault(x.Theme.Id)).First();
                return (x.Theme, x.Tagged.Count, best.Scores.GetValueOrDefault(x.Theme.Id), best);
            })
            .OrderByDescending(x => x.Item2).ThenByDescending(x => x.Item3).ThenBy(x => x.Theme.Id, StringComparer.Ordinal)
            .ToList();
}
