namespace ThemeMiner.Web.Tests;

/// <summary>The repository root, found by walking up to ThemeMiner.sln.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ThemeMiner.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ThemeMiner.sln not found above the test binaries");
    }
}
