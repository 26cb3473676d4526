using System.Security.Cryptography;
using ThemeMiner.Core.Metadata;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;
using ThemeMiner.Core.Parsing.Pdf;
using ThemeMiner.Core.Parsing.Word;
using ThemeMiner.Core.Segmentation;

namespace ThemeMiner.Core.Pipeline;

/// <summary>
/// Parses one review file end to end: limits, format detection from content, the format's parser,
/// segmentation and metadata. Every outcome is a <see cref="ParseResult"/>; nothing escapes as an exception
/// except cancellation requested by the caller.
/// </summary>
public sealed class ReviewParser
{
    private readonly ParseLimits _limits;
    private readonly Segmenter _segmenter;
    private readonly IReadOnlyDictionary<SourceFormat, IReviewFormatParser> _parsers;

    public ReviewParser(ParseLimits? limits = null, SegmentationOptions? segmentation = null)
    {
        _limits = limits ?? ParseLimits.Default;
        _segmenter = new Segmenter(segmentation ?? SegmentationOptions.Default);
        _parsers = new Dictionary<SourceFormat, IReviewFormatParser>
        {
            [SourceFormat.Pdf] = new PdfReviewParser(),
            [SourceFormat.Docx] = new WordReviewParser(),
        };
    }

    public ParseLimits Limits => _limits;

    /// <summary>The review id: SHA-256 of the file's bytes, lower-case hex.</summary>
    public static string ReviewId(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public ParseResult ParseFile(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return ParseResult.Fail(path, FailureKind.Unreadable, "no such file");
            if (info.Length > _limits.MaxFileBytes)
                return ParseResult.Fail(path, FailureKind.TooLarge, $"the file is {info.Length / (1024.0 * 1024):0.#} MB, over the limit of {_limits.MaxFileBytes / (1024.0 * 1024):0.#} MB (raise --max-file-mb to parse it)");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ParseResult.Fail(path, FailureKind.Unreadable, $"the file could not be read ({ex.Message.Split('\n')[0].Trim()})");
        }
        return Parse(path, bytes, cancellationToken);
    }

    /// <summary>Parses bytes under the per-file time limit.</summary>
    public ParseResult Parse(string source, byte[] content, CancellationToken cancellationToken = default)
    {
        if (content.LongLength > _limits.MaxFileBytes)
            return ParseResult.Fail(source, FailureKind.TooLarge, $"the file is over the limit of {_limits.MaxFileBytes / (1024.0 * 1024):0.#} MB (raise --max-file-mb to parse it)");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The work runs on its own task so that a library call that never returns cannot hold the batch: the
        // caller waits at most the limit, then cancels (our own loops stop at their next check) and moves on.
        // The deadline is measured here, not by a timer, so a busy thread pool cannot delay it.
        var work = Task.Run(() => ParseCore(source, content, stop.Token), CancellationToken.None);
        try
        {
            bool finished = work.Wait(_limits.PerFileTimeout, cancellationToken);
            if (!finished || clock.Elapsed > _limits.PerFileTimeout)
            {
                stop.Cancel();
                _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe the abandoned task's fault
                return TimedOut(source);
            }
            return work.Result;
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return TimedOut(source);
        }
    }

    private ParseResult TimedOut(string source) =>
        ParseResult.Fail(source, FailureKind.Timeout, $"parsing took longer than the limit of {_limits.PerFileTimeout.TotalSeconds:0.###} s (raise --timeout to allow more)");

    private ParseResult ParseCore(string source, byte[] content, CancellationToken ct)
    {
        try
        {
            var format = FormatDetector.Detect(content);
            var extracted = _parsers[format].Extract(content, _limits, ct);
            ct.ThrowIfCancellationRequested();
            var id = ReviewId(content);
            var segmented = _segmenter.Segment(id, extracted.Blocks);
            if (segmented.Passages.Count == 0)
                return ParseResult.Fail(source, FailureKind.NeedsOcr, "no text passages were found in the file: it may be scanned images and need OCR");
            var titleLines = extracted.Blocks.TakeWhile(b => b.Kind != BlockKind.Heading).Where(b => b.Kind is BlockKind.TitleLine or BlockKind.Paragraph).ToList();
            var metadata = MetadataExtractor.Extract(titleLines, segmented.Passages);
            var review = new ParsedReview(
                id, source, format, metadata.Title, metadata, extracted.PageCount, extracted.PageProvenance,
                segmented.Sections, segmented.Passages, extracted.Issues);
            return ParseResult.Ok(source, review);
        }
        catch (ReviewParseException ex)
        {
            return ParseResult.Fail(source, ex.Kind, ex.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is OutOfMemoryException or InsufficientExecutionStackException or StackOverflowException)
        {
            return ParseResult.Fail(source, FailureKind.Corrupt, "the file is too complex to parse within memory limits: check that it opens in a PDF or Word viewer");
        }
        catch (Exception ex)
        {
            var reason = ex.Message.Split('\n')[0].Trim();
            return ParseResult.Fail(source, FailureKind.Corrupt, $"the file could not be parsed ({ex.GetType().Name}: {reason}): check that it opens in a PDF or Word viewer");
        }
    }

    /// <summary>Expands files and folders to the review files below them (PDF, Word and anything else for detection), sorted.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, out IReadOnlyList<string> missing)
    {
        var files = new List<string>();
        var notFound = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (System.IO.Directory.Exists(p))
                files.AddRange(System.IO.Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => IsCandidate(f))
                    .Order(StringComparer.Ordinal));
            else notFound.Add(p);
        }
        missing = notFound;
        return files;
    }

    private static readonly HashSet<string> CandidateExtensions = new(StringComparer.OrdinalIgnoreCase) { ".pdf", ".docx", ".doc", ".docm", ".rtf", ".odt" };

    private static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal)) return false;
        return CandidateExtensions.Contains(Path.GetExtension(path));
    }
}
