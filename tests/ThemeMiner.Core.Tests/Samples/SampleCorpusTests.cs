using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Samples;

namespace ThemeMiner.Core.Tests.Samples;

/// <summary>Every sample file is a test case: counts, page spans and text against the manifest and the sources.</summary>
public class SampleCorpusTests
{
    public static TheoryData<string> Files => SampleCorpusFixture.ReviewFiles();
    public static TheoryData<string, string> Broken => SampleCorpusFixture.BrokenFiles();

    [Fact]
    public void Corpus_has_the_promised_shape()
    {
        var reviews = SampleCorpusFixture.Reviews.ToList();
        Assert.True(reviews.Count >= 14);
        Assert.True(reviews.Count(r => r.GetProperty("format").GetString() == "pdf") >= 7);
        Assert.True(reviews.Count(r => r.GetProperty("format").GetString() == "docx") >= 5);
        foreach (var feature in new[] { "two-column", "coversheet", "tracked-changes", "numbered-list", "tables" })
            Assert.Contains(reviews, r => r.GetProperty("features").EnumerateArray().Any(f => f.GetString() == feature));
        foreach (var r in reviews.Where(r => r.GetProperty("pages").ValueKind == JsonValueKind.Number))
            Assert.InRange(r.GetProperty("pages").GetInt32(), 8, 40);
        var themes = reviews.SelectMany(r => r.GetProperty("themes").EnumerateArray().Select(t => t.GetString())).Distinct().Count();
        Assert.Equal(30, themes);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_to_the_manifest_counts(string file)
    {
        var review = SampleCorpusFixture.Review(file, out var m);
        Assert.Equal(m.GetProperty("format").GetString(), Names.Of(review.Format));
        Assert.Equal(m.GetProperty("pageProvenance").GetString(), Names.Of(review.PageProvenance));
        int? pages = m.GetProperty("pages").ValueKind == JsonValueKind.Number ? m.GetProperty("pages").GetInt32() : null;
        Assert.Equal(pages, review.PageCount);
        Assert.Equal(m.GetProperty("sections").GetInt32(), review.Sections.Count);
        var numbered = review.Passages.Where(p => p.Paragraph is not null && p.Part <= 1).ToList();
        Assert.Equal(m.GetProperty("numberedParagraphs").GetInt32(), numbered.Count);
        Assert.Equal(m.GetProperty("footnotes").GetInt32(), review.Passages.Count(p => p.Kind == PassageKind.Footnote));
        // Word tables are table passages; PDF tables have no structure to recover and arrive as row text.
        if (review.Format == SourceFormat.Docx)
            Assert.Equal(m.GetProperty("tables").GetInt32(), review.Passages.Where(p => p.Kind == PassageKind.Table).Select(p => p.Ordinal - p.Part).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Numbered_paragraphs_keep_their_number_order_and_pages(string file)
    {
        var review = SampleCorpusFixture.Review(file, out var m);
        var expected = m.GetProperty("paragraphs").EnumerateArray()
            .Select(p => (Number: p.GetProperty("number").GetString()!, Start: Int(p.GetProperty("pageStart")), End: Int(p.GetProperty("pageEnd"))))
            .ToList();
        var actual = review.Passages.Where(p => p.Paragraph is not null && p.Part <= 1).Select(p => (Number: p.Paragraph!, Start: p.PageStart, End: EndOf(review, p))).ToList();
        Assert.Equal(expected.Select(e => e.Number), actual.Select(a => a.Number));
        Assert.Equal(expected, actual);
    }

    private static int? EndOf(ParsedReview r, Passage p) =>
        p.Part == 0 ? p.PageEnd : r.Passages.Where(q => q.Paragraph == p.Paragraph && q.Part > 0 && q.Ordinal >= p.Ordinal).Max(q => q.PageEnd);

    private static int? Int(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;

    [Theory]
    [MemberData(nameof(Files))]
    public void Numbered_paragraph_text_is_the_source_text(string file)
    {
        var review = SampleCorpusFixture.Review(file, out var m);
        var source = SampleSource.Load(Path.Combine(RepoPaths.Corpus, m.GetProperty("source").GetString()!));
        var byNumber = review.Passages.Where(p => p.Paragraph is not null)
            .GroupBy(p => p.Paragraph!)
            .ToDictionary(g => g.Key, g => string.Join(' ', g.OrderBy(p => p.Ordinal).Select(p => p.Text)).Split("\n•")[0]);
        int exact = 0, hyphenOnly = 0, total = 0;
        var failures = new List<string>();
        foreach (var el in source.Body.Where(e => e.Kind == SourceElementKind.Paragraph && e.Number is not null))
        {
            total++;
            var want = SampleSource.Accepted(el.Text);
            if (review.Format == SourceFormat.Pdf) want = PdfSampleRenderer.PdfText(want, ligatures: false);
            var got = Regex.Replace(byNumber.GetValueOrDefault(el.Number!, ""), @"\s+", " ").Trim();
            if (got == want) exact++;
            else if (got.Replace("-", "") == want.Replace("-", "")) hyphenOnly++;
            else failures.Add($"{el.Number}: want «{want[..Math.Min(80, want.Length)]}» got «{got[..Math.Min(80, got.Length)]}»");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // A compound broken at a line end ("case-" + "workers") is ambiguous; allow at most 1% of paragraphs to differ by a hyphen.
        Assert.True(hyphenOnly <= Math.Max(1, total / 100), $"{hyphenOnly} of {total} paragraphs differ by a hyphen");
        Assert.True(exact + hyphenOnly == total);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_running_header_footer_or_page_number_text_in_passages(string file)
    {
        var review = SampleCorpusFixture.Review(file, out var m);
        var expected = m.GetProperty("expected");
        var header = $"{expected.GetProperty("partnership").GetString()}: {expected.GetProperty("title").GetString()}";
        foreach (var p in review.Passages)
        {
            Assert.DoesNotContain(header, p.Text);
            Assert.DoesNotMatch(@"Page \d+ of \d+", p.Text);
            Assert.DoesNotMatch(@"(^|\n)- \d+ -($|\n)", p.Text);
            Assert.DoesNotContain("Final report for publication", p.Text);
            Assert.DoesNotContain("| OFFICIAL", p.Text);
            Assert.DoesNotMatch(@"\w- \w", Regex.Replace(p.Text, @"\b(and|or|to)\b", "")); // no unrepaired line-end hyphenation ("assess- ment")
            Assert.DoesNotContain('\uFB01', p.Text);
            Assert.DoesNotContain('\uFB02', p.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_files_get_their_status_and_a_one_line_reason(string file, string failure)
    {
        var result = SampleCorpusFixture.Parse(file);
        Assert.Equal(ParseStatus.Error, result.Status);
        Assert.Null(result.Review);
        Assert.Equal(failure, Names.Of(result.Failure!.Value));
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.DoesNotContain('\n', result.Error);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace
    }

    [Fact]
    public void Metadata_extraction_gets_the_stated_fields_right()
    {
        int stated = 0, right = 0;
        var wrong = new List<string>();
        foreach (var m in SampleCorpusFixture.Reviews)
        {
            var file = m.GetProperty("file").GetString()!;
            var meta = SampleCorpusFixture.Review(file, out _).Metadata;
            foreach (var field in m.GetProperty("expected").EnumerateObject())
            {
                var want = field.Value.GetString() ?? "";
                if (want.Length == 0) continue;
                stated++;
                var got = Field(meta, field.Name);
                if (Same(field.Name, want, got)) right++;
                else wrong.Add($"{file} {field.Name}: want '{want}' got '{got}'");
            }
        }
        double accuracy = right / (double)stated;
        Assert.True(accuracy >= 0.95, $"metadata accuracy {right}/{stated} = {accuracy:P1}\n{string.Join("\n", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Core_metadata_fields_match_the_manifest(string file)
    {
        var meta = SampleCorpusFixture.Review(file, out var m).Metadata;
        var e = m.GetProperty("expected");
        foreach (var field in new[] { "title", "reviewType", "reportKind", "partnership", "year", "children", "ageBand", "outcome" })
            Assert.True(Same(field, e.GetProperty(field).GetString()!, Field(meta, field)), $"{field}: want '{e.GetProperty(field).GetString()}' got '{Field(meta, field)}'");
    }

    internal static string Field(ReviewMetadata m, string name) => name switch
    {
        "title" => m.Title ?? "",
        "reviewType" => m.ReviewType is { } t ? Names.Of(t) : "",
        "reportKind" => m.ReportKind is { } k ? Names.Of(k) : "",
        "partnership" => m.Partnership ?? "",
        "year" => m.PublicationYear?.ToString(CultureInfo.InvariantCulture) ?? "",
        "children" => string.Join("; ", m.Children ?? []),
        "ageBand" => m.AgeBand is { } a ? Names.Of(a) : "",
        "sex" => m.Sex is { } s ? Names.Of(s) : "",
        "outcome" => m.Outcome is { } o ? Names.Of(o) : "",
        "harm" => string.Join("; ", (m.Harm ?? []).Select(Names.Of)),
        "methodology" => m.Methodology is { } me ? Names.Of(me) : "",
        _ => throw new ArgumentException(name),
    };

    internal static bool Same(string field, string want, string got)
    {
        static string Norm(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        static string[] Items(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return field switch
        {
            "harm" => Items(want).Order().SequenceEqual(Items(got).Order()),
            "children" => Items(want).SequenceEqual(Items(got)),
            _ => Norm(want) == Norm(got),
        };
    }

    [Fact]
    public void Rendering_the_sources_reproduces_the_committed_files_byte_for_byte()
    {
        foreach (var m in SampleCorpusFixture.Reviews)
        {
            var source = SampleSource.Load(Path.Combine(RepoPaths.Corpus, m.GetProperty("source").GetString()!));
            var rendered = SampleCorpus.Render(source);
            var committed = File.ReadAllBytes(RepoPaths.CorpusFile(m.GetProperty("file").GetString()!));
            Assert.True(rendered.Bytes.AsSpan().SequenceEqual(committed), $"{source.OutputFile} differs from a fresh render: run 'thememiner sample render' and commit");
        }
    }
}
