using System.Numerics;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

/// <summary>
/// Scores passages with a trained <see cref="ThemeModel"/>. Thread-safe without locks or pools: the featurizer
/// and the weights are immutable, and each call uses only its own buffers. Weights are laid out feature-major
/// (all heads' weights for one feature side by side) so one pass over a passage's features scores every theme.
/// Batches run on all cores.
/// </summary>
public sealed class ThemeClassifier
{
    private readonly PassageFlags _flags;
    private readonly float[] _weights;   // [feature * stride + head]
    private readonly int _stride;        // heads rounded up to the SIMD width
    private readonly float[] _bias;

    public ThemeModel Model { get; }
    public Taxonomy Taxonomy { get; }

    public ThemeClassifier(ThemeModel model, Taxonomy taxonomy)
    {
        Model = model;
        Taxonomy = taxonomy;
        _flags = new PassageFlags(taxonomy);
        var missing = taxonomy.Themes.Select(t => t.Id).Except(model.Heads.Select(h => h.ThemeId)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"the model has no head for {string.Join(", ", missing)}: retrain it with 'thememiner train' for taxonomy v{taxonomy.Version}");
        int heads = model.Heads.Count, width = Vector<float>.Count;
        _stride = (heads + width - 1) / width * width;
        _weights = new float[model.Dimension * _stride];
        _bias = new float[_stride];
        for (int h = 0; h < heads; h++)
        {
            _bias[h] = model.Heads[h].Bias;
            var w = model.Heads[h].Weights;
            for (int f = 0; f < w.Length; f++) _weights[f * _stride + h] = w[f];
        }
    }

    public static ThemeClassifier Load(string modelPath, Taxonomy taxonomy) => new(ThemeModel.Load(modelPath), taxonomy);

    /// <summary>Calibrated probability per head, in head order.</summary>
    public double[] Scores(string text) => Model.Featurizer.With(text, Scores);

    private double[] Scores(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        Span<float> acc = stackalloc float[_stride];
        _bias.CopyTo(acc);
        int width = Vector<float>.Count;
        for (int i = 0; i < indices.Length; i++)
        {
            var v = new Vector<float>(values[i]);
            int row = indices[i] * _stride;
            for (int h = 0; h < _stride; h += width)
            {
                var a = new Vector<float>(acc[h..]);
                (a + v * new Vector<float>(_weights, row + h)).CopyTo(acc[h..]);
            }
        }
        var scores = new double[Model.Heads.Count];
        for (int h = 0; h < scores.Length; h++) scores[h] = Model.Heads[h].Calibrate(acc[h]);
        return scores;
    }

    public PassageClassification Classify(string id, string text) => Decide(id, text, Scores(text));

    /// <summary>Scores many passages on all cores; output in input order.</summary>
    public IReadOnlyList<PassageClassification> ClassifyBatch(IReadOnlyList<(string Id, string Text)> passages, int chunkSize = 256)
    {
        var result = new PassageClassification[passages.Count];
        int chunks = (passages.Count + chunkSize - 1) / chunkSize;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            int start = c * chunkSize, end = Math.Min(passages.Count, start + chunkSize);
            for (int i = start; i < end; i++) result[i] = Classify(passages[i].Id, passages[i].Text);
        });
        return result;
    }

    private PassageClassification Decide(string id, string text, double[] scores)
    {
        var map = new Dictionary<string, double>(scores.Length);
        var chosen = new List<(string Id, double Score)>();
        for (int h = 0; h < scores.Length; h++)
        {
            var head = Model.Heads[h];
            map[head.ThemeId] = Math.Round(scores[h], 4);
            if (scores[h] >= head.Threshold) chosen.Add((head.ThemeId, scores[h]));
        }
        var themes = chosen.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        return new PassageClassification(id, themes, map, _flags.IsNegated(text), PassageFlags.IsGoodPractice(text));
    }

    /// <summary>A review's theme profile from its classified passages: count, top score and the best evidence per theme.</summary>
    public ReviewThemeProfile Profile(ParsedReview review, IReadOnlyList<PassageClassification> classified, int evidencePerTheme = 3)
    {
        var byId = review.Passages.ToDictionary(p => p.Id);
        var entries = new List<ThemeProfileEntry>();
        foreach (var theme in Taxonomy.Themes)
        {
            var tagged = classified.Where(c => c.Themes.Contains(theme.Id)).ToList();
            if (tagged.Count == 0) continue;
            var evidence = tagged.OrderByDescending(c => c.Scores[theme.Id]).ThenBy(c => c.Id, StringComparer.Ordinal).Take(evidencePerTheme)
                .Select(c => { var p = byId[c.Id]; return new ThemeEvidence(p.Id, p.Paragraph, p.PageStart, p.PageEnd, p.Text, c.Scores[theme.Id]); })
                .ToList();
            entries.Add(new ThemeProfileEntry(theme.Id, tagged.Count, tagged.Max(c => c.Scores[theme.Id]), evidence));
        }
        var ordered = entries.OrderByDescending(e => e.Passages).ThenByDescending(e => e.MaxScore).ThenBy(e => e.ThemeId, StringComparer.Ordinal).ToList();
        bool trio = Taxonomy.ToxicTrio.Count > 0 && Taxonomy.ToxicTrio.All(t => entries.Any(e => e.ThemeId == t));
        return new ReviewThemeProfile(review.Id, ordered, trio);
    }
}
