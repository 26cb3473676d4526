using System.Text.RegularExpressions;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

public sealed record ThemeMetrics(string ThemeId, int Support, int Predicted, int TruePositives, double Precision, double Recall, double F1, double Kappa);

/// <summary>Evaluation of predicted theme sets against gold labels.</summary>
/// <param name="MacroF1">Mean F1 over themes with gold support above zero.</param>
/// <param name="MicroF1">F1 over all (passage, theme) decisions.</param>
/// <param name="MeanKappa">Cohen's kappa per theme (binary, over passages), averaged over themes with support above zero.</param>
public sealed record EvaluationReport(int Passages, double MacroF1, double MicroF1, double MeanKappa, IReadOnlyList<ThemeMetrics> Themes);

public static class ThemeEvaluator
{
    /// <summary>The classifier's predictions on a gold set, evaluated over every theme of its taxonomy.</summary>
    public static EvaluationReport Evaluate(ThemeClassifier classifier, IReadOnlyList<LabelledPassage> gold)
    {
        var predicted = classifier.ClassifyBatch(gold.Select(g => (g.Id, g.Text)).ToList());
        return Evaluate(classifier.Taxonomy, gold, predicted.Select(p => (IReadOnlyCollection<string>)p.Themes).ToList());
    }

    /// <summary>The keyword baseline's predictions on a gold set.</summary>
    public static EvaluationReport EvaluateKeywords(Taxonomy taxonomy, IReadOnlyList<LabelledPassage> gold)
    {
        var baseline = new KeywordBaseline(taxonomy);
        return Evaluate(taxonomy, gold, gold.Select(g => baseline.Predict(g.Text)).ToList());
    }

    private static EvaluationReport Evaluate(Taxonomy taxonomy, IReadOnlyList<LabelledPassage> gold, IReadOnlyList<IReadOnlyCollection<string>> predicted) =>
        Evaluate(taxonomy.Themes.Select(t => t.Id).ToList(), gold.Select(g => (IReadOnlyCollection<string>)g.Themes.ToList()).ToList(), predicted);

    public static EvaluationReport Evaluate(IReadOnlyList<string> themeIds, IReadOnlyList<IReadOnlyCollection<string>> gold, IReadOnlyList<IReadOnlyCollection<string>> predicted)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        int n = gold.Count;
        var metrics = new List<ThemeMetrics>();
        long tpAll = 0, fpAll = 0, fnAll = 0;
        foreach (var id in themeIds)
        {
            int tp = 0, fp = 0, fn = 0, tn = 0;
            for (int i = 0; i < n; i++)
            {
                bool g = gold[i].Contains(id), p = predicted[i].Contains(id);
                if (g && p) tp++; else if (p) fp++; else if (g) fn++; else tn++;
            }
            tpAll += tp; fpAll += fp; fnAll += fn;
            double precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
            double recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.Add(new ThemeMetrics(id, tp + fn, tp + fp, tp, precision, recall, f1, Kappa(tp, fp, fn, tn)));
        }
        var supported = metrics.Where(m => m.Support > 0).ToList();
        double macro = supported.Count == 0 ? 0 : supported.Average(m => m.F1);
        double microP = tpAll + fpAll == 0 ? 0 : tpAll / (double)(tpAll + fpAll);
        double microR = tpAll + fnAll == 0 ? 0 : tpAll / (double)(tpAll + fnAll);
        double micro = microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR);
        double kappa = supported.Count == 0 ? 0 : supported.Average(m => m.Kappa);
        return new EvaluationReport(n, macro, micro, kappa, metrics);
    }

    /// <summary>Cohen's kappa for two binary raters from a 2x2 table.</summary>
    public static double Kappa(int tp, int fp, int fn, int tn)
    {
        double n = tp + fp + fn + tn;
        if (n == 0) return 0;
        double po = (tp + tn) / n;
        double pYes = (tp + fp) / n * ((tp + fn) / n);
        double pNo = (fn + tn) / n * ((fp + tn) / n);
        double pe = pYes + pNo;
        return pe >= 1 ? (po >= 1 ? 1 : 0) : (po - pe) / (1 - pe);
    }

    /// <summary>The threshold in [0.05, 0.95] (step 0.01) with the best F1 on out-of-fold scores; ties go to the higher threshold.</summary>
    public static double BestThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        double best = 0.5, bestF1 = -1;
        for (int step = 5; step <= 95; step++)
        {
            double t = step / 100.0;
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < scores.Count; i++)
            {
                bool p = scores[i] >= t;
                if (p && labels[i]) tp++; else if (p) fp++; else if (labels[i]) fn++;
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 >= bestF1) { bestF1 = f1; best = t; }
        }
        return best;
    }
}

/// <summary>The keyword baseline: a theme is predicted when the passage contains one of its typical-wording phrases.</summary>
public sealed class KeywordBaseline
{
    private readonly List<(string Id, Regex Pattern)> _rules;

    public KeywordBaseline(Taxonomy taxonomy) =>
        _rules = taxonomy.Themes.Select(t => (t.Id, new Regex(@"\b(" + string.Join("|", t.TypicalWording.Select(Regex.Escape)) + @")\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled))).ToList();

    public IReadOnlyCollection<string> Predict(string text) => _rules.Where(r => r.Pattern.IsMatch(text)).Select(r => r.Id).ToList();
}
