using System.Collections.Concurrent;
using System.CommandLine;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner parse FILE` (one review as JSON) and `thememiner parse --jsonl PATH...` (one line per file, in parallel).</summary>
internal static class ParseCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var paths = new Argument<string[]>("paths") { Description = "A review file, or with --jsonl files and folders.", Arity = ArgumentArity.OneOrMore };
        var jsonl = new Option<bool>("--jsonl") { Description = "Write one JSON line per file; folders are searched recursively; files are parsed in parallel." };
        var jobs = new Option<int>("--jobs") { Description = "Files parsed at once with --jsonl (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var limits = new Cli.LimitOptions();
        var cmd = new Command("parse", "Parse review files (PDF or Word) into cited passages and metadata, printed as JSON.") { paths, jsonl, jobs };
        limits.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var parser = new ReviewParser(limits.Read(r));
            var inputs = r.GetValue(paths) ?? [];
            return r.GetValue(jsonl)
                ? RunJsonl(parser, inputs, Math.Max(1, r.GetValue(jobs)), stdout, stderr, ct)
                : RunSingle(parser, inputs, stdout, stderr, ct);
        });
        return cmd;
    }

    private static int RunSingle(ReviewParser parser, string[] inputs, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (inputs.Length != 1)
        {
            stderr.WriteLine("error: parse takes one FILE; use --jsonl for several files or folders");
            return Cli.ExitUsage;
        }
        var path = inputs[0];
        if (Directory.Exists(path))
        {
            stderr.WriteLine($"error: {path}: is a folder; use 'thememiner parse --jsonl {path}'");
            return Cli.ExitUsage;
        }
        var result = parser.ParseFile(path, ct);
        if (result.Status != ParseStatus.Ok)
        {
            stderr.WriteLine($"error: {path}: {result.Error}");
            return Cli.ExitFailed;
        }
        stdout.WriteLine(ReviewJson.Serialize(result, indented: true));
        return Cli.ExitOk;
    }

    private static int RunJsonl(ReviewParser parser, string[] inputs, int jobs, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var files = ReviewParser.ExpandPaths(inputs, out var missing);
        int failed = 0;
        foreach (var m in missing)
        {
            stdout.WriteLine(ReviewJson.Serialize(Core.Model.ParseResult.Fail(m, FailureKind.Unreadable, "no such file or folder"), indented: false));
            failed++;
        }
        // Parse in parallel; write lines in input order as soon as each one's turn comes.
        var done = new ConcurrentDictionary<int, string>();
        int next = 0, ok = 0;
        var gate = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = ct }, i =>
        {
            var result = parser.ParseFile(files[i], ct);
            var line = ReviewJson.Serialize(result, indented: false);
            if (result.Status == ParseStatus.Ok) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
            done[i] = line;
            lock (gate)
            {
                while (done.TryRemove(next, out var ready)) { stdout.WriteLine(ready); next++; }
            }
        });
        stdout.Flush();
        stderr.WriteLine($"parsed {files.Count + missing.Count} files: {ok} ok, {failed} failed");
        return failed > 0 ? Cli.ExitFailed : Cli.ExitOk;
    }
}
