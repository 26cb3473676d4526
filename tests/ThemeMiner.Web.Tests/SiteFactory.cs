using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ThemeMiner.Web.Tests;

/// <summary>The site over a temp index, built from the sample corpus with the shipped model when the host starts.</summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    public string IndexPath { get; } = Path.Combine(Path.GetTempPath(), "thememiner-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ThemeMiner:IndexPath", IndexPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(IndexPath, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
