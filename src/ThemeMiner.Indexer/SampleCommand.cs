using System.CommandLine;
using ThemeMiner.Core.Samples;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner sample render`: renders corpus-sample/sources to PDF/Word, the broken files and manifest.json.</summary>
internal static class SampleCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var corpus = new Option<string>("--corpus") { Description = "The sample corpus folder (holds sources/).", DefaultValueFactory = _ => "corpus-sample" };
        var render = new Command("render", "Render the sample review sources to PDF and Word files and rewrite manifest.json (deterministic).") { corpus };
        render.SetAction(r =>
        {
            var dir = r.GetValue(corpus)!;
            if (!Directory.Exists(Path.Combine(dir, "sources")))
            {
                stderr.WriteLine($"error: {dir}: no sources/ folder here; run from the repository root or pass --corpus");
                return Cli.ExitUsage;
            }
            try
            {
                new SampleCorpus(dir).Build(line => stdout.WriteLine(line));
                return Cli.ExitOk;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or IOException)
            {
                stderr.WriteLine($"error: {ex.Message.Split('\n')[0]}");
                return Cli.ExitFailed;
            }
        });
        var reviews = new Option<int>("--reviews") { Description = "How many reviews to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed writes the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The folder to write them to.", Required = true };
        var scaleCorpus = new Option<string>("--corpus") { Description = "The sample corpus folder (holds sources/).", DefaultValueFactory = _ => "corpus-sample" };
        var scale = new Command("scale", "Write N realistic review files (mostly PDF, some Word; about 10-50 pages) recombined from the sample sources, for benchmarks.") { reviews, seed, output, scaleCorpus };
        scale.SetAction(r =>
        {
            var dir = r.GetValue(scaleCorpus)!;
            if (!Directory.Exists(Path.Combine(dir, "sources"))) { stderr.WriteLine($"error: {dir}: no sources/ folder here; run from the repository root or pass --corpus"); return Cli.ExitUsage; }
            int n = r.GetValue(reviews);
            if (n < 1) { stderr.WriteLine("error: --reviews takes a number of 1 or more"); return Cli.ExitUsage; }
            var outDir = r.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var sources = new SampleCorpus(dir).LoadSources();
            long pages = 0, bytes = 0;
            int written = 0;
            foreach (var g in ScaleCorpus.Generate(sources, n, r.GetValue(seed)))
            {
                File.WriteAllBytes(Path.Combine(outDir, g.FileName), g.Bytes);
                pages += g.Pages ?? 0;
                bytes += g.Bytes.Length;
                if (++written % 50 == 0 || written == n) stderr.WriteLine($"[{written}/{n}] {g.FileName} ({g.Pages?.ToString() ?? "?"} pages)");
            }
            stdout.WriteLine($"wrote {written} reviews, {pages} PDF pages, {bytes / (1024.0 * 1024):0.0} MB to {outDir}");
            return Cli.ExitOk;
        });
        var sample = new Command("sample", "Sample corpus tools.");
        sample.Subcommands.Add(render);
        sample.Subcommands.Add(scale);
        return sample;
    }
}
