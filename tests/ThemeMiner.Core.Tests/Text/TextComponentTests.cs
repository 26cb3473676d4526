using ThemeMiner.Core.Metadata;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;
using ThemeMiner.Core.Parsing.Pdf;
using ThemeMiner.Core.Segmentation;
using ThemeMiner.Core.Text;

namespace ThemeMiner.Core.Tests.Text;

public class DehyphenatorTests
{
    [Theory]
    [InlineData(new[] { "the assess-", "ment was not updated" }, "the assessment was not updated")]
    [InlineData(new[] { "a pre-", "birth assessment" }, "a pre-birth assessment")]             // prefix English hyphenates
    [InlineData(new[] { "the SCIE-", "accredited reviewers" }, "the SCIE-accredited reviewers")] // acronyms are never broken
    [InlineData(new[] { "ends with a dash -", "and goes on" }, "ends with a dash - and goes on")]
    [InlineData(new[] { "Capital-", "Letter follows" }, "Capital- Letter follows")]              // not a lower-case continuation
    [InlineData(new[] { "  spaced  ", "", "lines " }, "spaced lines")]
    public void Joins_lines_repairing_hyphenation(string[] lines, string expected) =>
        Assert.Equal(expected, Dehyphenator.Empty.JoinLines(lines));

    [Fact]
    public void The_documents_own_vocabulary_decides()
    {
        var vocab = Dehyphenator.BuildVocabulary(["the intervention was planned", "a twelve-month review", "inter-agency work"]);
        var d = new Dehyphenator(vocab);
        Assert.Equal("an intervention", d.JoinLines(["an inter-", "vention"]));   // joined form seen elsewhere
        Assert.Equal("the twelve-month plan", d.JoinLines(["the twelve-", "month plan"])); // hyphenated form seen elsewhere
        Assert.Equal("good inter-agency", d.JoinLines(["good inter-", "agency"]));
    }

    [Fact]
    public void Vocabulary_ignores_words_broken_at_line_ends() =>
        Assert.DoesNotContain("assess-", Dehyphenator.BuildVocabulary(["the assess-", "ment"]));
}

public class TextCleanerTests
{
    [Theory]
    [InlineData("signi\uFB01cant \uFB02at o\uFB03ce sta\uFB00", "significant flat office staff")]
    [InlineData("e\uFB03cient ba\uFB04ing", "efficient baffling")]
    [InlineData("soft\u00ADhyphen zero\u200Bwidth", "softhyphen zerowidth")]
    [InlineData("non\u00A0breaking   spaces\t\tand tabs", "non breaking spaces and tabs")]
    [InlineData("  trimmed  ", "trimmed")]
    public void Normalises_ligatures_and_spaces(string input, string expected) => Assert.Equal(expected, TextCleaner.Normalise(input));
}

public class ParagraphNumberingTests
{
    [Theory]
    [InlineData("5.3.2 The health visitor", "5.3.2", "The health visitor")]
    [InlineData("12. Mother told the review", "12", "Mother told the review")]
    [InlineData("4.1. Agencies", "4.1", "Agencies")]
    [InlineData("1.1 This review", "1.1", "This review")]
    [InlineData("3) “The plan", "3", "“The plan")]
    public void Splits_paragraph_numbers(string text, string number, string rest)
    {
        Assert.True(ParagraphNumbering.TrySplit(text, out var n, out var r));
        Assert.Equal(number, n);
        Assert.Equal(rest, r);
    }

    [Theory]
    [InlineData("2015 was the year the family moved")]
    [InlineData("1.5 million children live in poverty")]
    [InlineData("3. and then")]
    [InlineData("The 4.2 version")]
    [InlineData("2.5 hours later the ambulance arrived")]
    public void Does_not_take_quantities_or_years_for_numbers(string text) => Assert.False(ParagraphNumbering.TrySplit(text, out _, out _));

    [Theory]
    [InlineData("5", 1)]
    [InlineData("5.3", 2)]
    [InlineData("5.3.2", 3)]
    public void Depth_counts_levels(string number, int depth) => Assert.Equal(depth, ParagraphNumbering.Depth(number));
}

public class RunningTextDetectorTests
{
    private static PdfLine Line(int page, string text, bool top = false, bool bottom = false, double y = 400) =>
        new(page, text, 72, 300, y, 10, false, 0, top, bottom);

    [Theory]
    [InlineData("Page 3 of 40", true)]
    [InlineData("Page 12", true)]
    [InlineData("- 7 -", true)]
    [InlineData("14", true)]
    [InlineData("xii", true)]
    [InlineData("3 / 20", true)]
    [InlineData("Section 3 of the report", false)]
    [InlineData("Child A", false)]
    public void Recognises_page_numbers(string text, bool expected) => Assert.Equal(expected, RunningTextDetector.IsPageNumber(text));

    [Fact]
    public void Key_ignores_digits_and_case() =>
        Assert.Equal(RunningTextDetector.Key("Page 3 of 40"), RunningTextDetector.Key("PAGE 17  of 40"));

    [Fact]
    public void Removes_repeated_zone_lines_and_page_numbers_but_keeps_body_text()
    {
        var lines = new List<PdfLine>();
        for (int p = 1; p <= 6; p++)
        {
            lines.Add(Line(p, "Westmarsh Safeguarding Children Board: Child B", top: true, y: 800));
            lines.Add(Line(p, $"Body text unique to page {p} about the health visitor's visit on day {p * 3}"));
            lines.Add(Line(p, "The review found that the plan drifted.")); // repeated body sentence, too long? no: 7 words, but not in a zone
            lines.Add(Line(p, $"{p}", bottom: true, y: 40));
        }
        lines.Add(Line(3, "Unique heading in the top zone", top: true, y: 800));
        var removed = RunningTextDetector.Detect(lines, 6);
        Assert.All(lines.Where(l => l.InTopZone && l.Text.StartsWith("Westmarsh", StringComparison.Ordinal)), l => Assert.Contains(l, removed));
        Assert.All(lines.Where(l => l.InBottomZone), l => Assert.Contains(l, removed));
        Assert.DoesNotContain(lines.Single(l => l.Text == "Unique heading in the top zone"), removed);
        Assert.DoesNotContain(lines.First(l => l.Text.StartsWith("Body text", StringComparison.Ordinal)), removed);
    }
}

public class PageLayoutTests
{
    private static List<Glyph> Words(double x, double y, string text, double size = 10)
    {
        var glyphs = new List<Glyph>();
        foreach (var ch in text)
        {
            glyphs.Add(new Glyph(ch.ToString(), x, x + size * 0.5, y, size, false));
            x += size * 0.5;
        }
        return glyphs;
    }

    [Fact]
    public void Two_columns_are_read_left_column_first()
    {
        var glyphs = new List<Glyph>();
        for (int i = 0; i < 20; i++)
        {
            glyphs.AddRange(Words(72, 700 - i * 14, $"left line {i:D2} of text"));
            glyphs.AddRange(Words(320, 700 - i * 14, $"right line {i:D2} of text"));
        }
        var lines = PageLayout.BuildLines(1, glyphs, 595, 842);
        Assert.Equal(40, lines.Count);
        Assert.StartsWith("left line 00", lines[0].Text);
        Assert.StartsWith("left line 19", lines[19].Text);
        Assert.StartsWith("right line 00", lines[20].Text);
        Assert.All(lines.Take(20), l => Assert.Equal(1, l.Column));
    }

    [Fact]
    public void A_single_column_page_has_no_gutter()
    {
        var glyphs = new List<Glyph>();
        for (int i = 0; i < 20; i++) glyphs.AddRange(Words(72, 700 - i * 14, "a full width line of body text that crosses the middle of the page easily"));
        Assert.Null(PageLayout.FindGutter(glyphs, 595));
        Assert.All(PageLayout.BuildLines(1, glyphs, 595, 842), l => Assert.Equal(0, l.Column));
    }

    [Fact]
    public void Spaces_come_from_gaps_between_glyphs()
    {
        var glyphs = Words(72, 500, "Child").Concat(Words(72 + 5 * 5 + 3, 500, "A")).ToList();
        Assert.Equal("Child A", PageLayout.BuildLines(1, glyphs, 595, 842).Single().Text);
    }
}

public class CoversheetTests
{
    [Fact]
    public void Recognises_a_library_coversheet() =>
        Assert.True(CoversheetDetector.IsCoversheet(["Case Review Repository", "This document was deposited in the national case review library by the board."]));

    [Fact]
    public void A_title_page_is_not_a_coversheet() =>
        Assert.False(CoversheetDetector.IsCoversheet(["Northbridge Safeguarding Children Board", "Serious Case Review: Child A", "Overview Report"]));
}

public class FormatDetectorTests
{
    [Fact]
    public void Detects_by_content_not_name()
    {
        Assert.Equal(SourceFormat.Pdf, FormatDetector.Detect("junk%PDF-1.7\n"u8.ToArray()));
        var e = Assert.Throws<ReviewParseException>(() => FormatDetector.Detect("{\\rtf1 hello}"u8.ToArray()));
        Assert.Equal(FailureKind.Unsupported, e.Kind);
        Assert.Equal(FailureKind.Empty, Assert.Throws<ReviewParseException>(() => FormatDetector.Detect([])).Kind);
        var docx = File.ReadAllBytes(RepoPaths.CorpusFile("lcspr-child-k-rivenhall-2019.docx"));
        Assert.Equal(SourceFormat.Docx, FormatDetector.Detect(docx));
    }
}

public class SectionClassifierTests
{
    [Theory]
    [InlineData("1. Introduction", SectionType.Summary)]
    [InlineData("Executive summary", SectionType.Summary)]
    [InlineData("2. Terms of reference and scope", SectionType.TermsOfReference)]
    [InlineData("3. Methodology and the review process", SectionType.TermsOfReference)]
    [InlineData("Family involvement in the review", SectionType.TermsOfReference)]
    [InlineData("4. The family", SectionType.Background)]
    [InlineData("5. Summary of agency involvement", SectionType.Chronology)]
    [InlineData("6. Key practice episodes", SectionType.Chronology)]
    [InlineData("7. Analysis", SectionType.Analysis)]
    [InlineData("8. Findings", SectionType.Finding)]
    [InlineData("9. Recommendations", SectionType.Recommendation)]
    [InlineData("Appendix A: Glossary", SectionType.Appendix)]
    [InlineData("Acknowledgements", SectionType.Other)]
    public void Classifies_headings(string heading, SectionType expected) => Assert.Equal(expected, SectionClassifier.Classify(heading));

    [Fact]
    public void Sub_sections_inherit_unless_they_name_a_finding_or_recommendation()
    {
        Assert.Equal(SectionType.Analysis, SectionClassifier.ClassifyChild("7.2 The family's history", SectionType.Analysis));
        Assert.Equal(SectionType.Finding, SectionClassifier.ClassifyChild("Finding 1: unseen men", SectionType.Analysis));
    }
}

public class SegmenterTests
{
    private static TextBlock P(string text, string? number = null, int page = 1) => new(BlockKind.Paragraph, text, page, page, 0, number);
    private static TextBlock H(string text, int level) => new(BlockKind.Heading, text, 1, 1, level);

    [Fact]
    public void Carries_heading_path_section_type_and_numbers()
    {
        var seg = new Segmenter().Segment("r", [
            new TextBlock(BlockKind.TitleLine, "Serious Case Review", 1, 1), H("1. Introduction", 1), P("The review concerns Child A.", "1.1", 2),
            H("5. Analysis", 1), H("5.1 Health", 2), P("The GP did not share it.", "5.1.1", 3)]);
        Assert.Equal(3, seg.Passages.Count);
        Assert.Equal(PassageKind.TitlePage, seg.Passages[0].Kind);
        Assert.Equal(["5. Analysis", "5.1 Health"], seg.Passages[2].HeadingPath);
        Assert.Equal(SectionType.Analysis, seg.Passages[2].SectionType);
        Assert.Equal("5.1.1", seg.Passages[2].Paragraph);
        Assert.Equal("r:0003", seg.Passages[2].Id);
        Assert.Equal(3, seg.Sections.Count);
    }

    [Fact]
    public void Lists_join_their_lead_in_paragraph()
    {
        var seg = new Segmenter().Segment("r", [H("2. Scope", 1), P("The review asked:", "2.1"),
            new TextBlock(BlockKind.ListItem, "what was known?", 1, 1), new TextBlock(BlockKind.ListItem, "what was shared?", 1, 2), P("Next.", "2.2")]);
        Assert.Equal(2, seg.Passages.Count);
        Assert.Equal("The review asked:\n• what was known?\n• what was shared?", seg.Passages[0].Text);
        Assert.Equal(2, seg.Passages[0].PageEnd);
    }

    [Fact]
    public void Long_paragraphs_split_at_sentence_boundaries_with_no_small_fragments()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 24)) + ".";
        var text = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Sentence {i} {sentence}")); // 30 x 27 = 810 words
        var seg = new Segmenter().Segment("r", [H("5. Analysis", 1), P(text, "5.1")]);
        Assert.Equal(3, seg.Passages.Count);
        Assert.All(seg.Passages, p => { Assert.Equal("5.1", p.Paragraph); Assert.InRange(p.WordCount, 40, 300); Assert.EndsWith(".", p.Text); });
        Assert.Equal([1, 2, 3], seg.Passages.Select(p => p.Part));
        Assert.Equal(text, string.Join(' ', seg.Passages.Select(p => p.Text)));
    }

    [Fact]
    public void A_short_tail_is_merged_into_its_neighbour()
    {
        var seg = new Segmenter(new SegmentationOptions { MaxWords = 50, MinFragmentWords = 20 });
        var parts = seg.Split(string.Join(' ', Enumerable.Repeat("Ten words in this sentence that ends right here now.", 6)) + " Short tail.");
        Assert.All(parts, p => Assert.True(TextMetrics.CountWords(p) >= 20));
    }
}

public class MetadataRuleTests
{
    [Theory]
    [InlineData("Child A was four months old when he died.", AgeBand.Under1)]
    [InlineData("Child L, a fifteen-year-old girl, took her own life.", AgeBand.Age11To15)]
    [InlineData("Child P, a 16-year-old boy, was stabbed.", AgeBand.Age16To17)]
    [InlineData("Child D, a boy aged three years and three months, died.", AgeBand.Age1To5)]
    [InlineData("He lived with his half-brother (then aged three). Child A was seven weeks old.", AgeBand.Under1)]
    [InlineData("Baby N died shortly after birth.", AgeBand.Under1)]
    [InlineData("Young Person Z was 18 years old.", AgeBand.Age18Plus)]
    public void Age_bands(string text, AgeBand expected) =>
        Assert.Equal(expected, MetadataExtractor.AgeBandOf(text.Split(". ").ToList()));

    [Fact]
    public void Age_is_null_when_not_stated() => Assert.Null(MetadataExtractor.AgeBandOf(["The review concerns Child Q."]));

    [Theory]
    [InlineData("Northbridge Safeguarding Children Board", "Northbridge Safeguarding Children Board", "Northbridge")]
    [InlineData("Published by the Harrowfield Local Safeguarding Children Board in 2010", "Harrowfield Local Safeguarding Children Board", "Harrowfield")]
    [InlineData("Kingsford and Dene Safeguarding Children Partnership", "Kingsford and Dene Safeguarding Children Partnership", "Kingsford and Dene")]
    public void Partnership_and_area(string text, string partnership, string area)
    {
        var found = MetadataExtractor.PartnershipOf(text);
        Assert.NotNull(found);
        Assert.Equal(partnership, found.Value.Partnership);
        Assert.Equal(area, found.Value.Area);
    }

    [Fact]
    public void Statutory_criteria_are_not_the_outcome()
    {
        Assert.Null(MetadataExtractor.OutcomeOf(["Working Together requires a review where a child has died or been seriously harmed."]));
        Assert.Equal(Outcome.SeriousHarm, MetadataExtractor.OutcomeOf(["Child E suffered serious harm through exploitation."]));
        Assert.Equal(Outcome.Died, MetadataExtractor.OutcomeOf(["Child H died in his sleep."]));
    }

    [Fact]
    public void Review_type_and_report_kind()
    {
        Assert.Equal(ReviewType.LCSPR, MetadataExtractor.ReviewTypeOf("Local Child Safeguarding Practice Review: Child L"));
        Assert.Equal(ReviewType.SCR, MetadataExtractor.ReviewTypeOf("Serious Case Review Child M"));
        Assert.Null(MetadataExtractor.ReviewTypeOf("We notified the Child Safeguarding Practice Review Panel."));
        Assert.Equal(ReportKind.ExecutiveSummary, MetadataExtractor.ReportKindOf("Executive Summary"));
        Assert.Equal(ReportKind.Overview, MetadataExtractor.ReportKindOf("Overview Report"));
    }

    [Fact]
    public void Children_lists_on_the_title_page_expand()
    {
        Assert.Equal(["Child T1", "Child T2", "Child T3"], MetadataExtractor.Children("Children T1, T2 and T3", ""));
        Assert.Equal(["Baby W"], MetadataExtractor.Children("Serious Case Review: Baby W", "Child Q is mentioned later"));
    }

    [Fact]
    public void Harm_ignores_the_statutory_phrase_and_sexual_assault_is_not_physical()
    {
        Assert.Empty(MetadataExtractor.HarmOf("The board decided that abuse or neglect was suspected."));
        Assert.Equal([HarmCategory.Sexual], MetadataExtractor.HarmOf("Child S had been sexually abused; Mr T was convicted of sexual assault."));
    }
}
