namespace ThemeMiner.Indexer;

/// <summary>Progress of a batch: a live line (files, pages/s, ETA) on a terminal; one plain line a file when stderr is
/// redirected or captured (a live line would print nothing useful there).</summary>
internal sealed class ProgressPrinter(TextWriter stderr)
{
    private readonly bool _live = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private int _pages;

    public void Report(int done, int total, string source, string outcome, int pages, TimeSpan elapsed)
    {
        _pages += pages;
        var rate = elapsed.TotalSeconds > 0 ? _pages / elapsed.TotalSeconds : 0;
        var eta = done > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (total - done)) : TimeSpan.Zero;
        if (_live)
        {
            var name = Path.GetFileName(source);
            if (name.Length > 40) name = name[..37] + "...";
            stderr.Write($"\r[{done}/{total}] {rate,6:0} pages/s  eta {eta:mm\\:ss}  {outcome,-9} {name,-40}");
        }
        else stderr.WriteLine($"[{done}/{total}] {outcome} {source}");
    }

    public void Done()
    {
        if (_live) stderr.WriteLine();
    }
}
