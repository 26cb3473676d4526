using System.Text;
using ThemeMiner.Core.Model;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Outline;

namespace ThemeMiner.Core.Parsing.Pdf;

/// <summary>PDF parser (PdfPig): lines in reading order, running text removed, coversheet dropped, blocks built.</summary>
public sealed class PdfReviewParser : IReviewFormatParser
{
    public SourceFormat Format => SourceFormat.Pdf;

    public ExtractedDocument Extract(byte[] content, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (!HasEofMarker(content))
            throw new ReviewParseException(FailureKind.Corrupt, "the PDF is truncated (no end-of-file marker): download the file again");

        PdfDocument doc;
        try
        {
            doc = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new ReviewParseException(FailureKind.Encrypted, "the PDF is password-protected: ask the publisher for an unprotected copy", ex);
        }
        catch (Exception ex) when (ex is not ReviewParseException and not OperationCanceledException)
        {
            throw Corrupt(ex);
        }

        using (doc)
        {
            try
            {
                if (doc.IsEncrypted && !CanRead(doc))
                    throw new ReviewParseException(FailureKind.Encrypted, "the PDF is password-protected: ask the publisher for an unprotected copy");
                return ExtractOpen(doc, limits, cancellationToken);
            }
            catch (PdfDocumentEncryptedException ex)
            {
                throw new ReviewParseException(FailureKind.Encrypted, "the PDF is password-protected: ask the publisher for an unprotected copy", ex);
            }
            catch (Exception ex) when (ex is not ReviewParseException and not OperationCanceledException)
            {
                throw Corrupt(ex);
            }
        }
    }

    private static ReviewParseException Corrupt(Exception ex)
    {
        var reason = ex.Message.Split('\n')[0].Trim();
        if (reason.Length > 120) reason = reason[..120];
        return new ReviewParseException(FailureKind.Corrupt, $"the PDF is damaged and could not be read ({reason}): download the file again or re-save it as PDF", ex);
    }

    private static bool CanRead(PdfDocument doc)
    {
        _ = doc.GetPage(1).Letters.Count;
        return true;
    }

    private static bool HasEofMarker(byte[] content)
    {
        int from = Math.Max(0, content.Length - 4096);
        return content.AsSpan(from).IndexOf("%%EOF"u8) >= 0;
    }

    private static ExtractedDocument ExtractOpen(PdfDocument doc, ParseLimits limits, CancellationToken ct)
    {
        int pageCount = doc.NumberOfPages;
        if (pageCount > limits.MaxPages)
            throw new ReviewParseException(FailureKind.TooManyPages, $"the PDF has {pageCount} pages, over the limit of {limits.MaxPages} (raise --max-pages to parse it)");
        if (pageCount == 0)
            throw new ReviewParseException(FailureKind.Corrupt, "the PDF has no pages");

        var issues = new List<ParseIssue>();
        var lines = new List<PdfLine>();
        var pageChars = new int[pageCount + 1];
        for (int p = 1; p <= pageCount; p++)
        {
            ct.ThrowIfCancellationRequested();
            var page = doc.GetPage(p);
            var glyphs = new List<Glyph>(page.Letters.Count);
            foreach (var l in page.Letters)
            {
                if (l.TextOrientation != TextOrientation.Horizontal || string.IsNullOrEmpty(l.Value)) continue;
                var fontName = l.FontName ?? string.Empty;
                bool bold = l.FontDetails?.IsBold == true || fontName.Contains("Bold", StringComparison.OrdinalIgnoreCase)
                            || fontName.Contains("Black", StringComparison.OrdinalIgnoreCase) || fontName.Contains("Heavy", StringComparison.OrdinalIgnoreCase);
                glyphs.Add(new Glyph(l.Value, l.StartBaseLine.X, l.EndBaseLine.X, l.StartBaseLine.Y, l.PointSize, bold));
                if (!string.IsNullOrWhiteSpace(l.Value)) pageChars[p]++;
            }
            var pageLines = PageLayout.BuildLines(p, glyphs, page.Width, page.Height);
            lines.AddRange(pageLines);
        }

        int textPages = 0, total = 0;
        for (int p = 1; p <= pageCount; p++) { total += pageChars[p]; if (pageChars[p] >= limits.MinCharsPerPage) textPages++; }
        if (total < limits.MinCharsPerPage * pageCount * 0.25 || textPages == 0)
            throw new ReviewParseException(FailureKind.NeedsOcr, $"the PDF has no usable text layer ({total} characters over {pageCount} pages): it is a scanned image and needs OCR");
        for (int p = 1; p <= pageCount; p++)
            if (pageChars[p] < limits.MinCharsPerPage && pageChars[p] < 10)
                issues.Add(new ParseIssue("page-without-text", $"page {p} has no text layer (scanned image or blank page)", p));

        var running = RunningTextDetector.Detect(lines, pageCount);
        if (running.Count > 0)
            issues.Add(new ParseIssue("running-text-removed", $"{running.Count} running header, footer and page-number lines removed"));
        var body = lines.Where(l => !running.Contains(l)).ToList();

        int firstContentPage = 1;
        if (CoversheetDetector.IsCoversheet(body.Where(l => l.Page == 1).Select(l => l.Text)) && pageCount > 1)
        {
            body.RemoveAll(l => l.Page == 1);
            firstContentPage = 2;
            issues.Add(new ParseIssue("coversheet-dropped", "page 1 is a repository coversheet and was dropped", 1));
        }

        var outline = ReadOutline(doc);
        var builder = new PdfBlockBuilder(body, outline);
        var blocks = builder.Build(firstContentPage);
        return new ExtractedDocument(SourceFormat.Pdf, blocks, pageCount, PageProvenance.Exact, issues);
    }

    private static List<OutlineEntry> ReadOutline(PdfDocument doc)
    {
        var entries = new List<OutlineEntry>();
        if (!doc.TryGetBookmarks(out var bookmarks, false) || bookmarks is null) return entries;
        foreach (var node in bookmarks.GetNodes())
        {
            int? page = node is DocumentBookmarkNode d && d.PageNumber > 0 ? d.PageNumber : null;
            var title = Text.TextCleaner.Normalise(node.Title ?? string.Empty);
            if (title.Length > 0) entries.Add(new OutlineEntry(title, node.Level + 1, page));
        }
        return entries;
    }
}

/// <summary>Recognises a repository or library coversheet placed in front of a report.</summary>
public static class CoversheetDetector
{
    private static readonly string[] Markers =
    [
        "deposited in", "downloaded from", "this document was", "library online", "repository", "case review repository",
        "national case review", "made available through", "is held in the",
    ];

    public static bool IsCoversheet(IEnumerable<string> firstPageLines)
    {
        var text = string.Join(' ', firstPageLines).ToLowerInvariant();
        if (text.Length == 0 || Model.TextMetrics.CountWords(text) > 400) return false;
        int hits = Markers.Count(m => text.Contains(m, StringComparison.Ordinal));
        bool libraryWord = text.Contains("library", StringComparison.Ordinal) || text.Contains("repository", StringComparison.Ordinal) || text.Contains("archive", StringComparison.Ordinal);
        return hits >= 2 && libraryWord;
    }
}
