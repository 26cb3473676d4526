using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThemeMiner.Core.Samples;

/// <summary>
/// Builds corpus-sample/: renders every source in sources/ to its PDF or Word file, writes the broken files,
/// and writes manifest.json with what each file must parse to (metadata from the source header; pages,
/// sections, numbered paragraphs and each numbered paragraph's pages from the renderer's own layout).
/// </summary>
public sealed class SampleCorpus(string corpusDir)
{
    public string SourcesDir => Path.Combine(corpusDir, "sources");
    public string BrokenDir => Path.Combine(corpusDir, "broken");
    public string ManifestPath => Path.Combine(corpusDir, "manifest.json");

    public static RenderResult Render(SampleSource source) => source.Format switch
    {
        "pdf" => new PdfSampleRenderer(source).Render(),
        "docx" => new DocxSampleRenderer(source).Render(),
        _ => throw new FormatException($"{source.SourcePath}: unknown format '{source.Format}' (pdf or docx)"),
    };

    public IReadOnlyList<SampleSource> LoadSources() =>
        Directory.EnumerateFiles(SourcesDir, "*.txt").Order(StringComparer.Ordinal).Select(SampleSource.Load).ToList();

    /// <summary>Renders everything; returns one line per file written.</summary>
    public IReadOnlyList<string> Build(Action<string>? progress = null)
    {
        var log = new List<string>();
        var reviews = new JsonArray();
        RenderResult? firstPdf = null;
        foreach (var src in LoadSources())
        {
            var result = Render(src);
            var path = Path.Combine(corpusDir, src.OutputFile);
            WriteIfChanged(path, result.Bytes);
            if (src.Format == "pdf" && firstPdf is null) firstPdf = result;
            var numbered = WithListsJoined(result.Spans).Where(s => s.Kind == "paragraph" && s.Number is not null).ToList();
            var entry = new JsonObject
            {
                ["file"] = src.OutputFile,
                ["source"] = "sources/" + Path.GetFileName(src.SourcePath),
                ["format"] = src.Format,
                ["features"] = new JsonArray(src.Features.Order(StringComparer.Ordinal).Select(f => (JsonNode)f).ToArray()),
                ["pages"] = result.Pages,
                ["pageProvenance"] = src.Format == "pdf" ? "exact" : result.Pages is null ? "unknown" : "approximate",
                ["sections"] = result.Spans.Count(s => s.Kind == "heading"),
                ["numberedParagraphs"] = numbered.Count,
                ["footnotes"] = src.Has("footnotes") ? src.Footnotes.Count : 0,
                ["tables"] = result.Spans.Count(s => s.Kind == "table"),
                ["expected"] = new JsonObject(src.Expected.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["themes"] = new JsonArray(src.Themes.Select(t => (JsonNode)t).ToArray()),
                ["paragraphs"] = new JsonArray(numbered.Select(s => (JsonNode)new JsonObject
                {
                    ["number"] = s.Number,
                    ["pageStart"] = s.PageStart,
                    ["pageEnd"] = s.PageEnd,
                }).ToArray()),
            };
            reviews.Add(entry);
            var line = $"{src.OutputFile}: {result.Pages?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} pages, {numbered.Count} numbered paragraphs";
            log.Add(line);
            progress?.Invoke(line);
        }
        var broken = BuildBroken(firstPdf ?? throw new InvalidOperationException("no PDF sample to derive broken files from"), log);
        var manifest = new JsonObject
        {
            ["about"] = "Ground truth for the sample corpus, written by 'thememiner sample render' from sources/*.txt. Pages and paragraph spans come from the renderer's layout; expected metadata from each source's header.",
            ["reviews"] = reviews,
            ["broken"] = broken,
        };
        var json = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        WriteIfChanged(ManifestPath, System.Text.Encoding.UTF8.GetBytes(json + "\n"));
        log.Add("manifest.json");
        return log;
    }

    /// <summary>A paragraph that ends in a lead-in (":") and is followed by bullets is one passage with them
    /// (the segmenter's documented rule), so its page span runs to the last bullet.</summary>
    private static List<RenderedSpan> WithListsJoined(IReadOnlyList<RenderedSpan> spans)
    {
        var result = new List<RenderedSpan>(spans.Count);
        for (int i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (s.Kind == "paragraph" && s.Text.TrimEnd().EndsWith(':'))
            {
                int j = i + 1;
                while (j < spans.Count && spans[j].Kind == "bullet") j++;
                if (j > i + 1) s = s with { PageEnd = spans[j - 1].PageEnd };
            }
            result.Add(s);
        }
        return result;
    }

    private JsonArray BuildBroken(RenderResult pdf, List<string> log)
    {
        Directory.CreateDirectory(BrokenDir);
        var items = new JsonArray();
        void Add(string name, byte[]? bytes, string failure, string what)
        {
            var path = Path.Combine(BrokenDir, name);
            if (bytes is not null) WriteIfChanged(path, bytes);
            if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing and cannot be made on this machine ({what})");
            items.Add(new JsonObject { ["file"] = "broken/" + name, ["status"] = "error", ["failure"] = failure, ["what"] = what });
            log.Add("broken/" + name);
        }
        Add("zero-bytes.pdf", [], "empty", "a zero-byte file");
        Add("truncated.pdf", pdf.Bytes[..(pdf.Bytes.Length * 2 / 5)], "corrupt", "the first 40% of a sample PDF");
        Add("encrypted.pdf", Encrypt(pdf.Bytes), "encrypted", "a sample PDF encrypted with a user password (qpdf)");
        Add("zip-renamed.docx", ZipNotWord(), "not-word-processing", "a plain zip archive named .docx");
        Add("legacy.doc", LegacyDoc(), "legacy-word", "an OLE compound file, as legacy Word .doc files are");
        Add("image-only.pdf", ImageOnly(pdf.Bytes), "needs-ocr", "two sample pages rasterised to images with no text layer");
        Add("random-bytes.pdf", RandomBytes(), "unsupported-format", "4 KB of random bytes named .pdf");
        Add("spreadsheet-renamed.docx", Spreadsheet(), "not-word-processing", "an Excel workbook package named .docx");
        return items;
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] RandomBytes()
    {
        var rng = new Random(20121107);
        var bytes = new byte[4096];
        rng.NextBytes(bytes);
        bytes[0] = 0x7F; // never a real magic number by chance
        return bytes;
    }

    private static byte[] ZipNotWord()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            foreach (var (name, text) in new[] { ("notes/agenda.txt", "Review panel agenda: 1. Apologies 2. Chronology 3. Next steps"), ("notes/contacts.txt", "Panel contacts list") })
            {
                var e = zip.CreateEntry(name);
                e.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var w = new StreamWriter(e.Open());
                w.Write(text);
            }
        }
        return ms.ToArray();
    }

    private static byte[] Spreadsheet()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            var e = zip.CreateEntry("[Content_Types].xml");
            e.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var w = new StreamWriter(e.Open());
            w.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>");
        }
        return ms.ToArray();
    }

    private static byte[] LegacyDoc()
    {
        // The OLE2 compound-file header that .doc files start with, then a sector of zeros and some text.
        var bytes = new byte[2048];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        bytes[0x18] = 0x3E; bytes[0x1A] = 0x03; bytes[0x1C] = 0xFE; bytes[0x1D] = 0xFF; bytes[0x1E] = 0x09;
        System.Text.Encoding.ASCII.GetBytes("Serious Case Review - Child Q - draft overview report").CopyTo(bytes, 1024);
        return bytes;
    }

    private static byte[]? Encrypt(byte[] pdf)
    {
        if (!Tool("qpdf")) return null;
        var dir = Directory.CreateTempSubdirectory("tm-enc");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            var output = Path.Combine(dir.FullName, "out.pdf");
            File.WriteAllBytes(input, pdf);
            Run("qpdf", "--static-id", "--encrypt", "reader", "owner", "256", "--", input, output);
            return File.ReadAllBytes(output);
        }
        finally { dir.Delete(true); }
    }

    private static byte[]? ImageOnly(byte[] pdf)
    {
        if (!Tool("pdftoppm")) return null;
        var dir = Directory.CreateTempSubdirectory("tm-img");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            Run("pdftoppm", "-f", "2", "-l", "3", "-r", "60", "-gray", "-png", input, Path.Combine(dir.FullName, "page"));
            var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
            foreach (var png in Directory.EnumerateFiles(dir.FullName, "page*.png").Order(StringComparer.Ordinal))
            {
                var page = builder.AddPage(595, 842);
                page.AddPng(File.ReadAllBytes(png), new UglyToad.PdfPig.Core.PdfRectangle(0, 0, 595, 842));
            }
            return builder.Build();
        }
        finally { dir.Delete(true); }
    }

    private static bool Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit(60_000);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {p.StandardError.ReadToEnd()}");
    }
}
