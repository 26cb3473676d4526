using System.CommandLine;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Indexer;

/// <summary>
/// `thememiner watch INBOX [--index DIR] [--settle SECONDS] [--poll SECONDS] [--once]`: each new or changed PDF or Word
/// file in the folder is tagged and indexed once it has stopped growing; its result goes next to it as
/// FILE.thememiner.json (status ok with the profile, or error with the reason) and into the log. Polls rather than
/// trusting file-system events, which fire while a download is still being written. Ctrl+C stops between files, with
/// everything written so far committed.
/// </summary>
internal static class WatchCommand
{
    public const string ResultSuffix = ".thememiner.json";

    public static Command Build(TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var inbox = new Argument<string>("inbox") { Description = "The folder to watch (searched recursively)." };
        var index = new Option<string?>("--index") { Description = "The index to add reviews to (default as for 'thememiner index')." };
        var settle = new Option<double>("--settle") { Description = "Seconds a file must keep the same size and time before it is read.", DefaultValueFactory = _ => 5 };
        var poll = new Option<double>("--poll") { Description = "Seconds between looks at the folder.", DefaultValueFactory = _ => 2 };
        var once = new Option<bool>("--once") { Description = "Handle the files that have settled, then stop." };
        var model = ModelCommands.ModelOption();
        var taxonomy = ModelCommands.TaxonomyOption();
        var limits = new Cli.LimitOptions();
        var cmd = new Command("watch", "Watch a folder: tag and index each new or changed review once it has stopped growing; write each result next to the file.") { inbox, index, settle, poll, once, model, taxonomy };
        limits.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var folder = r.GetValue(inbox)!;
            if (!Directory.Exists(folder)) { stderr.WriteLine($"error: {folder}: no such folder"); return Cli.ExitUsage; }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var modelPath = ProjectPaths.Resolve(r.GetValue(model), ProjectPaths.ModelFile);
            if (!File.Exists(modelPath)) { stderr.WriteLine($"error: {modelPath}: no theme model; train one with 'thememiner train' or give --model"); return Cli.ExitUsage; }
            var classifier = ThemeClassifier.Load(modelPath, tax);
            var synonyms = SynonymSet.Load(ProjectPaths.Resolve(null, ProjectPaths.SynonymsFile));
            var parser = new ReviewParser(limits.Read(r));
            var indexPath = ProjectPaths.IndexFolder(r.GetValue(index));
            var settleTime = TimeSpan.FromSeconds(Math.Max(0, r.GetValue(settle)));
            var pollTime = TimeSpan.FromSeconds(Math.Max(0.1, r.GetValue(poll)));
            var seen = new Dictionary<string, (long Size, DateTime Time, DateTime Since)>(StringComparer.Ordinal);
            var done = new Dictionary<string, (long Size, DateTime Time)>(StringComparer.Ordinal);
            int handled = 0, failed = 0;
            stderr.WriteLine($"watching {folder} (index {indexPath}); Ctrl+C to stop");
            while (!ct.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                var ready = new List<string>();
                foreach (var file in ReviewParser.ExpandPaths([folder], out _))
                {
                    FileInfo info;
                    try { info = new FileInfo(file); if (!info.Exists) continue; }
                    catch (IOException) { continue; }
                    var key = (info.Length, info.LastWriteTimeUtc);
                    if (done.TryGetValue(file, out var d) && d == key) continue;
                    if (!seen.TryGetValue(file, out var s) || (s.Size, s.Time) != key) { seen[file] = (key.Length, key.LastWriteTimeUtc, now); continue; }
                    if (now - s.Since >= settleTime && now - key.LastWriteTimeUtc >= settleTime) ready.Add(file);
                }
                if (ready.Count > 0)
                {
                    using var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, synonyms);
                    ReviewIndexWriter writer;
                    try { writer = ReviewIndexWriter.Open(indexPath, analyzer); }
                    catch (IndexInUseException ex) { stderr.WriteLine($"waiting: {ex.Message}"); Sleep(pollTime, ct); continue; }
                    using (writer)
                    {
                        foreach (var file in ready)
                        {
                            if (ct.IsCancellationRequested) break;
                            var (row, item) = TagCommand.TagOne(parser, classifier, synonyms, file, ct);
                            if (item is not null && !writer.IsCurrent(item.Review.Id, item.ModelVersion, item.AnalysisVersion)) writer.Upsert(item);
                            writer.Commit();
                            WriteResult(file, TagOutput.Json([row], tax));
                            var info = new FileInfo(file);
                            done[file] = (info.Length, info.LastWriteTimeUtc);
                            seen.Remove(file);
                            handled++;
                            if (row.Status == "ok") stderr.WriteLine($"tagged {file}: {row.Profile!.Themes.Count} themes, review {row.ReviewId}");
                            else { failed++; stderr.WriteLine($"error: {file}: {row.Error}"); }
                        }
                    }
                }
                // With --once: stop when nothing is left waiting to settle.
                if (r.GetValue(once) && seen.Count == 0) break;
                Sleep(pollTime, ct);
            }
            stderr.WriteLine($"stopped: {handled} files handled, {failed} failed");
            return failed > 0 ? Cli.ExitFailed : Cli.ExitOk;
        });
        return cmd;
    }

    private static void WriteResult(string file, string json)
    {
        var path = file + ResultSuffix;
        var temp = path + ".part";
        File.WriteAllText(temp, json);
        File.Move(temp, path, overwrite: true);
    }

    private static void Sleep(TimeSpan time, CancellationToken ct)
    {
        try { Task.Delay(time, ct).Wait(ct); }
        catch (OperationCanceledException) { /* stop requested: the loop ends */ }
    }
}
