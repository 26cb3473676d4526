using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Tests.Classification;

namespace ThemeMiner.Core.Tests.Indexing;

/// <summary>The shipped synonyms, model and a temp folder per index; an ingestor over them.</summary>
public static class IndexSupport
{
    public static readonly Lazy<SynonymSet> Synonyms = new(() => SynonymSet.Load(Path.Combine(RepoPaths.Root, "models", "synonyms.txt")));

    public static IndexIngestor Ingestor() => new(new ReviewParser(), Shared.Shipped.Value, Synonyms.Value.Version);

    public static SafeguardingAnalyzer IndexAnalyzer() => new(AnalyzerMode.Index, Synonyms.Value);

    public static string TempFolder(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "thememiner-tests", $"{name}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public static IngestSummary Ingest(string index, params string[] paths)
    {
        using var analyzer = IndexAnalyzer();
        using var writer = ReviewIndexWriter.Open(index, analyzer);
        return Ingestor().Ingest(writer, paths);
    }

    public static ReviewSearcher Searcher(string index) => new(index, Synonyms.Value, Shared.Taxonomy.Value);
}

/// <summary>The whole sample corpus indexed once, in a temp folder, for the tests that only read.</summary>
public sealed class SampleIndexFixture : IDisposable
{
    public string Path { get; } = IndexSupport.TempFolder("sample-index");
    public IngestSummary Summary { get; }
    public ReviewSearcher Searcher { get; }

    public SampleIndexFixture()
    {
        Summary = IndexSupport.Ingest(Path, RepoPaths.Corpus);
        Searcher = IndexSupport.Searcher(Path);
    }

    public void Dispose()
    {
        Searcher.Dispose();
        try { System.IO.Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
