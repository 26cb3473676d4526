using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner train`, `classify` and `evaluate`.</summary>
internal static class ModelCommands
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static Option<string?> TaxonomyOption() => new("--taxonomy") { Description = "The taxonomy file (default models/themes.json)." };
    internal static Option<string?> ModelOption() => new("--model") { Description = "The trained model (default models/theme-model.zip)." };

    public static Command Train(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string?>("--data") { Description = "Labelled passages: a .jsonl file or a folder of them (default models/training)." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default models/theme-model.zip); the model card goes beside it as MODEL_CARD.md." };
        var dev = new Option<string?>("--dev") { Description = "A gold .jsonl set to report in the model card (never trained on). Default: ../shared/eval/dev-passages.jsonl when present." };
        var learner = new Option<string>("--learner") { Description = "lbfgs or sdca.", DefaultValueFactory = _ => "lbfgs" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds for thresholds.", DefaultValueFactory = _ => 5 };
        var posWeight = new Option<double>("--positive-weight-power") { Description = "Weight positives by (negatives/positives)^power for each theme (0: unweighted).", DefaultValueFactory = _ => new TrainingOptions().PositiveWeightPower };
        var noChars = new Option<bool>("--no-char-ngrams") { Description = "Word 1-2 grams only (no character 3-5 grams)." };
        var l2 = new Option<float>("--l2") { Description = "L2 regularisation of the logistic heads.", DefaultValueFactory = _ => new TrainingOptions().L2 };
        var taxonomy = TaxonomyOption();
        var cmd = new Command("train", "Train the theme model on labelled passages, choose thresholds by cross-validation, write the model and its card.") { data, output, dev, learner, folds, l2, posWeight, noChars, taxonomy };
        cmd.SetAction(r =>
        {
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var dataPath = ProjectPaths.Resolve(r.GetValue(data), ProjectPaths.TrainingFolder);
            var outPath = r.GetValue(output) ?? ProjectPaths.Resolve(null, ProjectPaths.ModelFile);
            if (r.GetValue(learner) is not ("lbfgs" or "sdca")) { stderr.WriteLine("error: --learner takes lbfgs or sdca"); return Cli.ExitUsage; }
            var options = new TrainingOptions { Learner = r.GetValue(learner) == "sdca" ? Learner.Sdca : Learner.Lbfgs, Folds = Math.Max(2, r.GetValue(folds)), L2 = Math.Max(0f, r.GetValue(l2)),
                PositiveWeightPower = Math.Max(0, r.GetValue(posWeight)),
                Features = new FeaturizerSettings { CharNgrams = !r.GetValue(noChars) } };
            var passages = TaxonomyLoader.LoadLabelled(dataPath, tax);
            stderr.WriteLine($"training on {passages.Count} passages from {dataPath}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = new ThemeTrainer(tax, options).Train(passages, line => stderr.WriteLine(line));
            result.Model.Save(outPath);
            stderr.WriteLine($"model written to {outPath} in {clock.Elapsed.TotalSeconds:0} s");

            ModelCard.DevEvaluation? devEval = null;
            var devPath = r.GetValue(dev) ?? ProjectPaths.DevSet();
            if (devPath is not null && File.Exists(devPath))
            {
                var gold = TaxonomyLoader.LoadLabelled(devPath, tax);
                var classifier = new ThemeClassifier(result.Model, tax);
                devEval = new ModelCard.DevEvaluation(ThemeEvaluator.Evaluate(classifier, gold), ThemeEvaluator.EvaluateKeywords(tax, gold));
            }
            var modelDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            var cardPath = Path.Combine(modelDir, "MODEL_CARD.md");
            var notesPath = Path.Combine(modelDir, "model-notes.md");
            var card = ModelCard.Render(tax, result.Model, result.CrossValidation, passages, devEval,
                "dotnet run --project src/ThemeMiner.Indexer -- train", new FileInfo(outPath).Length, DateTime.UtcNow);
            if (File.Exists(notesPath)) card += Environment.NewLine + File.ReadAllText(notesPath);
            File.WriteAllText(cardPath, card);
            stdout.WriteLine($"cross-validation macro-F1 {result.CrossValidation.Report.MacroF1:0.000}, micro-F1 {result.CrossValidation.Report.MicroF1:0.000}");
            if (devEval is not null)
                stdout.WriteLine($"dev set macro-F1 {devEval.Model.MacroF1:0.000} (keyword baseline {devEval.Keywords.MacroF1:0.000})");
            stdout.WriteLine($"model card written to {cardPath}");
            return Cli.ExitOk;
        });
        return cmd;
    }

    public static Command Classify(TextWriter stdout, TextWriter stderr)
    {
        var text = new Argument<string?>("text") { Description = "A passage to classify (quick look).", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input") { Description = "A .jsonl file of {\"id\",\"text\"} lines; one output line per passage, in input order." };
        var json = new Option<bool>("--json") { Description = "JSON output for a single passage." };
        var model = ModelOption();
        var taxonomy = TaxonomyOption();
        var cmd = new Command("classify", "Tag passages with the taxonomy's themes, with calibrated scores.") { text, input, json, model, taxonomy };
        cmd.SetAction(r =>
        {
            var passageText = r.GetValue(text);
            var inputPath = r.GetValue(input);
            if ((passageText is null) == (inputPath is null))
            {
                stderr.WriteLine("error: give either a passage text or --input FILE.jsonl");
                return Cli.ExitUsage;
            }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var classifier = ThemeClassifier.Load(ProjectPaths.Resolve(r.GetValue(model), ProjectPaths.ModelFile), tax);
            if (passageText is not null)
            {
                var c = classifier.Classify("input", passageText);
                if (r.GetValue(json)) stdout.WriteLine(Line(c));
                else
                {
                    stdout.WriteLine(c.Themes.Count == 0 ? "no theme" : string.Join("\n", c.Themes.Select(t => $"{t}\t{c.Scores[t]:0.00}\t{tax.Find(t)!.Label}")));
                    var near = c.Scores.Where(s => !c.Themes.Contains(s.Key)).OrderByDescending(s => s.Value).Take(3);
                    stdout.WriteLine("next: " + string.Join(", ", near.Select(s => $"{s.Key} {s.Value:0.00}")));
                    if (c.Negated) stdout.WriteLine("flag: negated (theme wording under negation)");
                    if (c.GoodPractice) stdout.WriteLine("flag: good practice");
                }
                return Cli.ExitOk;
            }
            if (!File.Exists(inputPath)) { stderr.WriteLine($"error: {inputPath}: no such file"); return Cli.ExitUsage; }
            var rows = new List<(string Id, string Text)>();
            int lineNo = 0, bad = 0;
            foreach (var line in File.ReadLines(inputPath!))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var id = doc.RootElement.TryGetProperty("id", out var i) ? i.ToString() : lineNo.ToString(CultureInfo.InvariantCulture);
                    if (!doc.RootElement.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                    { stderr.WriteLine($"error: {inputPath}:{lineNo}: no \"text\"; line skipped"); bad++; continue; }
                    rows.Add((id, t.GetString()!));
                }
                catch (JsonException) { stderr.WriteLine($"error: {inputPath}:{lineNo}: not valid JSON; line skipped"); bad++; }
            }
            foreach (var c in classifier.ClassifyBatch(rows)) stdout.WriteLine(Line(c));
            return bad > 0 ? Cli.ExitFailed : Cli.ExitOk;
        });
        return cmd;
    }

    private static string Line(PassageClassification c)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Compact))
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteStartArray("themes");
            foreach (var t in c.Themes) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteStartObject("scores");
            foreach (var (k, v) in c.Scores) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteBoolean("negated", c.Negated);
            w.WriteBoolean("goodPractice", c.GoodPractice);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    public static Command EvaluateCommand(TextWriter stdout, TextWriter stderr)
    {
        var gold = new Option<string>("--gold") { Description = "Gold passages: {\"id\",\"text\",\"themes\":[...]} per line.", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON output." };
        var baseline = new Option<string?>("--baseline") { Description = "Also evaluate a baseline: keywords." };
        var model = ModelOption();
        var taxonomy = TaxonomyOption();
        var cmd = new Command("evaluate", "Per-theme precision, recall, F1 and support; macro and micro F1; mean Cohen's kappa.") { gold, json, baseline, model, taxonomy };
        cmd.SetAction(r =>
        {
            if (r.GetValue(baseline) is { } b && b != "keywords") { stderr.WriteLine("error: --baseline takes 'keywords'"); return Cli.ExitUsage; }
            var goldPath = r.GetValue(gold)!;
            if (!File.Exists(goldPath)) { stderr.WriteLine($"error: {goldPath}: no such file"); return Cli.ExitUsage; }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            List<LabelledPassage> passages;
            try { passages = TaxonomyLoader.LoadLabelled(goldPath, tax); }
            catch (FormatException ex) { stderr.WriteLine($"error: {ex.Message}"); return Cli.ExitFailed; }
            var classifier = ThemeClassifier.Load(ProjectPaths.Resolve(r.GetValue(model), ProjectPaths.ModelFile), tax);
            var report = ThemeEvaluator.Evaluate(classifier, passages);
            var keywords = r.GetValue(baseline) is null ? null : ThemeEvaluator.EvaluateKeywords(tax, passages);
            if (r.GetValue(json)) stdout.WriteLine(ReportJson(report, keywords));
            else WriteTable(stdout, report, keywords);
            return Cli.ExitOk;
        });
        return cmd;
    }

    private static string ReportJson(EvaluationReport report, EvaluationReport? baseline)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteReport(w, report);
            if (baseline is not null) { w.WriteStartObject("baseline"); w.WriteString("name", "keywords"); WriteReport(w, baseline); w.WriteEndObject(); }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter w, EvaluationReport r)
    {
        w.WriteNumber("passages", r.Passages);
        w.WriteNumber("macroF1", Math.Round(r.MacroF1, 4));
        w.WriteNumber("microF1", Math.Round(r.MicroF1, 4));
        w.WriteNumber("meanKappa", Math.Round(r.MeanKappa, 4));
        w.WriteStartObject("themes");
        foreach (var t in r.Themes)
        {
            w.WriteStartObject(t.ThemeId);
            w.WriteNumber("precision", Math.Round(t.Precision, 4));
            w.WriteNumber("recall", Math.Round(t.Recall, 4));
            w.WriteNumber("f1", Math.Round(t.F1, 4));
            w.WriteNumber("support", t.Support);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteTable(TextWriter o, EvaluationReport r, EvaluationReport? b)
    {
        o.WriteLine($"{"theme",-32} {"P",6} {"R",6} {"F1",6} {"supp",5}" + (b is null ? "" : $" {"kw F1",6}"));
        foreach (var t in r.Themes)
            o.WriteLine($"{t.ThemeId,-32} {t.Precision,6:0.000} {t.Recall,6:0.000} {t.F1,6:0.000} {t.Support,5}" + (b is null ? "" : $" {b.Themes.Single(x => x.ThemeId == t.ThemeId).F1,6:0.000}"));
        o.WriteLine($"passages {r.Passages}; macro-F1 {r.MacroF1:0.000}; micro-F1 {r.MicroF1:0.000}; mean kappa {r.MeanKappa:0.000}");
        if (b is not null) o.WriteLine($"keyword baseline: macro-F1 {b.MacroF1:0.000}; micro-F1 {b.MicroF1:0.000}; mean kappa {b.MeanKappa:0.000}");
    }
}
