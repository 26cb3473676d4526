using System.CommandLine;
using System.Diagnostics;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner tag PATH... [--format json|csv|md] [--out FILE] [--index DIR] [--jobs N]`: each review's theme
/// profile, for a spreadsheet or a board paper; with --index the reviews are also added to the collection.</summary>
internal static class TagCommand
{
    /// <summary>Parses and tags one file; with <paramref name="synonyms"/>, also what to index. Never throws for a bad file.</summary>
    internal static (TagRow Row, IndexableReview? Item) TagOne(ReviewParser parser, ThemeClassifier classifier, SynonymSet? synonyms, string path, CancellationToken ct)
    {
        var parsed = parser.ParseFile(path, ct);
        if (parsed.Review is not { } review) return (new TagRow(path, null, "error", parsed.Error, null, null, null), null);
        var classified = review.Passages.Select(p => classifier.Classify(p.Id, p.Text)).ToList();
        var item = synonyms is null ? null : new IndexableReview(review, classified, classifier.Model.Info.ModelVersion, synonyms.Version);
        return (new TagRow(path, review.Id, "ok", null, review, classifier.Profile(review, classified), synonyms is null ? null : true), item);
    }

    public static Command Build(TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var paths = new Argument<string[]>("paths") { Description = "Review files and folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "json (default), csv or md.", DefaultValueFactory = _ => "json" };
        var output = new Option<string?>("--out") { Description = "Write the output to this file instead of standard output." };
        var index = new Option<string?>("--index") { Description = "Also add the reviews to this index (as 'thememiner index' does; unchanged reviews are left alone)." };
        var jobs = new Option<int>("--jobs") { Description = "Files parsed and tagged at once (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var model = ModelCommands.ModelOption();
        var taxonomy = ModelCommands.TaxonomyOption();
        var limits = new Cli.LimitOptions();
        var cmd = new Command("tag", "Tag review files with the taxonomy's themes: a profile per review (themes, passage counts, top scores, evidence).") { paths, format, output, index, jobs, model, taxonomy };
        limits.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var fmt = r.GetValue(format);
            if (fmt is not ("json" or "csv" or "md")) { stderr.WriteLine("error: --format takes json, csv or md"); return Cli.ExitUsage; }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var modelPath = ProjectPaths.Resolve(r.GetValue(model), ProjectPaths.ModelFile);
            if (!File.Exists(modelPath)) { stderr.WriteLine($"error: {modelPath}: no theme model; train one with 'thememiner train' or give --model"); return Cli.ExitUsage; }
            var classifier = ThemeClassifier.Load(modelPath, tax);
            var parser = new ReviewParser(limits.Read(r));
            var files = ReviewParser.ExpandPaths(r.GetValue(paths) ?? [], out var missing);
            var outPath = r.GetValue(output);

            SynonymSet? synonyms = null;
            SafeguardingAnalyzer? analyzer = null;
            ReviewIndexWriter? writer = null;
            if (r.GetValue(index) is { } indexPath)
            {
                synonyms = SynonymSet.Load(ProjectPaths.Resolve(null, ProjectPaths.SynonymsFile));
                analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, synonyms);
                try { writer = ReviewIndexWriter.Open(indexPath, analyzer); }
                catch (Exception ex) when (ex is IndexInUseException or IndexSchemaException) { analyzer.Dispose(); stderr.WriteLine($"error: {ex.Message}"); return Cli.ExitFailed; }
            }
            try
            {
                var rows = missing.Select(m => new TagRow(m, null, "error", "no such file or folder", null, null, null)).ToList();
                var progress = new ProgressPrinter(stderr);
                var clock = Stopwatch.StartNew();
                int done = rows.Count, total = files.Count + missing.Count, jobCount = Math.Max(1, r.GetValue(jobs));
                for (int start = 0; start < files.Count; start += jobCount * 2)
                {
                    ct.ThrowIfCancellationRequested();
                    var slice = files.Skip(start).Take(jobCount * 2).ToList();
                    var tagged = new (TagRow Row, IndexableReview? Item)[slice.Count];
                    Parallel.For(0, slice.Count, new ParallelOptions { MaxDegreeOfParallelism = jobCount, CancellationToken = ct },
                        i => tagged[i] = TagOne(parser, classifier, synonyms, slice[i], ct));
                    foreach (var (row, item) in tagged)
                    {
                        if (writer is not null && item is not null && !writer.IsCurrent(item.Review.Id, item.ModelVersion, item.AnalysisVersion)) writer.Upsert(item);
                        rows.Add(row);
                        progress.Report(++done, total, row.File, row.Status == "ok" ? "tagged" : "failed", row.Review?.PageCount ?? 0, clock.Elapsed);
                    }
                    if (writer is not null && writer.Uncommitted >= 25) writer.Commit();
                }
                progress.Done();
                writer?.Commit();
                var text = fmt switch { "csv" => TagOutput.Csv(rows, tax), "md" => TagOutput.Markdown(rows, tax), _ => TagOutput.Json(rows, tax) };
                if (outPath is null) stdout.WriteLine(text);
                else
                {
                    var temp = outPath + ".part";
                    File.WriteAllText(temp, text);
                    File.Move(temp, outPath, overwrite: true);
                }
                foreach (var f in rows.Where(x => x.Status != "ok")) stderr.WriteLine($"error: {f.File}: {f.Error}");
                int failed = rows.Count(x => x.Status != "ok");
                stderr.WriteLine($"tagged {rows.Count - failed} of {rows.Count} files in {clock.Elapsed.TotalSeconds:0.0} s; {failed} failed" + (outPath is null ? "" : $"; written to {outPath}") + (writer is null ? "" : $"; indexed into {writer.Path}"));
                return failed > 0 ? Cli.ExitFailed : Cli.ExitOk;
            }
            finally
            {
                writer?.Dispose();
                analyzer?.Dispose();
            }
        });
        return cmd;
    }
}
