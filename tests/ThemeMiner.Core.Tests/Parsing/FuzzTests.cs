using System.Diagnostics;
using System.IO.Compression;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;
using ThemeMiner.Core.Pipeline;

namespace ThemeMiner.Core.Tests.Parsing;

/// <summary>
/// A mutation fuzzer over the sample PDFs and Word files: bit flips, truncation, duplicated and removed byte ranges
/// (PDF objects), removed and corrupted zip entries (Word parts). Every case must end in a parsed review or a clean
/// one-line error, within the per-file time limit, without crashing the process. Fixed seeds: the same 1,200 cases
/// every run.
/// </summary>
[Trait("Category", "Fuzz")]
public class FuzzTests
{
    private static readonly ParseLimits Limits = ParseLimits.Default with { PerFileTimeout = TimeSpan.FromSeconds(10) };

    private static IEnumerable<(string Name, byte[] Bytes)> Cases(int perFile)
    {
        var files = SampleCorpusFixture.Reviews.Select(r => r.GetProperty("file").GetString()!).ToList();
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(RepoPaths.CorpusFile(file));
            var rng = new Random(file.Aggregate(17, (h, c) => h * 31 + c));
            for (int i = 0; i < perFile; i++)
            {
                var kind = i % 6;
                yield return ($"{file}#{i}:{kind}", file.EndsWith(".docx") && kind >= 4 ? MutateZip(original, rng, kind) : Mutate(original, rng, kind));
            }
        }
    }

    private static byte[] Mutate(byte[] input, Random rng, int kind)
    {
        var b = (byte[])input.Clone();
        switch (kind)
        {
            case 0: // a few bit flips
                for (int k = 0, n = 1 + rng.Next(20); k < n; k++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                return b;
            case 1: // truncation
                return b[..rng.Next(1, b.Length)];
            case 2: // a duplicated range (an object repeated)
            {
                int start = rng.Next(b.Length), len = Math.Min(b.Length - start, 1 + rng.Next(4096));
                return [.. b[..(start + len)], .. b[start..(start + len)], .. b[(start + len)..]];
            }
            case 3: // a removed range (an object dropped)
            {
                int start = rng.Next(b.Length), len = Math.Min(b.Length - start, 1 + rng.Next(4096));
                return [.. b[..start], .. b[(start + len)..]];
            }
            default: // random bytes overwritten in a run
            {
                int start = rng.Next(b.Length), len = Math.Min(b.Length - start, 1 + rng.Next(256));
                rng.NextBytes(b.AsSpan(start, len));
                return b;
            }
        }
    }

    /// <summary>Re-packs a Word file with one part removed (kind 4) or one part's bytes damaged (kind 5).</summary>
    private static byte[] MutateZip(byte[] input, Random rng, int kind)
    {
        using var source = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read);
        var entries = source.Entries.ToList();
        int target = rng.Next(entries.Count);
        using var ms = new MemoryStream();
        using (var output = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (int i = 0; i < entries.Count; i++)
            {
                if (kind == 4 && i == target) continue;
                using var read = entries[i].Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                var data = buffer.ToArray();
                if (kind == 5 && i == target && data.Length > 0)
                    for (int k = 0, n = 1 + rng.Next(30); k < n; k++) data[rng.Next(data.Length)] = (byte)rng.Next(256);
                var entry = output.CreateEntry(entries[i].FullName, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var write = entry.Open();
                write.Write(data);
            }
        }
        return ms.ToArray();
    }

    [Fact]
    public void Every_mutated_file_ends_in_a_review_or_a_clean_error_within_the_time_limit()
    {
        var parser = new ReviewParser(Limits);
        var cases = Cases(perFile: 80).ToList();
        Assert.True(cases.Count >= 1000, $"{cases.Count} cases");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int ok = 0, errors = 0;
        var slowest = TimeSpan.Zero;
        var gate = new object();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var clock = Stopwatch.StartNew();
            ParseResult result;
            try { result = parser.Parse(c.Name, c.Bytes); }
            catch (Exception ex) { failures.Add($"{c.Name}: threw {ex.GetType().Name}: {ex.Message}"); return; }
            var took = clock.Elapsed;
            lock (gate) slowest = took > slowest ? took : slowest;
            if (took > Limits.PerFileTimeout + TimeSpan.FromSeconds(2)) failures.Add($"{c.Name}: took {took.TotalSeconds:0.0} s");
            if (result.Status == ParseStatus.Ok)
            {
                Interlocked.Increment(ref ok);
                if (result.Review is null || result.Review.Passages.Count == 0) failures.Add($"{c.Name}: ok without passages");
            }
            else
            {
                Interlocked.Increment(ref errors);
                if (string.IsNullOrWhiteSpace(result.Error) || result.Error.Contains('\n') || result.Failure is null) failures.Add($"{c.Name}: unclear error '{result.Error}'");
                if (result.Error?.Contains("   at ") == true) failures.Add($"{c.Name}: stack trace in the error");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.True(ok > 0 && errors > 0, $"{ok} parsed, {errors} rejected: the mutations should produce both");
        Assert.True(Process.GetCurrentProcess().PeakWorkingSet64 < 6L * 1024 * 1024 * 1024, "memory grew past 6 GB");
    }

    [Fact]
    public void A_zip_bomb_inside_a_docx_is_refused()
    {
        var original = File.ReadAllBytes(RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx"));
        using var ms = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read))
        using (var output = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in source.Entries)
            {
                var entry = output.CreateEntry(e.FullName, CompressionLevel.Fastest);
                using var write = entry.Open();
                using var read = e.Open();
                read.CopyTo(write);
            }
            // 600 MB of zeros squeezed into about half a megabyte.
            var bomb = output.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize);
            using var w = bomb.Open();
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) w.Write(zeros);
        }
        var bytes = ms.ToArray();
        Assert.True(bytes.Length < 5 * 1024 * 1024);
        var result = new ReviewParser().Parse("bomb.docx", bytes);
        Assert.Equal(ParseStatus.Error, result.Status);
        Assert.Equal(FailureKind.TooLarge, result.Failure);
        Assert.Contains("expands to", result.Error);
    }
}
