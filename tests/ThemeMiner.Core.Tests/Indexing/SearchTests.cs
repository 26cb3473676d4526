using System.Text.RegularExpressions;
using AngleSharpFree = System.Net.WebUtility;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Core.Tests.Indexing;

/// <summary>Ingest the sample corpus, then search it: citations, synonyms, phrases, wildcards, filters, facets, grouping, highlights.</summary>
public class SearchTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>
{
    private SearchResults Search(string query, Func<SearchRequest, SearchRequest>? with = null)
    {
        var request = new SearchRequest { Query = query, Top = 1000 };
        return index.Searcher.Search(with is null ? request : with(request));
    }

    [Fact]
    public void The_sample_corpus_is_indexed_with_every_passage_and_the_broken_files_fail()
    {
        var manifest = SampleCorpusFixture.Manifest;
        Assert.Equal(manifest.GetProperty("reviews").GetArrayLength(), index.Summary.Added);
        Assert.Equal(manifest.GetProperty("broken").GetArrayLength(), index.Summary.Failed);
        Assert.All(index.Summary.Files.Where(f => f.Outcome == IngestOutcome.Failed), f => Assert.False(string.IsNullOrWhiteSpace(f.Error)));
        var stats = index.Searcher.Stats();
        var expectedPassages = SampleCorpusFixture.Reviews.Sum(r => SampleCorpusFixture.Parse(r.GetProperty("file").GetString()!).Review!.Passages.Count);
        Assert.Equal(index.Summary.Added, stats.Reviews);
        Assert.Equal(expectedPassages, stats.Passages);
        Assert.Equal(stats.Passages, Search("").Total);
    }

    [Fact]
    public void A_hit_carries_the_citation_the_parser_gave_its_passage()
    {
        var results = Search("\"was not brought\"");
        Assert.NotEmpty(results.Hits);
        foreach (var hit in results.Hits)
        {
            var review = SampleCorpusFixture.Reviews.Select(r => SampleCorpusFixture.Parse(r.GetProperty("file").GetString()!).Review!).Single(r => r.Id == hit.ReviewId);
            var passage = review.Passages.Single(p => p.Id == hit.PassageId);
            Assert.Equal(passage.Paragraph, hit.Paragraph);
            Assert.Equal(passage.PageStart, hit.PageStart);
            Assert.Equal(passage.PageEnd, hit.PageEnd);
            Assert.Equal(passage.HeadingPath, hit.HeadingPath);
            Assert.Equal(passage.SectionType, hit.SectionType);
            Assert.Equal(passage.Text, hit.Text);
            Assert.Equal(review.Metadata.Title ?? review.Title, hit.Title);
            Assert.Equal(review.Metadata.PublicationYear, hit.Year);
            Assert.Contains("was not brought", hit.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void An_acronym_finds_the_spelled_out_form_and_back()
    {
        var nfa = Search("NFA");
        Assert.Contains(nfa.Hits, h => h.Text.Contains("no further action", StringComparison.OrdinalIgnoreCase) && !Regex.IsMatch(h.Text, @"\bNFA\b"));
        var spelled = Search("\"no further action\"");
        Assert.All(spelled.Hits, h => Assert.Contains("no further action", h.Text, StringComparison.OrdinalIgnoreCase));
        var dv = Search("DV");
        Assert.Contains(dv.Hits, h => h.Text.Contains("domestic abuse", StringComparison.OrdinalIgnoreCase) && !Regex.IsMatch(h.Text, @"\bDV\b"));
        Assert.Contains(Search("domestic violence").Hits, h => Regex.IsMatch(h.Text, @"\bdomestic abuse\b", RegexOptions.IgnoreCase) && !h.Text.Contains("violence", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Plain_words_all_match_and_stemming_finds_other_forms()
    {
        var results = Search("referral closed");
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, h => Assert.Matches(new Regex(@"referr", RegexOptions.IgnoreCase), h.Text));
        Assert.All(results.Hits, h => Assert.Matches(new Regex(@"\bclos", RegexOptions.IgnoreCase), h.Text));
        Assert.Contains(results.Hits, h => Regex.IsMatch(h.Text, @"\breferrals\b", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void A_phrase_matches_the_exact_words_only()
    {
        var exact = Search("\"did not attend\"");
        Assert.NotEmpty(exact.Hits);
        Assert.All(exact.Hits, h => Assert.Contains("did not attend", h.Text, StringComparison.OrdinalIgnoreCase));
        // Unquoted, the same words also match other forms (attended, attending) and need not be adjacent.
        Assert.True(Search("attend").Total > Search("\"attend\"").Total);
    }

    [Fact]
    public void A_wildcard_finds_every_form_of_the_word()
    {
        var results = Search("escalat*");
        Assert.Contains(results.Hits, h => Regex.IsMatch(h.Text, @"\bescalated\b", RegexOptions.IgnoreCase));
        Assert.Contains(results.Hits, h => Regex.IsMatch(h.Text, @"\bescalation\b", RegexOptions.IgnoreCase));
        Assert.All(results.Hits, h => Assert.Matches(new Regex("escalat", RegexOptions.IgnoreCase), h.Text));
        Assert.Contains("<mark>", results.Hits[0].Highlight);
    }

    [Fact]
    public void Filters_restrict_by_section_theme_year_age_and_combine()
    {
        var all = Search("");
        var findings = Search("", r => r with { Sections = ["finding"] });
        Assert.InRange(findings.Total, 1, all.Total - 1);
        Assert.All(findings.Hits, h => Assert.Equal(SectionType.Finding, h.SectionType));

        var theme = Search("", r => r with { Themes = ["unseen-men"] });
        Assert.All(theme.Hits, h => Assert.Contains(h.Themes, t => t.Id == "unseen-men"));
        var two = Search("", r => r with { Themes = ["unseen-men", "domestic-abuse"] });
        Assert.All(two.Hits, h => { Assert.Contains(h.Themes, t => t.Id == "unseen-men"); Assert.Contains(h.Themes, t => t.Id == "domestic-abuse"); });
        Assert.True(two.Total < theme.Total);

        var recent = Search("", r => r with { FromYear = 2015 });
        Assert.All(recent.Hits, h => Assert.True(h.Year >= 2015));
        var range = Search("year:[2012 TO 2016]");
        Assert.All(range.Hits, h => Assert.InRange(h.Year ?? 0, 2012, 2016));
        Assert.Equal(range.Total, Search("", r => r with { FromYear = 2012, ToYear = 2016 }).Total);

        var infants = Search("", r => r with { AgeBands = ["under 1"] });
        Assert.True(infants.Total > 0);
        var infantReviews = infants.Hits.Select(h => h.ReviewId).ToHashSet();
        Assert.All(infantReviews, id => Assert.Equal(AgeBand.Under1, index.Searcher.GetReview(id)!.Value.Review.Metadata.AgeBand));

        var combined = Search("", r => r with { Sections = ["finding"], FromYear = 2015, AgeBands = ["under 1"] });
        Assert.All(combined.Hits, h => { Assert.Equal(SectionType.Finding, h.SectionType); Assert.True(h.Year >= 2015); Assert.Contains(h.ReviewId, infantReviews); });
    }

    [Fact]
    public void Facet_counts_match_the_hits_they_describe()
    {
        var results = Search("child");
        Assert.Equal(results.Total, results.Hits.Count);
        foreach (var f in results.Facets["section"])
            Assert.Equal(results.Hits.Count(h => Names.Of(h.SectionType) == f.Value), f.Count);
        foreach (var f in results.Facets["theme"])
            Assert.Equal(results.Hits.Count(h => h.Themes.Any(t => t.Id == f.Value)), f.Count);
        foreach (var f in results.Facets["year"])
            Assert.Equal(results.Hits.Count(h => h.Year?.ToString() == f.Value), f.Count);
        foreach (var f in results.Facets["area"])
            Assert.Equal(results.Hits.Count(h => h.Area == f.Value), f.Count);
        Assert.Equal(new[] { "theme", "section", "year", "area", "age", "outcome", "type", "harm" }, results.Facets.Keys);
    }

    [Fact]
    public void A_filtered_dimension_still_counts_its_other_values()
    {
        var unfiltered = Search("child");
        var filtered = Search("child", r => r with { Sections = ["finding"] });
        Assert.Equal(unfiltered.Facets["section"], filtered.Facets["section"]);
        Assert.True(filtered.Facets["area"].Sum(f => f.Count) == filtered.Total);
    }

    [Fact]
    public void Grouping_gives_the_best_passage_per_review_and_counts_the_rest()
    {
        var flat = Search("health visitor");
        var grouped = Search("health visitor", r => r with { GroupByReview = true });
        Assert.Equal(flat.Hits.Select(h => h.ReviewId).Distinct().Count(), grouped.Hits.Count);
        Assert.Equal(grouped.TotalReviews, grouped.Hits.Count);
        Assert.Equal(flat.Total, grouped.Hits.Sum(h => h.MoreInReview + 1));
        foreach (var g in grouped.Hits)
            Assert.Equal(flat.Hits.First(h => h.ReviewId == g.ReviewId).PassageId, g.PassageId);
    }

    [Fact]
    public void Paging_walks_the_same_ranking()
    {
        var all = Search("mother");
        var page2 = index.Searcher.Search(new SearchRequest { Query = "mother", Top = 5, Offset = 5 });
        Assert.Equal(all.Hits.Skip(5).Take(5).Select(h => h.PassageId), page2.Hits.Select(h => h.PassageId));
        Assert.Equal(all.Total, page2.Total);
        var scores = all.Hits.Select(h => h.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public void Sorting_by_year_orders_newest_first()
    {
        var years = Search("mother", r => r with { Sort = SearchSort.YearNewest }).Hits.Select(h => h.Year ?? 0).ToList();
        Assert.Equal(years.OrderByDescending(y => y), years);
    }

    [Fact]
    public void Highlights_mark_the_matches_and_encode_everything_else()
    {
        var results = Search("\"A&E\"");
        Assert.NotEmpty(results.Hits);
        foreach (var h in results.Hits)
        {
            Assert.Contains("<mark>", h.Highlight);
            var withoutMarks = h.Highlight.Replace("<mark>", "").Replace("</mark>", "");
            Assert.DoesNotContain("<", withoutMarks);
            Assert.DoesNotContain("&E", withoutMarks);
            Assert.Contains("&amp;E", withoutMarks);
            Assert.Contains(AngleSharpFree.HtmlDecode(withoutMarks).Replace(" … ", " ").Trim(' ', '…'), h.Text.Replace("\n", " "));
        }
    }

    [Fact]
    public void No_hit_for_every_word_falls_back_to_most_words_and_says_so()
    {
        var results = Search("DV and missed health visits in infants");
        Assert.True(results.Total > 0);
        Assert.NotNull(results.Notice);
        Assert.Contains("at least", results.Notice);
        Assert.Null(Search("health visitor").Notice);
    }

    [Fact]
    public void A_review_reads_back_whole_and_in_order()
    {
        var parsed = SampleCorpusFixture.Parse("scr-child-a-northbridge-2012.pdf").Review!;
        var (review, passages) = index.Searcher.GetReview(parsed.Id)!.Value;
        Assert.Equal(parsed.Metadata, review.Metadata with { Children = parsed.Metadata.Children, Harm = parsed.Metadata.Harm });
        Assert.Equal(parsed.Metadata.Children, review.Metadata.Children);
        Assert.Equal(parsed.Metadata.Harm, review.Metadata.Harm);
        Assert.Equal(parsed.Sections, review.Sections);
        Assert.Equal(parsed.Passages.Count, review.PassageCount);
        Assert.Equal(parsed.Passages.Select(p => p.Id), passages.Select(p => p.Passage.Id));
        Assert.Null(index.Searcher.GetReview("0000"));
    }

    [Fact]
    public void A_glossary_in_an_appendix_ranks_below_the_passages_that_use_the_same_words()
    {
        Assert.Equal(0.5f, HitCollector.SectionPrior("appendix"));
        Assert.Equal(1f, HitCollector.SectionPrior("finding"));
        var hits = Search("HV health visitor").Hits;
        Assert.Contains(hits, h => h.SectionType == SectionType.Appendix);
        Assert.NotEqual(SectionType.Appendix, hits[0].SectionType);
    }
}
