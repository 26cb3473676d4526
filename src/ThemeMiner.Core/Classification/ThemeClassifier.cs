using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
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
    private readonly sbyte[] _weights;   // [feature * stride + head], 8-bit, times _scale[head]
    private readonly float[] _scale;
    private readonly int _stride;        // heads rounded up to the SIMD width
    private readonly float[] _bias;
    private readonly string[] _ids;
    private readonly Func<ReadOnlySpan<int>, ReadOnlySpan<float>, double[]> _score;
    private readonly FrozenDictionary<string, int> _index;

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
        _score = Scores;
        _ids = model.Heads.Select(h => h.ThemeId).ToArray();
        _index = _ids.Select((t, i) => (t, i)).ToFrozenDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        int heads = model.Heads.Count, width = Vector<sbyte>.Count;
        _stride = (heads + width - 1) / width * width;
        _weights = new sbyte[model.Dimension * _stride];
        _bias = new float[_stride];
        _scale = new float[_stride];
        for (int h = 0; h < heads; h++)
        {
            _bias[h] = model.Heads[h].Bias;
            var w = model.Heads[h].Weights;
            float max = 0;
            foreach (var x in w) max = Math.Max(max, Math.Abs(x));
            float scale = max > 0 ? max / 127f : 1f;
            _scale[h] = scale;
            for (int f = 0; f < w.Length; f++) _weights[f * _stride + h] = (sbyte)Math.Clamp(MathF.Round(w[f] / scale), -127, 127);
        }
    }

    public static ThemeClassifier Load(string modelPath, Taxonomy taxonomy) => new(ThemeModel.Load(modelPath), taxonomy);

    /// <summary>Calibrated probability per head, in head order.</summary>
    public double[] Scores(string text) => Model.Featurizer.With(text, _score);

    private double[] Scores(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        // Weights are 8-bit per head (scaled by the head's largest weight): a feature's row for all heads is one
        // 32-byte load, a quarter of the float row, and the scoring loop is bound by those loads.
        int fw = Vector<float>.Count, bw = Vector<sbyte>.Count;
        Span<float> acc = stackalloc float[_stride];
        for (int i = 0; i < indices.Length; i++)
        {
            var v = new Vector<float>(values[i]);
            int row = indices[i] * _stride;
            for (int h = 0; h < _stride; h += bw)
            {
                Vector.Widen(new Vector<sbyte>(_weights, row + h), out Vector<short> s0, out Vector<short> s1);
                Vector.Widen(s0, out Vector<int> i0, out Vector<int> i1);
                Vector.Widen(s1, out Vector<int> i2, out Vector<int> i3);
                var a = acc[h..];
                (new Vector<float>(a) + v * Vector.ConvertToSingle(i0)).CopyTo(a);
                (new Vector<float>(a[fw..]) + v * Vector.ConvertToSingle(i1)).CopyTo(a[fw..]);
                (new Vector<float>(a[(2 * fw)..]) + v * Vector.ConvertToSingle(i2)).CopyTo(a[(2 * fw)..]);
                (new Vector<float>(a[(3 * fw)..]) + v * Vector.ConvertToSingle(i3)).CopyTo(a[(3 * fw)..]);
            }
        }
        var scores = new double[Model.Heads.Count];
        for (int h = 0; h < scores.Length; h++) scores[h] = Model.Heads[h].Calibrate(_bias[h] + _scale[h] * acc[h]);
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
        int chosen = 0;
        Span<int> picked = stackalloc int[scores.Length];
        for (int h = 0; h < scores.Length; h++)
            if (scores[h] >= Model.Heads[h].Threshold) picked[chosen++] = h;
        var themes = new string[chosen];
        if (chosen > 0)
        {
            var order = picked[..chosen].ToArray();
            Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c and not 0 ? c : string.CompareOrdinal(_ids[a], _ids[b]));
            for (int k = 0; k < chosen; k++) themes[k] = _ids[order[k]];
        }
        for (int h = 0; h < scores.Length; h++) scores[h] = Math.Round(scores[h], 4);
        return new PassageClassification(id, themes, new ScoreMap(_ids, _index, scores), _flags.IsNegated(text), PassageFlags.IsGoodPractice(text));
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

/// <summary>Scores by theme id over one array in head order (one allocation a passage instead of a dictionary).</summary>
internal sealed class ScoreMap(string[] ids, FrozenDictionary<string, int> index, double[] scores) : IReadOnlyDictionary<string, double>
{
    public double this[string key] => index.TryGetValue(key, out var i) ? scores[i] : throw new KeyNotFoundException($"no theme '{key}'");
    public IEnumerable<string> Keys => ids;
    public IEnumerable<double> Values => scores;
    public int Count => ids.Length;
    public bool ContainsKey(string key) => index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        if (index.TryGetValue(key, out var i)) { value = scores[i]; return true; }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < ids.Length; i++) yield return new KeyValuePair<string, double>(ids[i], scores[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
