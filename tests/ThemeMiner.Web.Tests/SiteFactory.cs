using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ThemeMiner.Web.Tests;

/// <summary>The site over a temp index, built from the sample corpus with the shipped model when the host starts.</summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    protected virtual string? AdminKey => null;

    public string IndexPath { get; } = Path.Combine(Path.GetTempPath(), "thememiner-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ThemeMiner:IndexPath", IndexPath);
        builder.UseSetting("ThemeMiner:UploadPath", Path.Combine(IndexPath, "..", Path.GetFileName(IndexPath) + "-uploads"));
        if (AdminKey is not null) builder.UseSetting("ThemeMiner:AdminKey", AdminKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(IndexPath, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}

/// <summary>The site with uploading switched on.</summary>
public sealed class UploadSiteFactory : SiteFactory
{
    public const string Key = "test-admin-key-7f3a";
    protected override string? AdminKey => Key;
}
