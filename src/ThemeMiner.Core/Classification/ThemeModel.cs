using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThemeMiner.Core.Classification;

/// <summary>One theme's binary head: a linear model over the shared features, its Platt calibration and its threshold.</summary>
public sealed class ThemeHead
{
    public required string ThemeId { get; init; }
    public required float Bias { get; init; }
    /// <summary>Platt calibration: p = 1 / (1 + exp(Slope * score + Offset)).</summary>
    public required double Slope { get; init; }
    public required double Offset { get; init; }
    public required double Threshold { get; init; }
    [JsonIgnore] public float[] Weights { get; init; } = [];

    public double Score(in SparseVector x)
    {
        double s = Bias;
        for (int i = 0; i < x.Indices.Length; i++) s += x.Values[i] * Weights[x.Indices[i]];
        return Calibrate(s);
    }

    public double Calibrate(double margin) => 1.0 / (1.0 + Math.Exp(Slope * margin + Offset));
}

/// <summary>Facts about how a model was trained, stored with it and printed in the model card.</summary>
public sealed record ModelInfo
{
    public required string ModelVersion { get; init; }
    public required string TaxonomyVersion { get; init; }
    public required string Learner { get; init; }
    public required int Seed { get; init; }
    public required int Folds { get; init; }
    public required int TrainingPassages { get; init; }
    public required string TrainingDataHash { get; init; }
    public required FeaturizerSettings Features { get; init; }
}

/// <summary>
/// A trained theme model: the n-gram featurizer plus one calibrated linear head per theme (trained with ML.NET).
/// Saved as one zip: vocabulary.bin (n-gram keys and IDF weights), heads.json (ids, bias, calibration,
/// thresholds, info) and weights.bin (sparse weights). Zip entries carry a fixed date: same model, same bytes.
/// </summary>
public sealed class ThemeModel
{
    public required ModelInfo Info { get; init; }
    public required NgramFeaturizer Featurizer { get; init; }
    public required IReadOnlyList<ThemeHead> Heads { get; init; }
    public required int Dimension { get; init; }

    private sealed record HeadsFile(ModelInfo Info, int Dimension, IReadOnlyList<ThemeHead> Heads);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly DateTimeOffset Stamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var file = File.Create(tmp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var f = zip.CreateEntry("vocabulary.bin", CompressionLevel.Optimal);
            f.LastWriteTime = Stamp;
            using (var s = f.Open())
            using (var bw = new BinaryWriter(s))
            {
                int active = Featurizer.Idf.Count(v => v != 0);
                bw.Write(Featurizer.Idf.Length);
                bw.Write(active);
                for (int i = 0; i < Featurizer.Idf.Length; i++)
                    if (Featurizer.Idf[i] != 0) { bw.Write(i); bw.Write(Featurizer.Idf[i]); }
            }
            var h = zip.CreateEntry("heads.json", CompressionLevel.Optimal);
            h.LastWriteTime = Stamp;
            using (var s = h.Open()) JsonSerializer.Serialize(s, new HeadsFile(Info, Dimension, Heads), Json);
            var w = zip.CreateEntry("weights.bin", CompressionLevel.Optimal);
            w.LastWriteTime = Stamp;
            using (var s = w.Open())
            using (var bw = new BinaryWriter(s))
            {
                // Feature-major rows of half-precision weights, for features any head uses.
                var rows = Enumerable.Range(0, Dimension).Where(i => Heads.Any(h => h.Weights[i] != 0)).ToList();
                bw.Write(rows.Count);
                foreach (var row in rows)
                {
                    bw.Write(row);
                    foreach (var head in Heads) bw.Write((Half)head.Weights[row]);
                }
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static ThemeModel Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no theme model at {path}: run 'thememiner train' or pass --model", path);
        using var zip = ZipFile.OpenRead(path);
        HeadsFile heads;
        using (var s = Entry(zip, "heads.json").Open())
            heads = JsonSerializer.Deserialize<HeadsFile>(s, Json) ?? throw new InvalidDataException("heads.json is empty");
        NgramFeaturizer featurizer;
        using (var s = Entry(zip, "vocabulary.bin").Open())
        using (var br = new BinaryReader(s))
        {
            var idf = new float[br.ReadInt32()];
            int active = br.ReadInt32();
            for (int k = 0; k < active; k++) { int i = br.ReadInt32(); idf[i] = br.ReadSingle(); }
            featurizer = new NgramFeaturizer(heads.Info.Features, idf);
        }
        var weights = heads.Heads.Select(_ => new float[heads.Dimension]).ToArray();
        using (var s = Entry(zip, "weights.bin").Open())
        using (var br = new BinaryReader(s))
        {
            int rows = br.ReadInt32();
            for (int r = 0; r < rows; r++)
            {
                int f = br.ReadInt32();
                for (int h = 0; h < weights.Length; h++) weights[h][f] = (float)br.ReadHalf();
            }
        }
        var loaded = heads.Heads.Select((head, h) => new ThemeHead { ThemeId = head.ThemeId, Bias = head.Bias, Slope = head.Slope, Offset = head.Offset, Threshold = head.Threshold, Weights = weights[h] }).ToList();
        return new ThemeModel { Info = heads.Info, Featurizer = featurizer, Heads = loaded, Dimension = heads.Dimension };
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"the model file has no {name}: it is not a ThemeMiner theme model");
}
