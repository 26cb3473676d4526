using Microsoft.AspNetCore.Mvc.RazorPages;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Web.Pages;

public class IndexModel(CorpusCatalog catalog) : PageModel
{
    public IReadOnlyList<ParsedReview> Reviews { get; private set; } = [];
    public IReadOnlyList<ParseResult> Failed { get; private set; } = [];
    public int PassageCount => Reviews.Sum(r => r.Passages.Count);
    public string CorpusPath => catalog.CorpusPath;

    public void OnGet()
    {
        Reviews = catalog.Reviews.OrderByDescending(r => r.Metadata.PublicationYear).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
        Failed = catalog.Results.Where(r => r.Status != ParseStatus.Ok).ToList();
    }
}
