using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ThemeMiner.Web.Pages.Admin;

/// <summary>Add a review (`/admin/upload`, behind ThemeMiner:AdminKey): upload a PDF or Word review, see its parsed
/// metadata and theme profile, and optionally add it to the index. Antiforgery-protected (Razor Pages' default).</summary>
public class UploadModel(SiteIndex site) : PageModel
{
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public IFormFile? Review { get; set; }
    [BindProperty] public bool Add { get; set; }

    public SiteIndex Site => site;
    public bool Enabled => !string.IsNullOrEmpty(site.Options.AdminKey);
    public UploadResult? Result { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        if (!Enabled) Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enabled) { Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (!KeyMatches(Key))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Error = "The admin key is not right. Ask whoever runs this site for the key set in ThemeMiner:AdminKey.";
            return Page();
        }
        if (!site.Ready) { Error = site.Status; Response.StatusCode = 503; return Page(); }
        if (Review is null || Review.Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = "Choose a PDF or Word (.docx) file of a review to upload.";
            return Page();
        }
        var limit = (long)(site.Options.MaxUploadMb * 1024 * 1024);
        if (Review.Length > limit)
        {
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            Error = $"The file is {Review.Length / (1024.0 * 1024):0.#} MB; the largest upload is {site.Options.MaxUploadMb:0.#} MB.";
            return Page();
        }
        using var buffer = new MemoryStream();
        await Review.CopyToAsync(buffer, ct);
        var name = Path.GetFileName(Review.FileName);
        Result = await Task.Run(() => site.Upload(buffer.ToArray(), string.IsNullOrWhiteSpace(name) ? "upload" : name, Add, ct), ct);
        if (Result.Review is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Error = Result.Error;
        }
        else if (Result.Error is not null) Error = Result.Error;
        return Page();
    }

    private bool KeyMatches(string? key) =>
        key is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(site.Options.AdminKey!)));
}
