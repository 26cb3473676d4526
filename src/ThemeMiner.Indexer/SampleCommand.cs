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
        var sample = new Command("sample", "Sample corpus tools.");
        sample.Subcommands.Add(render);
        return sample;
    }
}
