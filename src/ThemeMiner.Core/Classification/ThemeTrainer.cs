using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

public enum Learner { Sdca, Lbfgs }

public sealed record TrainingOptions
{
    public int Seed { get; init; } = 20261125;
    public int Folds { get; init; } = 5;
    public Learner Learner { get; init; } = Learner.Lbfgs;
    public float L2 { get; init; } = 0.01f;
    public FeaturizerSettings Features { get; init; } = new();
    /// <summary>Hold out whole writing batches (the id before its last '-', e.g. "tR2") in cross-validation, so
    /// thresholds are chosen on scores for prose by writers the fold's model never saw.</summary>
    public bool GroupFoldsBySource { get; init; } = true;
    /// <summary>Weight of each positive example as (negatives/positives)^power; 0 leaves examples unweighted.</summary>
    public double PositiveWeightPower { get; init; }
}

/// <summary>Cross-validation results per theme at the chosen thresholds (out-of-fold scores).</summary>
public sealed record CrossValidationResult(EvaluationReport Report, IReadOnlyDictionary<string, double> Thresholds);

public sealed record TrainingResult(ThemeModel Model, CrossValidationResult CrossValidation);

/// <summary>
/// Trains one calibrated binary logistic head per theme (ML.NET) over shared TF-IDF n-gram features. Thresholds per theme are
/// chosen on k-fold out-of-fold scores (featurizer refitted in each fold, so no fold sees its test passages).
/// Single-threaded learners and a fixed seed make training deterministic.
/// </summary>
public sealed class ThemeTrainer(Taxonomy taxonomy, TrainingOptions options)
{
    private sealed class HeadRow
    {
        public VBuffer<float> Features { get; set; }
        public bool Label { get; set; }
        public float Weight { get; set; }
    }

    public TrainingResult Train(IReadOnlyList<LabelledPassage> data, Action<string>? progress = null)
    {
        var ids = taxonomy.Themes.Select(t => t.Id).ToList();
        var ml = new MLContext(options.Seed);
        var folds = AssignFolds(data);
        var oof = ids.ToDictionary(id => id, _ => new double[data.Count]);
        for (int k = 0; k < options.Folds; k++)
        {
            var trainIdx = Enumerable.Range(0, data.Count).Where(i => folds[i] != k).ToList();
            var testIdx = Enumerable.Range(0, data.Count).Where(i => folds[i] == k).ToList();
            var featurizer = NgramFeaturizer.Fit(trainIdx.Select(i => data[i].Text).ToList(), options.Features);
            int dim = featurizer.Dimension;
            var trainX = trainIdx.Select(i => featurizer.Transform(data[i].Text)).ToList();
            var testX = testIdx.Select(i => featurizer.Transform(data[i].Text)).ToList();
            foreach (var id in ids)
            {
                var head = TrainHead(ml, id, trainX, trainIdx.Select(i => data[i].Themes.Contains(id)).ToList(), dim, 0.5);
                for (int j = 0; j < testIdx.Count; j++) oof[id][testIdx[j]] = head.Score(testX[j]);
            }
            progress?.Invoke($"fold {k + 1}/{options.Folds}: trained {ids.Count} heads on {trainIdx.Count} passages");
        }
        var thresholds = ids.ToDictionary(id => id, id => ThemeEvaluator.BestThreshold(oof[id], data.Select(p => p.Themes.Contains(id)).ToList()));
        var predicted = Enumerable.Range(0, data.Count).Select(i => (IReadOnlyCollection<string>)ids.Where(id => oof[id][i] >= thresholds[id]).ToList()).ToList();
        var cv = new CrossValidationResult(ThemeEvaluator.Evaluate(ids, data.Select(p => (IReadOnlyCollection<string>)p.Themes.ToList()).ToList(), predicted), thresholds);

        var finalFeaturizer = NgramFeaturizer.Fit(data.Select(p => p.Text).ToList(), options.Features);
        int finalDim = finalFeaturizer.Dimension;
        var allX = data.Select(p => finalFeaturizer.Transform(p.Text)).ToList();
        var heads = ids.Select(id => TrainHead(ml, id, allX, data.Select(p => p.Themes.Contains(id)).ToList(), finalDim, thresholds[id])).ToList();
        progress?.Invoke($"final model: {ids.Count} heads, {finalDim} features");
        var info = new ModelInfo
        {
            ModelVersion = $"tm-{taxonomy.Version}-{DataHash(data)[..12]}",
            TaxonomyVersion = taxonomy.Version,
            Learner = options.Learner == Learner.Sdca ? "SdcaLogisticRegression" : "LbfgsLogisticRegression",
            Seed = options.Seed,
            Folds = options.Folds,
            TrainingPassages = data.Count,
            TrainingDataHash = DataHash(data),
            Features = options.Features,
        };
        return new TrainingResult(new ThemeModel { Info = info, Featurizer = finalFeaturizer, Heads = heads, Dimension = finalDim }, cv);
    }

    private ThemeHead TrainHead(MLContext ml, string id, List<SparseVector> x, List<bool> labels, int dim, double threshold)
    {
        var def = SchemaDefinition.Create(typeof(HeadRow));
        def[nameof(HeadRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        int positives = labels.Count(l => l);
        float positiveWeight = options.PositiveWeightPower > 0 && positives > 0
            ? (float)Math.Pow((labels.Count - positives) / (double)positives, options.PositiveWeightPower) : 1f;
        var rows = x.Select((v, i) => new HeadRow { Features = new VBuffer<float>(dim, v.Count, v.Values, v.Indices), Label = labels[i], Weight = labels[i] ? positiveWeight : 1f });
        var view = ml.Data.LoadFromEnumerable(rows, def);
        if (!labels.Contains(true) || !labels.Contains(false))
            return new ThemeHead { ThemeId = id, Bias = labels.Contains(true) ? 10 : -10, Slope = -1, Offset = 0, Threshold = threshold, Weights = new float[dim] };
        CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> model = options.Learner switch
        {
            Learner.Sdca => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(HeadRow.Label), FeatureColumnName = nameof(HeadRow.Features),
                NumberOfThreads = 1, L2Regularization = options.L2 / 1000f, MaximumNumberOfIterations = 50, Shuffle = false,
            }).Fit(view).Model,
            _ => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(HeadRow.Label), FeatureColumnName = nameof(HeadRow.Features),
                ExampleWeightColumnName = options.PositiveWeightPower > 0 ? nameof(HeadRow.Weight) : null,
                NumberOfThreads = 1, L2Regularization = options.L2, L1Regularization = 0, OptimizationTolerance = 1e-6f, MaximumNumberOfIterations = 200,
            }).Fit(view).Model,
        };
        // Weights are stored at half precision; round them here so the model in memory is the model on disk.
        var weights = new float[dim];
        int k = 0;
        foreach (var w in model.SubModel.Weights) weights[k++] = (float)(Half)w;
        return new ThemeHead
        {
            ThemeId = id, Bias = model.SubModel.Bias, Slope = model.Calibrator.Slope, Offset = model.Calibrator.Offset,
            Threshold = threshold, Weights = weights,
        };
    }

    /// <summary>
    /// Fold per passage. Grouped by source: whole batches go to one fold, largest first into the smallest fold
    /// (deterministic). Otherwise, or with fewer batches than folds, a hash of the passage id.
    /// </summary>
    internal int[] AssignFolds(IReadOnlyList<LabelledPassage> data)
    {
        static string Group(string id) => id.LastIndexOf('-') is > 0 and var i ? id[..i] : id;
        var groups = data.GroupBy(p => Group(p.Id)).Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (!options.GroupFoldsBySource || groups.Count < options.Folds * 2)
            return data.Select(p => (int)(Fnv(p.Id) % (uint)options.Folds)).ToArray();
        var sizes = new int[options.Folds];
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, count) in groups)
        {
            int smallest = Array.IndexOf(sizes, sizes.Min());
            foldOf[key] = smallest;
            sizes[smallest] += count;
        }
        return data.Select(p => foldOf[Group(p.Id)]).ToArray();
    }

    private static uint Fnv(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) { h ^= c; h *= 16777619; }
        return h;
    }

    private static string DataHash(IReadOnlyList<LabelledPassage> data)
    {
        var sb = new StringBuilder();
        foreach (var p in data) sb.Append(p.Id).Append('\t').Append(p.Text).Append('\t').AppendJoin(',', p.Themes).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
