using System.Diagnostics;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;

namespace ThemeMiner.Core.Indexing;

public sealed record IngestOptions
{
    /// <summary>Files parsed and tagged at once.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;
    /// <summary>Commit after this many reviews written...</summary>
    public int CommitEveryReviews { get; init; } = 25;
    /// <summary>...or when this long has passed since the last commit, whichever comes first.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Files and folders into the index: each file's content hash is its review id, so a file already indexed with the
/// current model is skipped without parsing; others are parsed and tagged in parallel and written by the one writer,
/// in input order, committing in batches. A kill at any moment leaves the last commit, which holds whole reviews only;
/// running again completes the work.
/// </summary>
public sealed class IndexIngestor(ReviewParser parser, ThemeClassifier classifier, string analysisVersion)
{
    public string ModelVersion => classifier.Model.Info.ModelVersion;

    private sealed record Prepared(string Source, IngestOutcome? Outcome, IndexableReview? Item, string? ReviewId, string? Error, FailureKind? Failure, int Pages);

    public IngestSummary Ingest(ReviewIndexWriter writer, IEnumerable<string> inputs, IngestOptions? options = null,
        Action<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestOptions();
        var files = ReviewParser.ExpandPaths(inputs, out var missing);
        var results = new List<IngestFileResult>(files.Count + missing.Count);
        int total = files.Count + missing.Count, done = 0, commits = 0;
        var clock = Stopwatch.StartNew();
        var sinceCommit = Stopwatch.StartNew();

        foreach (var m in missing)
        {
            results.Add(new IngestFileResult(m, IngestOutcome.Failed, null, 0, "no such file or folder", FailureKind.Unreadable));
            progress?.Invoke(new IngestProgress(++done, total, m, IngestOutcome.Failed, 0, clock.Elapsed));
        }

        int chunk = Math.Max(1, options.Jobs) * 2;
        try
        {
            for (int start = 0; start < files.Count; start += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var slice = files.Skip(start).Take(chunk).ToList();
                var prepared = new Prepared[slice.Count];
                Parallel.For(0, slice.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken },
                    i => prepared[i] = Prepare(slice[i], writer, cancellationToken));
                foreach (var p in prepared)
                {
                    var outcome = p.Outcome ?? (writer.IsCurrent(p.Item!.Review.Id, ModelVersion, analysisVersion) ? IngestOutcome.Unchanged : writer.Upsert(p.Item));
                    results.Add(new IngestFileResult(p.Source, outcome, p.ReviewId, p.Item?.Review.Passages.Count ?? 0, p.Error, p.Failure));
                    progress?.Invoke(new IngestProgress(++done, total, p.Source, outcome, p.Pages, clock.Elapsed));
                }
                if (writer.Uncommitted >= options.CommitEveryReviews || (writer.Uncommitted > 0 && sinceCommit.Elapsed >= options.CommitInterval))
                {
                    writer.Commit();
                    commits++;
                    sinceCommit.Restart();
                }
            }
        }
        finally
        {
            // Whatever was written is whole reviews: keep it, on success and on cancellation alike.
            if (writer.Uncommitted > 0) { writer.Commit(); commits++; }
        }
        return new IngestSummary(results, commits);
    }

    private Prepared Prepare(string path, ReviewIndexWriter writer, CancellationToken ct)
    {
        byte[]? bytes = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length <= parser.Limits.MaxFileBytes) bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bytes = null; // ParseFile below reports why the file cannot be read.
        }
        if (bytes is not null)
        {
            var id = ReviewParser.ReviewId(bytes);
            if (writer.IsCurrent(id, ModelVersion, analysisVersion))
                return new Prepared(path, IngestOutcome.Unchanged, null, id, null, null, 0);
        }
        var result = bytes is null ? parser.ParseFile(path, ct) : parser.Parse(path, bytes, ct);
        if (result.Review is not { } review)
            return new Prepared(path, IngestOutcome.Failed, null, null, result.Error, result.Failure, 0);
        var classified = review.Passages.Select(p => classifier.Classify(p.Id, p.Text)).ToList();
        return new Prepared(path, null, new IndexableReview(review, classified, ModelVersion, analysisVersion), review.Id, null, null, review.PageCount ?? 0);
    }
}
