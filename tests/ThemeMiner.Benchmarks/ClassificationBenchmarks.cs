using BenchmarkDotNet.Attributes;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Benchmarks;

/// <summary>
/// Scoring 1,000 passages (the training passages, cycled) with the shipped model on all cores, against the
/// keyword baseline on the same passages. Passages/s = 1,000 / mean time.
/// </summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    private ThemeClassifier _classifier = null!;
    private KeywordBaseline _keywords = null!;
    private List<(string Id, string Text)> _passages = null!;

    [Params(1000)]
    public int Passages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var taxonomy = TaxonomyLoader.Load(ProjectPaths.Resolve(null, ProjectPaths.TaxonomyFile));
        _classifier = ThemeClassifier.Load(ProjectPaths.Resolve(null, ProjectPaths.ModelFile), taxonomy);
        _keywords = new KeywordBaseline(taxonomy);
        var data = TaxonomyLoader.LoadLabelled(ProjectPaths.Resolve(null, ProjectPaths.TrainingFolder), taxonomy);
        _passages = Enumerable.Range(0, Passages).Select(i => ($"p{i}", data[i % data.Count].Text)).ToList();
    }

    [Benchmark(Baseline = true, Description = "keyword baseline, 1,000 passages")]
    public int Keywords()
    {
        int n = 0;
        foreach (var (_, text) in _passages) n += _keywords.Predict(text).Count;
        return n;
    }

    [Benchmark(Description = "theme model (featurise + 30 heads + flags), 1,000 passages, all cores")]
    public int ClassifyBatch() => _classifier.ClassifyBatch(_passages).Sum(c => c.Themes.Count);

    [Benchmark(Description = "theme model, 1,000 passages one at a time on one thread")]
    public int ClassifySingle()
    {
        int n = 0;
        foreach (var (id, text) in _passages) n += _classifier.Classify(id, text).Themes.Count;
        return n;
    }
}
