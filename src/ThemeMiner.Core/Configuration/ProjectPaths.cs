namespace ThemeMiner.Core.Configuration;

/// <summary>
/// Default locations of the shipped data under models/. Relative defaults resolve against the
/// working directory first, then against the repository root found by walking up to ThemeMiner.sln, so
/// commands work from the repository root and from a project folder alike.
/// </summary>
public static class ProjectPaths
{
    public const string TaxonomyFile = "models/themes.json";
    public const string ModelFile = "models/theme-model.zip";
    public const string TrainingFolder = "models/training";
    public const string SynonymsFile = "models/synonyms.txt";
    public const string DefaultIndexFolder = "data/index";
    public const string IndexPathVariable = "ThemeMiner__IndexPath";

    /// <summary>The index folder: the explicit path, else configuration ThemeMiner:IndexPath (environment
    /// ThemeMiner__IndexPath), else data/index under the working directory.</summary>
    public static string IndexFolder(string? explicitPath, string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var fromEnvironment = Environment.GetEnvironmentVariable(IndexPathVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultIndexFolder : fromEnvironment;
    }

    public static string? RepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThemeMiner.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThemeMiner.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>An explicit path is used as given; a default relative path is looked up in the working directory, then the repository root.</summary>
    public static string Resolve(string? explicitPath, string defaultRelative)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
        if (File.Exists(defaultRelative) || System.IO.Directory.Exists(defaultRelative)) return defaultRelative;
        var root = RepositoryRoot();
        return root is null ? defaultRelative : Path.Combine(root, defaultRelative);
    }

    /// <summary>The development evaluation set beside the repository (../shared/eval/dev-passages.jsonl), when present.</summary>
    public static string? DevSet()
    {
        var root = RepositoryRoot();
        if (root is null) return null;
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "eval", "dev-passages.jsonl"));
        return File.Exists(path) ? path : null;
    }
}
