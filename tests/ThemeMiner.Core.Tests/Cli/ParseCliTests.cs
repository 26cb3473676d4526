using System.Text.Json;
using ThemeMiner.Indexer;

namespace ThemeMiner.Core.Tests.Cli;

public class ParseCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Parse_prints_the_review_as_json_with_the_contract_fields()
    {
        var (exit, output, err) = Run("parse", RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf"));
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        foreach (var field in new[] { "id", "source", "format", "title", "metadata", "pageCount", "pageProvenance", "sections", "passages", "issues" })
            Assert.True(root.TryGetProperty(field, out _), field);
        Assert.Equal("pdf", root.GetProperty("format").GetString());
        Assert.Equal("2009", root.GetProperty("metadata").GetProperty("publicationYear").GetRawText());
        var passage = root.GetProperty("passages")[3];
        foreach (var field in new[] { "id", "headingPath", "sectionType", "paragraph", "pageStart", "pageEnd", "text" })
            Assert.True(passage.TryGetProperty(field, out _), field);
        Assert.Contains(root.GetProperty("passages").EnumerateArray(), p => p.GetProperty("paragraph").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void A_rejected_file_exits_2_with_one_line_and_no_stack_trace()
    {
        var file = RepoPaths.CorpusFile("broken/encrypted.pdf");
        var (exit, output, err) = Run("parse", file);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {file}: the PDF is password-protected: ask the publisher for an unprotected copy", err.TrimEnd());
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Jsonl_over_a_folder_writes_one_line_per_file_in_order_and_exits_2_on_failures()
    {
        var (exit, output, err) = Run("parse", "--jsonl", RepoPaths.Corpus);
        Assert.Equal(2, exit);
        var lines = output.TrimEnd().Split('\n');
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var broken = SampleCorpusFixture.Manifest.GetProperty("broken").GetArrayLength();
        var reviews = SampleCorpusFixture.Manifest.GetProperty("reviews").GetArrayLength();
        Assert.Equal(broken + reviews, docs.Count);
        Assert.Equal(broken, docs.Count(d => d.GetProperty("status").GetString() == "error"));
        Assert.All(docs.Where(d => d.GetProperty("status").GetString() == "error"), d => Assert.False(string.IsNullOrEmpty(d.GetProperty("error").GetString())));
        var sources = docs.Select(d => d.GetProperty("source").GetString()!).ToList();
        Assert.Equal(sources.Order(StringComparer.Ordinal), sources);
        Assert.Contains($"{broken + reviews} files: {reviews} ok, {broken} failed", err);
    }

    [Fact]
    public void Jsonl_of_good_files_exits_0_and_missing_paths_are_error_lines()
    {
        var good = RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx");
        Assert.Equal(0, Run("parse", "--jsonl", good).Exit);
        var (exit, output, _) = Run("parse", "--jsonl", good, Path.Combine(RepoPaths.Corpus, "missing.pdf"));
        Assert.Equal(2, exit);
        Assert.Contains("\"status\":\"error\"", output);
    }

    [Fact]
    public void Usage_errors_exit_1()
    {
        Assert.Equal(1, Run("parse").Exit);
        Assert.Equal(1, Run("parse", "a.pdf", "b.pdf").Exit);
        Assert.Equal(1, Run("no-such-verb").Exit);
    }
}
