using System.Globalization;
using System.Text;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

/// <summary>Writes models/MODEL_CARD.md from a training run and its evaluations.</summary>
public static class ModelCard
{
    public sealed record DevEvaluation(EvaluationReport Model, EvaluationReport Keywords);

    public static string Render(Taxonomy taxonomy, ThemeModel model, CrossValidationResult cv, IReadOnlyList<LabelledPassage> data,
        DevEvaluation? dev, string command, long modelBytes, DateTime date)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine("# ThemeMiner theme model card");
        sb.AppendLine();
        sb.AppendLine($"- Model version: `{model.Info.ModelVersion}` (taxonomy v{model.Info.TaxonomyVersion}), trained {date:yyyy-MM-dd}.");
        sb.AppendLine($"- File: `models/theme-model.zip`, {modelBytes / 1024.0 / 1024.0:0.0} MB.");
        sb.AppendLine($"- Learner: one {model.Info.Learner} head per theme (30 binary heads, Platt-calibrated probabilities) over shared features: TF-IDF (sublinear term frequency) over word 1-2 grams{(model.Info.Features.CharNgrams ? " and character 3, 4 and 5 grams" : "")}, hashed into {model.Dimension:N0} buckets ({model.Featurizer.Idf.Count(v => v != 0):N0} seen in two or more training passages), L2-normalised; weights stored at half precision.");
        sb.AppendLine($"- Thresholds: per theme, the F1-maximising threshold on {model.Info.Folds}-fold out-of-fold scores, folds grouped by writing batch (each fold's model never saw the held-out writers' prose; featurizer refitted per fold). Seed {model.Info.Seed}; single-threaded learners: the same data gives the same model.");
        sb.AppendLine($"- Training data: {data.Count} hand-written passages in `models/training/` (SHA-256 `{model.Info.TrainingDataHash[..16]}…`), written for this project; `shared/eval/dev-passages.jsonl` is never used for training.");
        sb.AppendLine($"- Retrain: `{command}` (writes the model and this card).");
        sb.AppendLine();
        sb.AppendLine("## Scores");
        sb.AppendLine();
        sb.AppendLine("| set | passages | macro-F1 | micro-F1 | mean kappa |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine($"| training, {model.Info.Folds}-fold cross-validation | {cv.Report.Passages} | {F(cv.Report.MacroF1)} | {F(cv.Report.MicroF1)} | {F(cv.Report.MeanKappa)} |");
        if (dev is not null)
        {
            sb.AppendLine($"| dev set (real review language), model | {dev.Model.Passages} | {F(dev.Model.MacroF1)} | {F(dev.Model.MicroF1)} | {F(dev.Model.MeanKappa)} |");
            sb.AppendLine($"| dev set, keyword baseline | {dev.Keywords.Passages} | {F(dev.Keywords.MacroF1)} | {F(dev.Keywords.MicroF1)} | {F(dev.Keywords.MeanKappa)} |");
        }
        sb.AppendLine();
        sb.AppendLine("The keyword baseline predicts a theme when a passage contains one of its typical-wording phrases from `models/themes.json`.");
        sb.AppendLine("Cross-validation scores are slightly optimistic: thresholds are chosen on the same out-of-fold scores they are reported on. Scores on the dev set are the better guide to real reports.");
        sb.AppendLine();
        sb.AppendLine("## Per theme");
        sb.AppendLine();
        sb.Append("| theme | training passages | threshold | CV P | CV R | CV F1 |");
        if (dev is not null) sb.Append(" dev support | dev P | dev R | dev F1 | keyword dev F1 |");
        sb.AppendLine();
        sb.Append("|---|---|---|---|---|---|");
        if (dev is not null) sb.Append("---|---|---|---|---|");
        sb.AppendLine();
        foreach (var theme in taxonomy.Themes)
        {
            var c = cv.Report.Themes.Single(t => t.ThemeId == theme.Id);
            var head = model.Heads.Single(h => h.ThemeId == theme.Id);
            sb.Append($"| `{theme.Id}` | {data.Count(p => p.Themes.Contains(theme.Id))} | {head.Threshold.ToString("0.00", CultureInfo.InvariantCulture)} | {F(c.Precision)} | {F(c.Recall)} | {F(c.F1)} |");
            if (dev is not null)
            {
                var d = dev.Model.Themes.Single(t => t.ThemeId == theme.Id);
                var k = dev.Keywords.Themes.Single(t => t.ThemeId == theme.Id);
                sb.Append($" {d.Support} | {F(d.Precision)} | {F(d.Recall)} | {F(d.F1)} | {F(k.F1)} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine($"Negative passages (no theme) in training: {data.Count(p => p.Themes.Count == 0)}; passages with two or more themes: {data.Count(p => p.Themes.Count >= 2)}.");
        return sb.ToString();
    }
}
