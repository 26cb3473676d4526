using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;

namespace ThemeMiner.Web;

/// <summary>Site configuration (section "ThemeMiner"; environment ThemeMiner__CorpusPath ...).</summary>
public sealed class ThemeMinerOptions
{
    /// <summary>Folder of review files shown by the site. Default: corpus-sample/ in the repository.</summary>
    public string? CorpusPath { get; set; }
}

/// <summary>The reviews of the configured corpus folder, parsed once on first use (in parallel) and kept.</summary>
public sealed class CorpusCatalog(IOptions<ThemeMinerOptions> options, ILogger<CorpusCatalog> log)
{
    private readonly Lazy<IReadOnlyList<ParseResult>> _results = new(() => Load(options.Value.CorpusPath!, log));

    public string CorpusPath => options.Value.CorpusPath!;
    public IReadOnlyList<ParseResult> Results => _results.Value;
    public IEnumerable<ParsedReview> Reviews => Results.Where(r => r.Review is not null).Select(r => r.Review!);

    private static IReadOnlyList<ParseResult> Load(string path, ILogger log)
    {
        if (!Directory.Exists(path))
        {
            log.LogWarning("Corpus folder {Path} does not exist: set ThemeMiner:CorpusPath", path);
            return [];
        }
        var files = ReviewParser.ExpandPaths([path], out _).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}broken{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        log.LogInformation("Parsing {Count} review files in {Path}", files.Count, path);
        var parser = new ReviewParser();
        var results = new ConcurrentBag<(int, ParseResult)>();
        Parallel.For(0, files.Count, i =>
        {
            var r = parser.ParseFile(files[i]);
            if (r.Status != ParseStatus.Ok) log.LogWarning("{File}: {Error}", files[i], r.Error);
            results.Add((i, r));
        });
        return results.OrderBy(r => r.Item1).Select(r => r.Item2).ToList();
    }
}

public static class CorpusServiceExtensions
{
    public static IServiceCollection AddThemeMinerCorpus(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.AddOptions<ThemeMinerOptions>()
            .Bind(config.GetSection("ThemeMiner"))
            .PostConfigure(o => o.CorpusPath ??= DefaultCorpus(env.ContentRootPath))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CorpusPath), "ThemeMiner:CorpusPath must name a folder");
        services.AddSingleton<CorpusCatalog>();
        return services;
    }

    /// <summary>corpus-sample/ in the repository: walk up from the content root to ThemeMiner.sln.</summary>
    private static string DefaultCorpus(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThemeMiner.sln"))) return Path.Combine(dir.FullName, "corpus-sample");
        return Path.Combine(contentRoot, "corpus-sample");
    }
}
