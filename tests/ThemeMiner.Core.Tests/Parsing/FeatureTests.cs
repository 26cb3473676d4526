using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;
using ThemeMiner.Core.Pipeline;

namespace ThemeMiner.Core.Tests.Parsing;

/// <summary>Hand-checked spots in the sample files (checked against pdftotext output and the sources by eye).</summary>
public class FeatureTests
{
    private static ParsedReview R(string file) => SampleCorpusFixture.Review(file, out _);

    [Fact]
    public void Paragraph_running_across_a_page_break_is_one_passage_with_both_pages()
    {
        // Northbridge 1.6 starts at the foot of page 2 ("...to identify") and ends on page 3 ("clearly what those lessons are").
        var p = R("scr-child-a-northbridge-2012.pdf").Passages.Single(x => x.Paragraph == "1.6");
        Assert.Equal((2, 3), (p.PageStart!.Value, p.PageEnd!.Value));
        Assert.Contains("to identify clearly what those lessons are", p.Text);
        var first = R("scr-child-a-northbridge-2012.pdf").Passages.Single(x => x.Paragraph == "1.1");
        Assert.Equal((2, 2), (first.PageStart!.Value, first.PageEnd!.Value));
        Assert.StartsWith("This overview report has been prepared for Northbridge", first.Text);
    }

    [Fact]
    public void Two_column_pages_are_read_column_by_column()
    {
        var review = R("scr-family-t-kelmouth-2015.pdf");
        var p = review.Passages.Single(x => x.Paragraph == "1.2");
        Assert.StartsWith("In February 2014 Child T1, a boy then aged two", p.Text);
        // Paragraph 1.4 ends at the foot of the left column; 2.1 starts under a heading in the right column.
        var order = review.Passages.Where(x => x.Paragraph is not null).Select(x => x.Paragraph).ToList();
        Assert.True(order.IndexOf("1.4") < order.IndexOf("2.1"));
        var methodology = review.Sections.Single(s => s.Heading == "2. The review methodology");
        Assert.Equal(2, methodology.PageStart);
    }

    [Fact]
    public void Repository_coversheet_is_dropped()
    {
        var review = R("scr-child-d-harrowfield-2010.pdf");
        Assert.Contains(review.Issues, i => i.Code == "coversheet-dropped" && i.Page == 1);
        Assert.DoesNotContain(review.Passages, p => p.Text.Contains("deposited in the national case review library", StringComparison.Ordinal));
        var title = review.Passages[0];
        Assert.Equal(PassageKind.TitlePage, title.Kind);
        Assert.Equal(2, title.PageStart);
        Assert.Equal("Serious Case Review: Child D", review.Title);
    }

    [Fact]
    public void Headings_come_from_the_pdf_outline_with_their_levels()
    {
        var review = R("scr-child-a-northbridge-2012.pdf");
        Assert.Contains(review.Sections, s => s.Heading == "1. Introduction" && s.Level == 1 && s.SectionType == SectionType.Summary);
        Assert.Contains(review.Sections, s => s.Heading.StartsWith("4.3 The bruised ear", StringComparison.Ordinal) && s.Level == 2 && s.SectionType == SectionType.Chronology);
        var p = review.Passages.First(x => x.Paragraph == "4.3.1" || x.HeadingPath.Count == 2 && x.HeadingPath[1].StartsWith("4.3", StringComparison.Ordinal));
        Assert.Equal("4. Summary of key events", p.HeadingPath[0]);
    }

    [Fact]
    public void Tracked_changes_are_read_as_accepted()
    {
        var review = R("lcspr-child-l-ashcombe-2022.docx");
        var all = string.Join("\n", review.Passages.Select(p => p.Text));
        Assert.Contains("On 19 April 2021", all);
        Assert.DoesNotContain("On 12 April 2021", all);
        Assert.DoesNotContain("{+", all);
        Assert.DoesNotContain("{-", all);
    }

    [Fact]
    public void Word_rendered_page_breaks_give_approximate_pages_and_otherwise_pages_are_null()
    {
        var withBreaks = R("lcspr-child-l-ashcombe-2022.docx");
        Assert.Equal(PageProvenance.Approximate, withBreaks.PageProvenance);
        Assert.All(withBreaks.Passages, p => Assert.NotNull(p.PageStart));
        var without = R("scr-child-s-denholm-2017.docx");
        Assert.Equal(PageProvenance.Unknown, without.PageProvenance);
        Assert.Null(without.PageCount);
        Assert.All(without.Passages, p => { Assert.Null(p.PageStart); Assert.Null(p.PageEnd); });
    }

    [Fact]
    public void Word_list_numbering_becomes_the_displayed_paragraph_number()
    {
        var review = R("lcspr-child-p-millbrook-2020.docx");
        var numbers = review.Passages.Where(p => p.Paragraph is not null).Select(p => p.Paragraph).ToList();
        Assert.Equal("1.1", numbers[0]);
        Assert.Contains("6.18", numbers);
        Assert.Contains(review.Sections, s => s.Heading.StartsWith("6. ", StringComparison.Ordinal) && s.Number == "6");
        // The number is not repeated inside the text.
        var p61 = review.Passages.Single(p => p.Paragraph == "6.1");
        Assert.False(char.IsDigit(p61.Text[0]));
    }

    [Fact]
    public void Tables_are_text_rows_and_footnotes_are_separate_passages()
    {
        var review = R("scr-child-s-denholm-2017.docx");
        var table = review.Passages.First(p => p.Kind == PassageKind.Table);
        Assert.StartsWith("Agency | Period | Nature of involvement\n", table.Text);
        Assert.Contains("Denholm MASH (children's social care and police) | January 2015 |", table.Text);
        var footnotes = review.Passages.Where(p => p.Kind == PassageKind.Footnote).ToList();
        Assert.Equal(4, footnotes.Count);
        Assert.All(footnotes, f => Assert.Null(f.Paragraph));
        // Headers and footers of the Word file are not passages.
        Assert.DoesNotContain(review.Passages, p => p.Text.StartsWith("Denholm Safeguarding Children Board: Serious Case Review", StringComparison.Ordinal));
    }

    [Fact]
    public void Ligatures_are_normalised()
    {
        var review = R("scr-child-h-oakdene-2014.pdf");
        var all = string.Join("\n", review.Passages.Select(p => p.Text));
        Assert.Contains("fi", all);
        Assert.DoesNotContain("\uFB01", all);
        Assert.DoesNotContain("\uFB02", all);
    }

    [Fact]
    public void Passage_ids_are_review_id_and_ordinal_and_review_id_is_the_content_hash()
    {
        var path = RepoPaths.CorpusFile("scr-child-j-wyeford-2009.pdf");
        var review = R("scr-child-j-wyeford-2009.pdf");
        Assert.Equal(ReviewParser.ReviewId(File.ReadAllBytes(path)), review.Id);
        Assert.Equal(64, review.Id.Length);
        for (int i = 0; i < review.Passages.Count; i++)
        {
            Assert.Equal(i + 1, review.Passages[i].Ordinal);
            Assert.Equal($"{review.Id}:{i + 1:D4}", review.Passages[i].Id);
        }
        var again = new ReviewParser().ParseFile(path).Review!;
        Assert.Equal(review.Passages.Select(p => p.Id), again.Passages.Select(p => p.Id));
    }

    [Fact]
    public void Section_types_follow_the_report_structure()
    {
        var review = R("lcspr-baby-r-saltergate-2023.pdf");
        Assert.Contains(review.Passages, p => p.SectionType == SectionType.Finding);
        Assert.Contains(review.Passages, p => p.SectionType == SectionType.Recommendation);
        Assert.Contains(review.Passages, p => p.SectionType == SectionType.Chronology);
        Assert.Contains(review.Passages, p => p.SectionType == SectionType.Analysis);
        Assert.All(review.Passages.Where(p => p.HeadingPath.Count > 0 && p.HeadingPath[0].Contains("Recommendations", StringComparison.Ordinal)),
            p => Assert.Equal(SectionType.Recommendation, p.SectionType));
    }

    [Fact]
    public void Limits_reject_files_with_a_reason()
    {
        var path = RepoPaths.CorpusFile("scr-child-a-northbridge-2012.pdf");
        var pages = new ReviewParser(new ParseLimits { MaxPages = 5 }).ParseFile(path);
        Assert.Equal(FailureKind.TooManyPages, pages.Failure);
        Assert.Contains("--max-pages", pages.Error);
        var size = new ReviewParser(new ParseLimits { MaxFileBytes = 1000 }).ParseFile(path);
        Assert.Equal(FailureKind.TooLarge, size.Failure);
        var time = new ReviewParser(new ParseLimits { PerFileTimeout = TimeSpan.FromMilliseconds(1) }).ParseFile(path);
        Assert.True(time.Failure == FailureKind.Timeout, $"{time.Status} {time.Failure} {time.Error}");
        Assert.Contains("--timeout", time.Error);
        var missing = new ReviewParser().ParseFile(Path.Combine(RepoPaths.Corpus, "no-such-review.pdf"));
        Assert.Equal(FailureKind.Unreadable, missing.Failure);
    }

    [Fact]
    public void Long_paragraphs_split_at_sentences_keep_their_number_and_pages()
    {
        var reviews = SampleCorpusFixture.Reviews.Select(r => R(r.GetProperty("file").GetString()!));
        foreach (var review in reviews)
            foreach (var p in review.Passages)
            {
                Assert.InRange(p.WordCount, 1, 400);
                if (p.Part > 0) Assert.NotEqual(PassageKind.Footnote, p.Kind);
            }
    }
}
