using Lucene.Net.Index;
using Lucene.Net.Store;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Tests.Classification;

namespace ThemeMiner.Core.Tests.Indexing;

public class MapperTests
{
    [Fact]
    public void A_review_maps_to_documents_and_back_unchanged()
    {
        var review = SampleCorpusFixture.Parse("lcspr-child-k-rivenhall-2019.docx").Review!;
        var classified = review.Passages.Select(p => Shared.Shipped.Value.Classify(p.Id, p.Text)).ToList();
        var docs = PassageDocumentMapper.ToDocuments(new IndexableReview(review, classified, "model-x", "analysis-y"));
        Assert.Equal(review.Passages.Count + 1, docs.Count);

        var back = PassageDocumentMapper.ToReview(docs[0]);
        Assert.Equal(review.Id, back.Id);
        Assert.Equal(review.Source, back.Source);
        Assert.Equal(review.Format, back.Format);
        Assert.Equal(review.PageCount, back.PageCount);
        Assert.Equal(review.PageProvenance, back.PageProvenance);
        Assert.Equal(review.Sections, back.Sections);
        Assert.Equal(review.Metadata.Harm, back.Metadata.Harm);
        Assert.Equal(review.Metadata with { Children = null, Harm = null }, back.Metadata with { Children = null, Harm = null });
        Assert.Equal("model-x", back.ModelVersion);

        for (int i = 0; i < review.Passages.Count; i++)
        {
            var p = PassageDocumentMapper.ToPassage(docs[i + 1]);
            var original = review.Passages[i];
            Assert.Equal(original with { HeadingPath = [] }, p.Passage with { HeadingPath = [] });
            Assert.Equal(original.HeadingPath, p.Passage.HeadingPath);
            Assert.Equal(review.Id, p.ReviewId);
            Assert.Equal(review.Metadata.Area, p.Area);
            Assert.Equal(review.Metadata.PublicationYear, p.Year);
            Assert.Equal(review.Metadata.AgeBand, p.AgeBand);
            Assert.Equal(review.Metadata.Outcome, p.Outcome);
            Assert.Equal(classified[i].Themes.Order(), p.Themes.Order());
            Assert.Equal(classified[i].Negated, p.Negated);
            Assert.Equal(classified[i].GoodPractice, p.GoodPractice);
            foreach (var (theme, score) in classified[i].Scores.Where(s => s.Value >= 0.01))
                Assert.Equal(score, p.Scores[theme], 4);
            Assert.Equal("model-x", p.ModelVersion);
        }
    }

    [Fact]
    public void Classifications_must_belong_to_the_review()
    {
        var review = SampleCorpusFixture.Parse("lcspr-child-k-rivenhall-2019.docx").Review!;
        Assert.Throws<ArgumentException>(() => PassageDocumentMapper.ToDocuments(new IndexableReview(review, [], "m", "a")));
    }
}

public class IngestTests
{
    private static string Sample(string name) => RepoPaths.CorpusFile(name);

    private static string Copy(string folder, string sample, string? asName = null)
    {
        var target = Path.Combine(folder, asName ?? sample);
        File.Copy(Sample(sample), target, overwrite: true);
        return target;
    }

    [Fact]
    public void Ingesting_the_same_files_again_changes_nothing_and_new_files_are_added_alone()
    {
        var inbox = IndexSupport.TempFolder("inbox");
        var index = IndexSupport.TempFolder("index");
        Copy(inbox, "scr-child-j-wyeford-2009.pdf");
        Copy(inbox, "lcspr-child-k-rivenhall-2019.docx");
        var first = IndexSupport.Ingest(index, inbox);
        Assert.Equal(2, first.Added);
        IndexStats before;
        using (var s = IndexSupport.Searcher(index)) before = s.Stats();

        var again = IndexSupport.Ingest(index, inbox);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(0, again.Added + again.Replaced + again.Failed);
        using (var s = IndexSupport.Searcher(index)) AssertSameStats(before, s.Stats());

        Copy(inbox, "scr-child-m-fenwick-2016.pdf");
        Copy(inbox, "lcspr-baby-r-saltergate-2023.pdf");
        var grown = IndexSupport.Ingest(index, inbox);
        Assert.Equal(2, grown.Added);
        Assert.Equal(2, grown.Unchanged);
        Assert.Equal(["lcspr-baby-r-saltergate-2023.pdf", "scr-child-m-fenwick-2016.pdf"],
            grown.Files.Where(f => f.Outcome == IngestOutcome.Added).Select(f => Path.GetFileName(f.Source)).Order(StringComparer.Ordinal));
        using (var s = IndexSupport.Searcher(index)) Assert.Equal(4, s.Stats().Reviews);
    }

    [Fact]
    public void A_file_whose_bytes_changed_replaces_its_old_version()
    {
        var inbox = IndexSupport.TempFolder("inbox");
        var index = IndexSupport.TempFolder("index");
        var path = Copy(inbox, "scr-child-j-wyeford-2009.pdf", "review.pdf");
        var oldId = IndexSupport.Ingest(index, inbox).Files.Single().ReviewId!;

        Copy(inbox, "scr-child-d-harrowfield-2010.pdf", "review.pdf");
        var second = IndexSupport.Ingest(index, path);
        Assert.Equal(IngestOutcome.Replaced, second.Files.Single().Outcome);
        var newId = second.Files.Single().ReviewId!;
        Assert.NotEqual(oldId, newId);

        using var s = IndexSupport.Searcher(index);
        Assert.Equal(1, s.Stats().Reviews);
        Assert.Null(s.GetReview(oldId));
        Assert.NotNull(s.GetReview(newId));
        Assert.Equal(0, s.Search(new SearchRequest { ReviewIds = [oldId] }).Total);
        Assert.Equal(SampleCorpusFixture.Parse("scr-child-d-harrowfield-2010.pdf").Review!.Passages.Count, s.Stats().Passages);
    }

    [Fact]
    public void Delete_removes_a_review_and_every_passage()
    {
        var index = IndexSupport.TempFolder("index");
        var summary = IndexSupport.Ingest(index, Sample("scr-child-j-wyeford-2009.pdf"), Sample("lcspr-child-k-rivenhall-2019.docx"));
        var id = summary.Files[0].ReviewId!;
        using (var analyzer = IndexSupport.IndexAnalyzer())
        using (var writer = ReviewIndexWriter.Open(index, analyzer))
        {
            Assert.True(writer.Delete(id));
            Assert.False(writer.Delete(id));
            writer.Commit();
        }
        using var s = IndexSupport.Searcher(index);
        Assert.Equal(1, s.Stats().Reviews);
        Assert.Equal(0, s.Search(new SearchRequest { ReviewIds = [id] }).Total);
        Assert.Equal(SampleCorpusFixture.Parse("lcspr-child-k-rivenhall-2019.docx").Review!.Passages.Count, s.Stats().Passages);
    }

    [Fact]
    public void A_second_writer_is_refused_with_a_clear_message()
    {
        var index = IndexSupport.TempFolder("index");
        using var analyzer = IndexSupport.IndexAnalyzer();
        using var first = ReviewIndexWriter.Open(index, analyzer);
        var ex = Assert.Throws<IndexInUseException>(() => ReviewIndexWriter.Open(index, analyzer));
        Assert.Contains("is in use by another ThemeMiner process", ex.Message);
        Assert.Contains(index, ex.Message);
    }

    [Fact]
    public void A_reader_sees_the_last_commit_and_picks_up_new_ones()
    {
        var index = IndexSupport.TempFolder("index");
        IndexSupport.Ingest(index, Sample("scr-child-j-wyeford-2009.pdf"));
        using var searcher = IndexSupport.Searcher(index);
        Assert.Equal(1, searcher.Stats().Reviews);

        using (var analyzer = IndexSupport.IndexAnalyzer())
        using (var writer = ReviewIndexWriter.Open(index, analyzer))
        {
            IndexSupport.Ingestor().Ingest(writer, [Sample("lcspr-child-k-rivenhall-2019.docx")], new IngestOptions { CommitEveryReviews = 1000 });
            // Committed by the ingest's final commit; while the writer is still open the reader already sees it after a refresh.
            searcher.Refresh();
            Assert.Equal(2, searcher.Stats().Reviews);
            var review = SampleCorpusFixture.Parse("scr-child-m-fenwick-2016.pdf").Review!;
            writer.Upsert(new IndexableReview(review, review.Passages.Select(p => Shared.Shipped.Value.Classify(p.Id, p.Text)).ToList(), Shared.Shipped.Value.Model.Info.ModelVersion, IndexSupport.Synonyms.Value.Version));
            searcher.Refresh();
            Assert.Equal(2, searcher.Stats().Reviews); // not committed yet: readers see the last commit only
            writer.Commit();
            searcher.Refresh();
            Assert.Equal(3, searcher.Stats().Reviews);
        }
    }

    [Fact]
    public void An_interrupted_run_keeps_what_was_committed_and_a_rerun_ends_where_a_clean_run_does()
    {
        var files = new[] { "scr-child-j-wyeford-2009.pdf", "lcspr-child-k-rivenhall-2019.docx", "scr-child-m-fenwick-2016.pdf", "lcspr-baby-r-saltergate-2023.pdf" }.Select(Sample).ToArray();
        var clean = IndexSupport.TempFolder("clean");
        IndexSupport.Ingest(clean, files);

        // Simulate a kill: two reviews committed, a third written but never committed, then the process "dies"
        // (the writer's changes since the last commit are discarded, as they are when a process is killed).
        var crashed = IndexSupport.TempFolder("crashed");
        var analyzer = IndexSupport.IndexAnalyzer();
        var writer = ReviewIndexWriter.Open(crashed, analyzer);
        IndexSupport.Ingestor().Ingest(writer, files.Take(2));
        var third = SampleCorpusFixture.Parse("scr-child-m-fenwick-2016.pdf").Review!;
        writer.Upsert(new IndexableReview(third, third.Passages.Select(p => Shared.Shipped.Value.Classify(p.Id, p.Text)).ToList(), Shared.Shipped.Value.Model.Info.ModelVersion, IndexSupport.Synonyms.Value.Version));
        writer.AbandonForTests();

        using (var s = IndexSupport.Searcher(crashed))
        {
            Assert.Equal(2, s.Stats().Reviews);
            Assert.Null(s.GetReview(third.Id));
            Assert.Equal(0, s.Search(new SearchRequest { ReviewIds = [third.Id] }).Total); // no partial passages
        }
        var rerun = IndexSupport.Ingest(crashed, files);
        Assert.Equal(2, rerun.Unchanged);
        Assert.Equal(2, rerun.Added);
        using var a = IndexSupport.Searcher(clean);
        using var b = IndexSupport.Searcher(crashed);
        AssertSameStats(a.Stats(), b.Stats());
    }

    [Fact]
    public void An_index_of_another_schema_is_refused_with_what_to_do()
    {
        var index = IndexSupport.TempFolder("index");
        using (var dir = FSDirectory.Open(index))
        using (var w = new IndexWriter(dir, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            w.AddDocument(new Lucene.Net.Documents.Document());
            w.Commit();
        }
        using var analyzer = IndexSupport.IndexAnalyzer();
        var ex = Assert.Throws<IndexSchemaException>(() => ReviewIndexWriter.Open(index, analyzer));
        Assert.Contains("delete the folder", ex.Message);
        Assert.Throws<IndexSchemaException>(() => IndexSupport.Searcher(index));
        Assert.Throws<NoIndexException>(() => IndexSupport.Searcher(IndexSupport.TempFolder("empty")));
    }

    private static void AssertSameStats(IndexStats expected, IndexStats actual)
    {
        Assert.Equal(expected.Reviews, actual.Reviews);
        Assert.Equal(expected.Passages, actual.Passages);
        Assert.Equal(expected.ModelVersions, actual.ModelVersions);
        Assert.Equal(expected.ThemePassages, actual.ThemePassages);
        Assert.Equal(expected.SchemaVersion, actual.SchemaVersion);
    }
}
