using System.Diagnostics;
using ThemeMiner.Core.Tests.Indexing;

namespace ThemeMiner.Core.Tests.Cli;

/// <summary>`thememiner index` as a real process, killed with SIGKILL part-way, then run again.</summary>
public class KillTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "thememiner.dll");

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(psi)!;
    }

    private static (int Exit, string Out) RunToEnd(params string[] args)
    {
        using var p = Start(args);
        var output = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "thememiner did not finish in 3 minutes");
        return (p.ExitCode, output.Result);
    }

    [Fact]
    public void An_index_killed_mid_run_opens_keeps_its_commits_and_a_rerun_matches_a_clean_run()
    {
        var clean = IndexSupport.TempFolder("kill-clean");
        Assert.Equal(2, RunToEnd("index", RepoPaths.Corpus, "--index", clean).Exit); // the broken files fail
        var expected = RunToEnd("stats", "--index", clean, "--json").Out;

        // 20 kills at different points of the run (counted in progress lines; the first lines are the broken files,
        // later runs skip the reviews already committed). After each, the index opens and holds whole reviews only.
        var killed = IndexSupport.TempFolder("kill-target");
        int kills = 0;
        for (int i = 0; i < 20; i++)
        {
            int after = 1 + i * 7 % 23;
            using var p = Start("index", RepoPaths.Corpus, "--index", killed, "--commit-every", "1", "--jobs", "1");
            int lines = 0;
            while (p.StandardError.ReadLine() is { } line)
                if (line.StartsWith('[') && ++lines >= after) break;
            if (!p.HasExited) { p.Kill(entireProcessTree: true); kills++; }
            p.WaitForExit();
            using var searcher = IndexSupport.Searcher(killed);
            foreach (var review in searcher.Reviews())
                Assert.Equal(review.PassageCount, searcher.Search(new Core.Model.SearchRequest { ReviewIds = [review.Id], Top = 0, Facets = false }).Total);
        }
        Assert.True(kills >= 15, $"only {kills} of the runs were still going when killed");
        Assert.Equal(2, RunToEnd("index", RepoPaths.Corpus, "--index", killed).Exit);
        Assert.Equal(expected, RunToEnd("stats", "--index", killed, "--json").Out);
    }
}
