using System.Diagnostics;
using Microsoft.Extensions.Options;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Web;

/// <summary>Site configuration, section "ThemeMiner" (environment ThemeMiner__IndexPath, ThemeMiner__ModelPath, ...).</summary>
public sealed class ThemeMinerOptions
{
    /// <summary>The search index folder. Default: data/index under the working directory.</summary>
    public string IndexPath { get; set; } = "";
    /// <summary>The theme model. Default: models/theme-model.zip in the repository.</summary>
    public string ModelPath { get; set; } = "";
    /// <summary>Reviews indexed when the index is empty. Default: corpus-sample/ in the repository.</summary>
    public string CorpusPath { get; set; } = "";
    public string TaxonomyPath { get; set; } = "";
    public string SynonymsPath { get; set; } = "";
}

/// <summary>
/// The site's view of the index: the taxonomy, the synonym map and one shared <see cref="ReviewSearcher"/>. On start,
/// an empty index is built from the corpus folder with the shipped model (progress in the log); until then pages say
/// the collection is being prepared.
/// </summary>
public sealed class SiteIndex(IOptions<ThemeMinerOptions> options, ILogger<SiteIndex> log) : IDisposable
{
    private readonly ThemeMinerOptions _options = options.Value;
    private ReviewSearcher? _searcher;
    private volatile string _status = "The collection is being prepared.";

    public Taxonomy Taxonomy { get; } = TaxonomyLoader.Load(options.Value.TaxonomyPath);
    public SynonymSet Synonyms { get; } = SynonymSet.Load(options.Value.SynonymsPath);
    public string IndexPath => _options.IndexPath;
    public string CorpusPath => _options.CorpusPath;
    public IReadOnlyList<IngestFileResult> Failed { get; private set; } = [];

    /// <summary>True once searches can run.</summary>
    public bool Ready => _searcher is not null;

    /// <summary>What to tell a visitor while the index is not ready (building, or why it failed).</summary>
    public string Status => _status;

    public ReviewSearcher Searcher => _searcher ?? throw new IndexNotReadyException(_status);

    /// <summary>Opens the index, building it first from the corpus folder when it holds no review.</summary>
    public void EnsureBuilt(CancellationToken ct)
    {
        try
        {
            if (!HasReviews())
            {
                Build(ct);
            }
            _searcher = new ReviewSearcher(_options.IndexPath, Synonyms, Taxonomy);
            var stats = _searcher.Stats();
            log.LogInformation("Serving {Reviews} reviews, {Passages} passages from {Index}", stats.Reviews, stats.Passages, _options.IndexPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _status = $"The collection could not be opened: {ex.Message.Split('\n')[0]}";
            log.LogError("{Status}", _status);
        }
    }

    private bool HasReviews()
    {
        try
        {
            using var probe = new ReviewSearcher(_options.IndexPath, Synonyms, Taxonomy);
            return probe.Stats().Reviews > 0;
        }
        catch (NoIndexException)
        {
            return false;
        }
    }

    private void Build(CancellationToken ct)
    {
        if (!Directory.Exists(_options.CorpusPath))
            throw new IOException($"the index at {_options.IndexPath} is empty and the corpus folder {_options.CorpusPath} does not exist: set ThemeMiner:CorpusPath to a folder of PDF or Word reviews, or build the index with 'thememiner index'");
        if (!File.Exists(_options.ModelPath))
            throw new IOException($"the theme model {_options.ModelPath} is missing: set ThemeMiner:ModelPath or train one with 'thememiner train'");
        log.LogInformation("The index at {Index} is empty: building it from {Corpus} with {Model}", _options.IndexPath, _options.CorpusPath, _options.ModelPath);
        var classifier = ThemeClassifier.Load(_options.ModelPath, Taxonomy);
        var ingestor = new IndexIngestor(new ReviewParser(), classifier, Synonyms.Version);
        var clock = Stopwatch.StartNew();
        using var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, Synonyms);
        using var writer = ReviewIndexWriter.Open(_options.IndexPath, analyzer);
        var summary = ingestor.Ingest(writer, [_options.CorpusPath], progress: p =>
        {
            _status = $"The collection is being prepared: {p.Done} of {p.Total} files read.";
            log.LogInformation("[{Done}/{Total}] {Outcome} {File}", p.Done, p.Total, p.Outcome.ToString().ToLowerInvariant(), Path.GetFileName(p.Source));
        }, cancellationToken: ct);
        foreach (var f in summary.Files.Where(f => f.Outcome == IngestOutcome.Failed))
            log.LogWarning("{File}: {Error}", f.Source, f.Error);
        Failed = summary.Files.Where(f => f.Outcome == IngestOutcome.Failed).ToList();
        log.LogInformation("Indexed {Added} reviews in {Seconds:0.0} s ({Failed} files could not be read)", summary.Added, clock.Elapsed.TotalSeconds, summary.Failed);
    }

    public void Dispose() => _searcher?.Dispose();
}

/// <summary>The index is still being built, or could not be opened.</summary>
public sealed class IndexNotReadyException(string message) : Exception(message);

/// <summary>Builds or opens the index when the site starts, before it serves.</summary>
public sealed class SiteIndexStartup(SiteIndex index) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => index.EnsureBuilt(cancellationToken), cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class SiteServiceExtensions
{
    public static IServiceCollection AddThemeMinerIndex(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ThemeMinerOptions>()
            .Bind(config.GetSection("ThemeMiner"))
            .PostConfigure(o =>
            {
                o.IndexPath = ProjectPaths.IndexFolder(null, NullIfEmpty(o.IndexPath));
                o.ModelPath = ProjectPaths.Resolve(NullIfEmpty(o.ModelPath), ProjectPaths.ModelFile);
                o.CorpusPath = ProjectPaths.Resolve(NullIfEmpty(o.CorpusPath), "corpus-sample");
                o.TaxonomyPath = ProjectPaths.Resolve(NullIfEmpty(o.TaxonomyPath), ProjectPaths.TaxonomyFile);
                o.SynonymsPath = ProjectPaths.Resolve(NullIfEmpty(o.SynonymsPath), ProjectPaths.SynonymsFile);
            })
            .Validate(o => File.Exists(o.TaxonomyPath), "ThemeMiner:TaxonomyPath must name the taxonomy file (models/themes.json)")
            .Validate(o => File.Exists(o.SynonymsPath), "ThemeMiner:SynonymsPath must name the synonym map (models/synonyms.txt)")
            .ValidateOnStart();
        services.AddSingleton<SiteIndex>();
        services.AddHostedService<SiteIndexStartup>();
        return services;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
