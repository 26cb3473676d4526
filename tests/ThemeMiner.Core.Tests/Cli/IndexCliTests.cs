using System.Text.Json;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Tests.Indexing;

namespace ThemeMiner.Core.Tests.Cli;

public class IndexCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Inbox(params string[] samples)
    {
        var inbox = IndexSupport.TempFolder("cli-inbox");
        foreach (var s in samples) File.Copy(RepoPaths.CorpusFile(s), Path.Combine(inbox, Path.GetFileName(s)));
        return inbox;
    }

    [Fact]
    public void Index_then_search_and_stats_as_json_with_the_contract_fields()
    {
        var index = IndexSupport.TempFolder("cli-index");
        var inbox = Inbox("scr-child-j-wyeford-2009.pdf", "lcspr-child-l-ashcombe-2022.docx");
        var (exit, _, err) = Run("index", inbox, "--index", index);
        Assert.Equal(0, exit);
        Assert.Contains("2 added, 0 replaced, 0 unchanged, 0 failed", err);
        Assert.Contains("[2/2]", err);

        var (sExit, json, sErr) = Run("search", "was not brought", "--index", index, "--json", "--top", "3");
        Assert.Equal(0, sExit);
        Assert.Equal("", sErr);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() > 0);
        Assert.True(root.TryGetProperty("facets", out var facets));
        Assert.True(facets.TryGetProperty("theme", out _));
        var hit = root.GetProperty("hits")[0];
        foreach (var field in new[] { "passageId", "reviewId", "title", "headingPath", "sectionType", "paragraph", "pageStart", "pageEnd", "text", "highlight", "themes", "score" })
            Assert.True(hit.TryGetProperty(field, out _), field);
        Assert.StartsWith(hit.GetProperty("reviewId").GetString()!, hit.GetProperty("passageId").GetString());
        Assert.Contains("<mark>", hit.GetProperty("highlight").GetString());

        var (tExit, stats, _) = Run("stats", "--index", index, "--json");
        Assert.Equal(0, tExit);
        using var st = JsonDocument.Parse(stats);
        Assert.Equal(2, st.RootElement.GetProperty("reviews").GetInt32());
        Assert.Equal(IndexFields.SchemaVersion, st.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Single(st.RootElement.GetProperty("modelVersions").EnumerateArray());

        // Same files again: nothing changes, and stats are byte-for-byte the same.
        var (again, _, againErr) = Run("index", inbox, "--index", index);
        Assert.Equal(0, again);
        Assert.Contains("0 added, 0 replaced, 2 unchanged, 0 failed", againErr);
        Assert.Equal(stats, Run("stats", "--index", index, "--json").Out);
    }

    [Fact]
    public void Search_filters_from_the_command_line_and_human_output_cites_each_hit()
    {
        var index = IndexSupport.TempFolder("cli-index");
        Run("index", Inbox("scr-child-j-wyeford-2009.pdf", "lcspr-baby-r-saltergate-2023.pdf"), "--index", index);
        var (exit, output, _) = Run("search", "strategy discussion", "--index", index, "--section", "finding", "--from", "2020", "--top", "2");
        Assert.Equal(0, exit);
        Assert.Contains("passages in 1 reviews", output);
        Assert.Contains("Saltergate, 2023, paragraph ", output);
        Assert.Contains("[finding]", output);
        Assert.Contains("**", output); // the matched words are marked
        var (gExit, grouped, _) = Run("search", "child", "--index", index, "--group", "--json");
        Assert.Equal(0, gExit);
        using var doc = JsonDocument.Parse(grouped);
        Assert.Equal(2, doc.RootElement.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void Bad_search_input_exits_with_one_line()
    {
        var index = IndexSupport.TempFolder("cli-index");
        Run("index", Inbox("scr-child-j-wyeford-2009.pdf"), "--index", index);
        var (exit, output, err) = Run("search", "(dv OR neglect", "--index", index);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("error: a bracket '(' is not closed", err);
        Assert.Equal(1, Run("search", "dv", "--index", index, "--theme", "no-such-theme").Exit);
        Assert.Equal(1, Run("search", "dv", "--index", index, "--sort", "sideways").Exit);
        var (missing, _, missingErr) = Run("search", "dv", "--index", IndexSupport.TempFolder("empty"));
        Assert.Equal(2, missing);
        Assert.Contains("there is no index at", missingErr);
        Assert.Contains("thememiner index", missingErr);
    }

    [Fact]
    public void Broken_files_are_reported_and_the_rest_indexed_with_exit_2()
    {
        var index = IndexSupport.TempFolder("cli-index");
        var inbox = Inbox("scr-child-j-wyeford-2009.pdf", "broken/truncated.pdf", "broken/zero-bytes.pdf");
        var (exit, _, err) = Run("index", inbox, "--index", index);
        Assert.Equal(2, exit);
        Assert.Contains("1 added, 0 replaced, 0 unchanged, 2 failed", err);
        Assert.Contains("truncated.pdf: the PDF is truncated", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal(1, JsonDocument.Parse(Run("stats", "--index", index, "--json").Out).RootElement.GetProperty("reviews").GetInt32());
    }

    [Fact]
    public void A_second_writer_gets_one_line_saying_the_index_is_in_use()
    {
        var index = IndexSupport.TempFolder("cli-index");
        using var analyzer = IndexSupport.IndexAnalyzer();
        using var writer = ReviewIndexWriter.Open(index, analyzer);
        var (exit, _, err) = Run("index", RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf"), "--index", index);
        Assert.Equal(2, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("is in use by another ThemeMiner process", err);
    }

    [Fact]
    public void Delete_takes_an_id_or_a_unique_prefix()
    {
        var index = IndexSupport.TempFolder("cli-index");
        Run("index", Inbox("scr-child-j-wyeford-2009.pdf", "lcspr-child-k-rivenhall-2019.docx"), "--index", index);
        var hit = JsonDocument.Parse(Run("search", "Child J", "--index", index, "--json", "--top", "1").Out).RootElement.GetProperty("hits")[0];
        var id = hit.GetProperty("reviewId").GetString()!;
        Assert.Equal(2, Run("delete", "0000000000", "--index", index).Exit);
        var (exit, output, _) = Run("delete", id[..12], "--index", index);
        Assert.Equal(0, exit);
        Assert.Contains(id, output);
        Assert.Equal(1, JsonDocument.Parse(Run("stats", "--index", index, "--json").Out).RootElement.GetProperty("reviews").GetInt32());
        Assert.Equal(2, Run("delete", id, "--index", index).Exit);
    }

    [Fact]
    public void The_index_folder_comes_from_the_environment_when_not_given()
    {
        var index = IndexSupport.TempFolder("cli-env-index");
        var previous = Environment.GetEnvironmentVariable("ThemeMiner__IndexPath");
        try
        {
            Environment.SetEnvironmentVariable("ThemeMiner__IndexPath", index);
            Assert.Equal(0, Run("index", RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf")).Exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ThemeMiner__IndexPath", previous);
        }
        Assert.Equal(1, JsonDocument.Parse(Run("stats", "--index", index, "--json").Out).RootElement.GetProperty("reviews").GetInt32());
    }
}
