using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Parsing;

/// <summary>What a parser found a block of text to be, before segmentation.</summary>
public enum BlockKind { TitleLine, Heading, Paragraph, ListItem, Table, Footnote }

/// <summary>
/// One ordered unit of text out of a parser: a heading, a paragraph, a list item, a table or a footnote.
/// Carries its provenance (pages) and what the format said about it (heading level, displayed number, font size).
/// </summary>
public sealed record TextBlock(
    BlockKind Kind,
    string Text,
    int? PageStart,
    int? PageEnd,
    int HeadingLevel = 0,
    string? Number = null,
    double FontSize = 0);

/// <summary>A parser's output: the blocks in reading order plus page facts and issues.</summary>
public sealed record ExtractedDocument(
    SourceFormat Format,
    IReadOnlyList<TextBlock> Blocks,
    int? PageCount,
    PageProvenance PageProvenance,
    IReadOnlyList<ParseIssue> Issues);

/// <summary>Limits applied to every file. Each is a CLI option; defaults suit published reviews (10-150 pages).</summary>
public sealed record ParseLimits
{
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;
    public int MaxPages { get; init; } = 1000;
    public TimeSpan PerFileTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Below this many characters of text per page on average, a PDF is treated as scanned (needs OCR).</summary>
    public int MinCharsPerPage { get; init; } = 80;
    public static ParseLimits Default { get; } = new();
}

/// <summary>A file could not be parsed; <see cref="Kind"/> says which failure class, the message says what to do.</summary>
public sealed class ReviewParseException(FailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
}

/// <summary>One parser per format, behind one interface.</summary>
public interface IReviewFormatParser
{
    SourceFormat Format { get; }

    /// <summary>Extracts ordered blocks. Throws <see cref="ReviewParseException"/> for a file it cannot read.</summary>
    ExtractedDocument Extract(byte[] content, ParseLimits limits, CancellationToken cancellationToken);
}
