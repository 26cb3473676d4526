using System.Text.RegularExpressions;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Tests.Classification;

public static class Shared
{
    public static readonly Lazy<Taxonomy> Taxonomy = new(() => TaxonomyLoader.Load(Path.Combine(RepoPaths.Root, "models", "themes.json")));
    public static readonly Lazy<List<LabelledPassage>> Training = new(() => TaxonomyLoader.LoadLabelled(Path.Combine(RepoPaths.Root, "models", "training"), Taxonomy.Value));
    public static readonly Lazy<ThemeClassifier> Shipped = new(() => ThemeClassifier.Load(Path.Combine(RepoPaths.Root, "models", "theme-model.zip"), Taxonomy.Value));

    /// <summary>A small, fixed slice of the training data: enough to train every head quickly.</summary>
    public static List<LabelledPassage> Slice(int every) => Training.Value.Where((_, i) => i % every == 0).ToList();
}

public class TaxonomyTests
{
    [Fact]
    public void Themes_file_carries_exactly_the_taxonomy_ids()
    {
        var ids = Shared.Taxonomy.Value.Themes.Select(t => t.Id).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Shared.Taxonomy.Value.Themes, t => { Assert.NotEmpty(t.Label); Assert.NotEmpty(t.Definition); Assert.NotEmpty(t.TypicalWording); });
        var shared = Path.Combine(RepoPaths.Root, "..", "shared", "taxonomy.md");
        if (File.Exists(shared)) // the taxonomy contract beside the repository, as in CI
        {
            var fromContract = Regex.Matches(File.ReadAllText(shared), @"^\| ([a-z-]+) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Where(v => v != "id").ToList();
            Assert.Equal(fromContract, ids);
        }
        Assert.Equal(["parental-mental-health", "domestic-abuse", "substance-misuse"], Shared.Taxonomy.Value.ToxicTrio);
    }

    [Fact]
    public void Training_data_meets_the_brief()
    {
        var data = Shared.Training.Value;
        Assert.True(data.Count >= 1800, $"{data.Count} passages");
        foreach (var t in Shared.Taxonomy.Value.Themes)
            Assert.True(data.Count(p => p.Themes.Contains(t.Id)) >= 50, t.Id);
        Assert.True(data.Count(p => p.Themes.Count == 0) >= 300);
        Assert.True(data.Count(p => p.Themes.Count >= 2) >= 0.2 * data.Count(p => p.Themes.Count > 0));
        Assert.Equal(data.Count, data.Select(p => p.Id).Distinct().Count());
        Assert.Equal(data.Count, data.Select(p => p.Text).Distinct().Count());
        Assert.All(data, p => Assert.InRange(TextMetrics.CountWords(p.Text), 15, 260));
        // The dev set must never be in the training data.
        var dev = Path.Combine(RepoPaths.Root, "..", "shared", "eval", "dev-passages.jsonl");
        if (File.Exists(dev))
        {
            var devTexts = TaxonomyLoader.LoadLabelled(dev, Shared.Taxonomy.Value).Select(p => p.Text).ToHashSet();
            Assert.DoesNotContain(data, p => devTexts.Contains(p.Text));
        }
    }
}

public class EvaluationMathsTests
{
    [Fact]
    public void Precision_recall_f1_kappa_on_a_hand_computed_example()
    {
        // Four passages, two themes.
        // a: gold {x}, pred {x}     b: gold {x,y}, pred {x}     c: gold {}, pred {y}     d: gold {y}, pred {}
        IReadOnlyCollection<string>[] gold = [["x"], ["x", "y"], [], ["y"]];
        IReadOnlyCollection<string>[] pred = [["x"], ["x"], ["y"], []];
        var r = ThemeEvaluator.Evaluate(["x", "y", "z"], gold, pred);
        var x = r.Themes.Single(t => t.ThemeId == "x");
        var y = r.Themes.Single(t => t.ThemeId == "y");
        // x: tp 2, fp 0, fn 0, tn 2 -> P=R=F1=1, kappa 1.
        Assert.Equal((1.0, 1.0, 1.0, 2), (x.Precision, x.Recall, x.F1, x.Support));
        Assert.Equal(1.0, x.Kappa, 6);
        // y: tp 0, fp 1, fn 2, tn 1 -> P=0, R=0, F1=0; po = 1/4, pe = (1/4)(2/4) + (3/4)(2/4) = 1/2, kappa = (0.25-0.5)/0.5 = -0.5.
        Assert.Equal((0.0, 0.0, 0.0, 2), (y.Precision, y.Recall, y.F1, y.Support));
        Assert.Equal(-0.5, y.Kappa, 6);
        // z has no support: left out of the macro average and the mean kappa.
        Assert.Equal(0.5, r.MacroF1, 6);
        Assert.Equal(0.25, r.MeanKappa, 6);
        // micro: tp 2, fp 1, fn 2 -> P 2/3, R 1/2, F1 = 4/7.
        Assert.Equal(4.0 / 7.0, r.MicroF1, 6);
        Assert.Equal(4, r.Passages);
    }

    [Fact]
    public void Kappa_is_zero_for_chance_agreement() =>
        Assert.Equal(0.0, ThemeEvaluator.Kappa(tp: 1, fp: 1, fn: 1, tn: 1), 6);

    [Fact]
    public void Threshold_selection_maximises_f1_and_prefers_the_higher_of_ties()
    {
        double[] scores = [0.9, 0.8, 0.35, 0.3, 0.2, 0.1];
        bool[] labels = [true, true, false, true, false, false];
        // t in (0.30, 0.35]: misses one positive -> F1 0.8; t in (0.20, 0.30] keeps all 3 positives, one false positive -> F1 6/7.
        Assert.Equal(0.30, ThemeEvaluator.BestThreshold(scores, labels), 6);
        Assert.Equal(0.95, ThemeEvaluator.BestThreshold([0.1, 0.2], [false, false]), 6); // no positives: as strict as the grid allows
    }

    [Fact]
    public void Keyword_baseline_matches_typical_wording_as_whole_phrases()
    {
        var baseline = new KeywordBaseline(Shared.Taxonomy.Value);
        Assert.Contains("thresholds-closure", baseline.Predict("The referral was closed as NFA after a MASH check."));
        Assert.Contains("domestic-abuse", baseline.Predict("Police call-outs were frequent."));
        Assert.Empty(baseline.Predict("The weather was fine and the family went to the park."));
    }
}

public class FlagTests
{
    private static readonly PassageFlags Flags = new(Shared.Taxonomy.Value);

    [Theory]
    [InlineData("There was no evidence of domestic abuse in the household.", true)]
    [InlineData("Police checks found no history of domestic violence.", true)]
    [InlineData("Mother did not disclose any alcohol use and none was suspected.", true)]
    [InlineData("Domestic abuse was a constant feature of the household.", false)]
    [InlineData("The health visitor noted bruising; no one asked how it happened.", false)]
    public void Negation(string text, bool negated) => Assert.Equal(negated, Flags.IsNegated(text));

    [Theory]
    [InlineData("The school's designated safeguarding lead made a prompt and well-evidenced referral.", true)]
    [InlineData("The GP acted promptly, but the referral was not followed up.", false)]
    [InlineData("The plan drifted for a year.", false)]
    public void Good_practice(string text, bool good) => Assert.Equal(good, PassageFlags.IsGoodPractice(text));
}

/// <summary>Training, saving and loading on a slice of the data (every 6th passage, 2 folds) to stay quick.</summary>
public class ModelLifecycleTests
{
    private static readonly Lazy<TrainingResult> Trained = new(() =>
        new ThemeTrainer(Shared.Taxonomy.Value, new TrainingOptions { Folds = 2 }).Train(Shared.Slice(6)));

    private static readonly string[] Probes =
    [
        "Mother's new partner moved in but no agency knew his name or checked his history with the police.",
        "The health visitor accepted Mother's explanation of the bruise and did not refer to children's social care.",
        "The review was commissioned by the partnership in March 2020.",
    ];

    [Fact]
    public void Save_and_load_give_the_same_scores()
    {
        var model = Trained.Value.Model;
        var path = Path.Combine(Path.GetTempPath(), $"tm-model-{Guid.NewGuid():N}.zip");
        try
        {
            model.Save(path);
            var loaded = ThemeModel.Load(path);
            var a = new ThemeClassifier(model, Shared.Taxonomy.Value);
            var b = new ThemeClassifier(loaded, Shared.Taxonomy.Value);
            foreach (var probe in Probes)
            {
                var x = a.Classify("p", probe);
                var y = b.Classify("p", probe);
                Assert.Equal(x.Themes, y.Themes);
                foreach (var (k, v) in x.Scores) Assert.Equal(v, y.Scores[k], 4);
            }
            Assert.Equal(model.Info, loaded.Info);
            Assert.Equal(model.Heads.Select(h => h.Threshold), loaded.Heads.Select(h => h.Threshold));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var again = new ThemeTrainer(Shared.Taxonomy.Value, new TrainingOptions { Folds = 2 }).Train(Shared.Slice(6));
        var first = Trained.Value.Model;
        Assert.Equal(first.Heads.Select(h => h.Threshold), again.Model.Heads.Select(h => h.Threshold));
        for (int h = 0; h < first.Heads.Count; h++)
        {
            Assert.Equal(first.Heads[h].Bias, again.Model.Heads[h].Bias);
            Assert.Equal(first.Heads[h].Weights, again.Model.Heads[h].Weights);
        }
        Assert.Equal(first.Info.ModelVersion, again.Model.Info.ModelVersion);
    }

    [Fact]
    public void Thresholds_come_from_cross_validation_and_are_stored_per_theme()
    {
        var result = Trained.Value;
        Assert.Equal(30, result.CrossValidation.Thresholds.Count);
        foreach (var head in result.Model.Heads)
        {
            Assert.Equal(result.CrossValidation.Thresholds[head.ThemeId], head.Threshold);
            Assert.InRange(head.Threshold, 0.05, 0.95);
        }
        Assert.InRange(result.CrossValidation.Report.MacroF1, 0.2, 1.0); // a slice of the data still learns something
    }

    [Fact]
    public void Batch_and_single_scoring_agree_and_keep_input_order()
    {
        var classifier = new ThemeClassifier(Trained.Value.Model, Shared.Taxonomy.Value);
        var batch = classifier.ClassifyBatch(Probes.Select((p, i) => ($"id{i}", p)).ToList(), chunkSize: 2);
        for (int i = 0; i < Probes.Length; i++)
        {
            Assert.Equal($"id{i}", batch[i].Id);
            var single = classifier.Classify($"id{i}", Probes[i]);
            foreach (var (k, v) in single.Scores) Assert.Equal(v, batch[i].Scores[k], 4);
        }
    }
}

public class ShippedModelTests
{
    [Fact]
    public void Shipped_model_loads_tags_clear_passages_and_is_under_50_mb()
    {
        var path = Path.Combine(RepoPaths.Root, "models", "theme-model.zip");
        Assert.True(new FileInfo(path).Length < 50L * 1024 * 1024);
        var c = Shared.Shipped.Value;
        Assert.Contains("domestic-abuse", c.Classify("a", "Police were called to the home six times for domestic incidents; Mother was assessed at high risk on the DASH and referred to MARAC.").Themes);
        Assert.Contains("substance-misuse", c.Classify("b", "Father was drinking heavily and using cocaine while caring for the children.").Themes);
        Assert.Empty(c.Classify("c", "The review panel met six times between May and November and agreed the terms of reference at its first meeting.").Themes);
    }

    [Fact]
    public void Review_profile_aggregates_passages_per_theme_with_evidence_and_toxic_trio()
    {
        var c = Shared.Shipped.Value;
        var review = SampleCorpusFixture.Review("scr-child-d-harrowfield-2010.pdf", out _);
        var classified = c.ClassifyBatch(review.Passages.Select(p => (p.Id, p.Text)).ToList());
        var profile = c.Profile(review, classified);
        Assert.Equal(review.Id, profile.ReviewId);
        foreach (var entry in profile.Themes)
        {
            Assert.Equal(classified.Count(x => x.Themes.Contains(entry.ThemeId)), entry.Passages);
            Assert.Equal(classified.Where(x => x.Themes.Contains(entry.ThemeId)).Max(x => x.Scores[entry.ThemeId]), entry.MaxScore, 6);
            Assert.InRange(entry.Evidence.Count, 1, 3);
            Assert.Equal(entry.MaxScore, entry.Evidence[0].Score, 6);
            Assert.All(entry.Evidence, e => Assert.Contains(review.Passages, p => p.Id == e.PassageId && p.Text == e.Text));
        }
        Assert.Equal(profile.Themes.OrderByDescending(e => e.Passages).ThenByDescending(e => e.MaxScore).Select(e => e.ThemeId), profile.Themes.Select(e => e.ThemeId));
        // Harrowfield is written around the toxic trio (mental health, domestic abuse, substance misuse).
        Assert.True(profile.ToxicTrio);
        foreach (var t in Shared.Taxonomy.Value.ToxicTrio) Assert.Contains(profile.Themes, e => e.ThemeId == t);
    }
}

public class QuantisedScoringTests
{
    [Fact]
    public void Eight_bit_scoring_stays_within_two_hundredths_of_the_float_heads()
    {
        var model = Shared.Shipped.Value.Model;
        var texts = Shared.Slice(5).Select(p => p.Text).ToList();
        double maxDiff = 0;
        int flips = 0;
        foreach (var text in texts)
        {
            var quantised = Shared.Shipped.Value.Scores(text);
            var x = model.Featurizer.Transform(text);
            for (int h = 0; h < model.Heads.Count; h++)
            {
                var reference = model.Heads[h].Score(x);
                maxDiff = Math.Max(maxDiff, Math.Abs(reference - quantised[h]));
                if ((reference >= model.Heads[h].Threshold) != (quantised[h] >= model.Heads[h].Threshold)) flips++;
            }
        }
        Assert.True(maxDiff < 0.02, $"largest difference {maxDiff:0.0000}");
        Assert.True(flips <= texts.Count * model.Heads.Count / 1000, $"{flips} decisions differ");
    }
}
