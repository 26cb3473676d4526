using System.Text.Json;
using ThemeMiner.Core.Tests.Indexing;

namespace ThemeMiner.Core.Tests.Cli;

public class WatchTests
{
    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            await Task.Delay(200);
        }
        return condition();
    }

    [Fact]
    public async Task Watch_picks_up_a_dropped_file_waits_for_a_partial_one_survives_a_bad_one_and_stops_cleanly()
    {
        var inbox = IndexSupport.TempFolder("watch-inbox");
        var index = IndexSupport.TempFolder("watch-index");
        using var stop = new CancellationTokenSource();
        var stderr = new StringWriter();
        var watcher = Task.Run(() => ThemeMiner.Indexer.Cli.Run(["watch", inbox, "--index", index, "--settle", "3", "--poll", "0.3"], TextWriter.Null, TextWriter.Synchronized(stderr), stop.Token));

        // A complete file dropped in.
        var dropped = Path.Combine(inbox, "child-j.pdf");
        File.Copy(RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf"), dropped);
        Assert.True(await Eventually(() => File.Exists(dropped + ".thememiner.json"), TimeSpan.FromSeconds(60)), "no result for the dropped file: " + stderr);
        var row = JsonDocument.Parse(File.ReadAllText(dropped + ".thememiner.json")).RootElement[0];
        Assert.Equal("ok", row.GetProperty("status").GetString());

        // A file still being written: half of it now, the rest later. Only the whole file is read.
        var bytes = File.ReadAllBytes(RepoPaths.CorpusFile("lcspr-baby-r-saltergate-2023.pdf"));
        var partial = Path.Combine(inbox, "baby-r.pdf");
        await using (var f = new FileStream(partial, FileMode.Create)) await f.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        for (int i = 0; i < 4; i++)
        {
            await Task.Delay(300);
            await using var f = new FileStream(partial, FileMode.Append);
            await f.WriteAsync(bytes.AsMemory(bytes.Length / 2 + i * (bytes.Length / 8), Math.Min(bytes.Length / 8, bytes.Length - (bytes.Length / 2 + i * (bytes.Length / 8)))));
            Assert.False(File.Exists(partial + ".thememiner.json"), "a file still growing was read");
        }
        await using (var f = new FileStream(partial, FileMode.Append)) await f.WriteAsync(bytes.AsMemory(bytes.Length / 2 + 4 * (bytes.Length / 8)));
        Assert.Equal(bytes, File.ReadAllBytes(partial));
        Assert.True(await Eventually(() => File.Exists(partial + ".thememiner.json"), TimeSpan.FromSeconds(60)), "no result for the completed file: " + stderr);
        Assert.Equal("ok", JsonDocument.Parse(File.ReadAllText(partial + ".thememiner.json")).RootElement[0].GetProperty("status").GetString());

        // A bad file gets an error result and the watch goes on.
        var bad = Path.Combine(inbox, "broken.pdf");
        File.Copy(RepoPaths.CorpusFile("broken/truncated.pdf"), bad);
        Assert.True(await Eventually(() => File.Exists(bad + ".thememiner.json"), TimeSpan.FromSeconds(60)), "no result for the bad file: " + stderr);
        var error = JsonDocument.Parse(File.ReadAllText(bad + ".thememiner.json")).RootElement[0];
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Contains("truncated", error.GetProperty("error").GetString());
        Assert.False(watcher.IsCompleted);

        stop.Cancel();
        var exit = await watcher.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, exit); // one file failed
        Assert.Contains("stopped: 3 files handled, 1 failed", stderr.ToString());
        // The index is whole and holds the two good reviews; the results were not re-read as reviews.
        using var searcher = IndexSupport.Searcher(index);
        Assert.Equal(2, searcher.Stats().Reviews);
    }

    [Fact]
    public void Watch_once_handles_what_is_there_and_stops()
    {
        var inbox = IndexSupport.TempFolder("watch-once");
        var index = IndexSupport.TempFolder("watch-once-index");
        File.Copy(RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx"), Path.Combine(inbox, "k.docx"));
        File.SetLastWriteTimeUtc(Path.Combine(inbox, "k.docx"), DateTime.UtcNow.AddMinutes(-1));
        var (exit, _, err) = CliRunner.Run("watch", inbox, "--index", index, "--once", "--settle", "0.5", "--poll", "0.3");
        Assert.Equal(0, exit);
        Assert.Contains("1 files handled, 0 failed", err);
        Assert.True(File.Exists(Path.Combine(inbox, "k.docx.thememiner.json")));
        Assert.Equal(1, CliRunner.Run("watch", Path.Combine(inbox, "missing")).Exit);
    }
}
