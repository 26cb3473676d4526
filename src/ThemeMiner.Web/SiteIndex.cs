using System.Diagnostics;
using Microsoft.Extensions.Options;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;
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
    /// <summary>The key that unlocks /admin/upload. Uploading is off when it is not set.</summary>
    public string? AdminKey { get; set; }
    /// <summary>Where uploaded reviews are kept once added to the index. Default: data/uploads under the working directory.</summary>
    public string UploadPath { get; set; } = "";
    /// <summary>The largest upload accepted, in megabytes.</summary>
    public double MaxUploadMb { get; set; } = 50;
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
    public ThemeMinerOptions Options => _options;

    private readonly Lazy<ThemeClassifier> _classifier = new(() => ThemeClassifier.Load(options.Value.ModelPath, TaxonomyLoader.Load(options.Value.TaxonomyPath)));
    private readonly Lock _writeGate = new();

    /// <summary>The theme model, loaded on first use.</summary>
    public ThemeClassifier Classifier => _classifier.Value;

    /// <summary>Parses and tags an uploaded review; with <paramref name="add"/>, keeps the file under the upload folder
    /// (named by its review id) and adds it to the index. The result says what happened in words a person can act on.</summary>
    public UploadResult Upload(byte[] content, string fileName, bool add, CancellationToken ct)
    {
        var parser = new ReviewParser(ParseLimits.Default with { MaxFileBytes = (long)(_options.MaxUploadMb * 1024 * 1024) });
        var parsed = parser.Parse(fileName, content, ct);
        if (parsed.Review is not { } review) return new UploadResult(null, null, $"{fileName}: {parsed.Error}", false);
        var classified = review.Passages.Select(p => Classifier.Classify(p.Id, p.Text)).ToList();
        var profile = Classifier.Profile(review, classified);
        if (!add) return new UploadResult(review, profile, null, false);

        var folder = _options.UploadPath;
        Directory.CreateDirectory(folder);
        var stored = Path.Combine(folder, review.Id + (review.Format == SourceFormat.Pdf ? ".pdf" : ".docx"));
        if (!File.Exists(stored))
        {
            var temp = stored + ".part";
            File.WriteAllBytes(temp, content);
            File.Move(temp, stored, overwrite: true);
        }
        var item = new IndexableReview(review with { Source = Path.GetFullPath(stored) }, classified, Classifier.Model.Info.ModelVersion, Synonyms.Version);
        lock (_writeGate)
        {
            try
            {
                using var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, Synonyms);
                using var writer = ReviewIndexWriter.Open(_options.IndexPath, analyzer);
                if (!writer.IsCurrent(review.Id, item.ModelVersion, item.AnalysisVersion)) writer.Upsert(item);
                writer.Commit();
            }
            catch (IndexInUseException ex)
            {
                return new UploadResult(review, profile, ex.Message, false);
            }
        }
        Searcher.Refresh();
        log.LogInformation("Uploaded review {Id} ({File}) added to the index", review.Id, fileName);
        return new UploadResult(review, profile, null, true);
    }

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

/// <summary>What an upload gave: the parsed review and its theme profile, or why not; whether it was added.</summary>
public sealed record UploadResult(ParsedReview? Review, ReviewThemeProfile? Profile, string? Error, bool Added);

/// <summary>The index is still being built, or could not be opened.</summary>
public sealed class IndexNotReadyException(string message) : Exception(message);

public static class NotReadyPages
{
    /// <summary>While the index is being built (or could not be opened): 503 with a retry hint and the reason; else null.</summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult? NotReady(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, SiteIndex site)
    {
        if (site.Ready) return null;
        page.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        page.Response.Headers.RetryAfter = "5";
        return page.Content(site.Status);
    }
}

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
                o.UploadPath = NullIfEmpty(o.UploadPath) ?? "data/uploads";
            })
            .Validate(o => File.Exists(o.TaxonomyPath), "ThemeMiner:TaxonomyPath must name the taxonomy file (models/themes.json)")
            .Validate(o => File.Exists(o.SynonymsPath), "ThemeMiner:SynonymsPath must name the synonym map (models/synonyms.txt)")
            .Validate(o => o.MaxUploadMb is > 0 and <= 500, "ThemeMiner:MaxUploadMb must be between 0 and 500")
            .ValidateOnStart();
        services.AddSingleton<SiteIndex>();
        services.AddHostedService<SiteIndexStartup>();
        return services;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
