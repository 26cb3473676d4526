using System.IO.Compression;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Parsing;

/// <summary>Detects a file's format from its bytes (magic numbers), never from its name.</summary>
public static class FormatDetector
{
    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;
    private static ReadOnlySpan<byte> Zip => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> Ole => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> Rtf => "{\\rtf"u8;

    private const string WordMainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string WordMacroContentType = "application/vnd.ms-word.document.macroEnabled.main+xml";

    /// <summary>Returns the format, or throws <see cref="ReviewParseException"/> with the reason the file is not a review we can read.</summary>
    public static SourceFormat Detect(byte[] content)
    {
        if (content.Length == 0)
            throw new ReviewParseException(FailureKind.Empty, "the file is empty (0 bytes); download it again");

        // PDF allows up to 1 KB of junk before the header.
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf(Pdf) >= 0) return SourceFormat.Pdf;
        if (content.AsSpan().StartsWith(Zip)) return DetectZip(content);
        if (content.AsSpan().StartsWith(Ole))
            throw new ReviewParseException(FailureKind.LegacyWord,
                "legacy Word (.doc) or password-protected Office file: open it in Word or LibreOffice and save it as .docx without a password");
        if (content.AsSpan().StartsWith(Rtf))
            throw new ReviewParseException(FailureKind.Unsupported, "Rich Text Format (.rtf) is not supported: save it as .docx or PDF");
        throw new ReviewParseException(FailureKind.Unsupported, "not a PDF or Word (.docx) file: supported formats are PDF and .docx");
    }

    /// <summary>The most a Word package may expand to: real reviews with images stay far below this.</summary>
    public const long MaxExpandedBytes = 512L * 1024 * 1024;

    private static SourceFormat DetectZip(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            // A zip bomb: parts that expand far beyond any real review. The sizes are the archive's own declarations;
            // the Open XML reader's per-part character limit stops a file that lies about them.
            long expanded = zip.Entries.Sum(e => e.Length);
            if (expanded > MaxExpandedBytes || (expanded > 50L * 1024 * 1024 && expanded > 100L * content.Length))
                throw new ReviewParseException(FailureKind.TooLarge, $"the Word file expands to {expanded / (1024.0 * 1024):0} MB from {content.Length / (1024.0 * 1024):0.#} MB: no real review does (a damaged or malicious file)");
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null)
                return ThrowNotWord(zip.Entries.Any(e => e.FullName == "mimetype") ? "an OpenDocument (.odt) or other zip package" : "a zip archive");
            using var reader = new StreamReader(types.Open());
            var xml = reader.ReadToEnd();
            if (xml.Contains(WordMainContentType, StringComparison.Ordinal) || xml.Contains(WordMacroContentType, StringComparison.Ordinal))
                return SourceFormat.Docx;
            return ThrowNotWord(xml.Contains("spreadsheetml", StringComparison.Ordinal) ? "an Excel workbook"
                : xml.Contains("presentationml", StringComparison.Ordinal) ? "a PowerPoint presentation" : "an Office package that is not a Word document");
        }
        catch (InvalidDataException ex)
        {
            throw new ReviewParseException(FailureKind.Corrupt, "the file is a damaged zip/Word package: download it again", ex);
        }
    }

    private static SourceFormat ThrowNotWord(string what) =>
        throw new ReviewParseException(FailureKind.NotWordProcessing, $"the file is {what}, not a Word document: save the review as .docx or PDF");
}
