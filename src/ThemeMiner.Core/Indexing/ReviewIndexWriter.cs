using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using ThemeMiner.Core.Model;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ThemeMiner.Core.Indexing;

/// <summary>Another process (or another writer in this one) holds the index's write lock.</summary>
public sealed class IndexInUseException(string message, Exception inner) : IOException(message, inner);

/// <summary>The index folder holds no index yet.</summary>
public sealed class NoIndexException(string message) : IOException(message);

/// <summary>The index was written with another schema version and must be rebuilt.</summary>
public sealed class IndexSchemaException(string message) : IOException(message);

/// <summary>
/// The single writer of an index folder. Holds Lucene's write lock for its lifetime (a second writer gets
/// <see cref="IndexInUseException"/>). A review is written as one block (review document then passages), after
/// deleting any earlier version, so a commit never holds part of a review. Knows which reviews are indexed, with which
/// model and analysis versions, so unchanged files can be skipped without parsing.
/// </summary>
public sealed class ReviewIndexWriter : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly Dictionary<string, (string SourceKey, string Model, string Analysis)> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bySource = new(StringComparer.Ordinal);
    private int _uncommitted;

    public string Path { get; }

    private ReviewIndexWriter(string path, LuceneDirectory directory, IndexWriter writer)
    {
        Path = path;
        _directory = directory;
        _writer = writer;
        LoadKnownReviews();
    }

    public static ReviewIndexWriter Open(string path, SafeguardingAnalyzer indexAnalyzer)
    {
        if (indexAnalyzer.Mode != AnalyzerMode.Index) throw new ArgumentException("the index analyzer must be in Index mode", nameof(indexAnalyzer));
        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the index folder {path} could not be created ({ex.Message}): choose another with --index", ex);
        }
        var directory = FSDirectory.Open(new DirectoryInfo(path));
        try
        {
            CheckSchema(directory, path);
            var config = new IndexWriterConfig(SafeguardingAnalyzer.Version, indexAnalyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = new BM25Similarity(),
                RAMBufferSizeMB = 48,
            };
            IndexWriter writer;
            try
            {
                writer = new IndexWriter(directory, config);
            }
            catch (LockObtainFailedException ex)
            {
                throw new IndexInUseException($"the index at {path} is in use by another ThemeMiner process (an index, tag or delete run, or the web site adding a review): wait for it to finish, then run this again", ex);
            }
            var opened = new ReviewIndexWriter(path, directory, writer);
            // A new index is committed empty at once, so a run killed before its first batch still leaves one that opens.
            if (!DirectoryReader.IndexExists(directory)) opened.Commit();
            return opened;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    internal static void CheckSchema(LuceneDirectory directory, string path)
    {
        if (!DirectoryReader.IndexExists(directory)) return;
        var infos = new SegmentInfos();
        infos.Read(directory);
        var found = infos.UserData.TryGetValue(IndexFields.Schema, out var v) && int.TryParse(v, out var n) ? n : 0;
        if (found != IndexFields.SchemaVersion)
            throw new IndexSchemaException($"the index at {path} has schema v{found} but this ThemeMiner writes v{IndexFields.SchemaVersion}: delete the folder and run 'thememiner index' again");
    }

    private void LoadKnownReviews()
    {
        using var reader = DirectoryReader.Open(_writer, applyAllDeletes: true);
        var searcher = new IndexSearcher(reader);
        var query = new TermQuery(new Term(IndexFields.DocType, IndexFields.ReviewDocType));
        var top = searcher.Search(query, Math.Max(1, reader.MaxDoc));
        foreach (var sd in top.ScoreDocs)
        {
            var (id, source, model, analysis) = PassageDocumentMapper.ReviewKeys(searcher.Doc(sd.Doc, PassageDocumentMapper.ReviewKeyFields));
            _reviews[id] = (source, model, analysis);
            _bySource[source] = id;
        }
    }

    public int ReviewCount => _reviews.Count;

    /// <summary>True when this exact content is indexed with these model and analysis versions (nothing to do).</summary>
    public bool IsCurrent(string reviewId, string modelVersion, string analysisVersion) =>
        _reviews.TryGetValue(reviewId, out var r) && r.Model == modelVersion && r.Analysis == analysisVersion;

    public bool Contains(string reviewId) => _reviews.ContainsKey(reviewId);

    /// <summary>Adds a review, replacing the same content indexed earlier (another model) and an older version of the same file.
    /// Returns <see cref="IngestOutcome.Added"/> or <see cref="IngestOutcome.Replaced"/>.</summary>
    public IngestOutcome Upsert(IndexableReview item)
    {
        var review = item.Review;
        var sourceKey = PassageDocumentMapper.SourceKeyOf(review.Source);
        bool replaced = _reviews.ContainsKey(review.Id);
        var deletes = new List<Term> { PassageDocumentMapper.ReviewTerm(review.Id) };
        if (_bySource.TryGetValue(sourceKey, out var older) && older != review.Id)
        {
            deletes.Add(PassageDocumentMapper.ReviewTerm(older));
            Forget(older);
            replaced = true;
        }
        var docs = PassageDocumentMapper.ToDocuments(item);
        _writer.DeleteDocuments(deletes.ToArray());
        _writer.AddDocuments(docs);
        if (_reviews.TryGetValue(review.Id, out var previous)) _bySource.Remove(previous.SourceKey);
        _reviews[review.Id] = (sourceKey, item.ModelVersion, item.AnalysisVersion);
        _bySource[sourceKey] = review.Id;
        _uncommitted++;
        return replaced ? IngestOutcome.Replaced : IngestOutcome.Added;
    }

    /// <summary>Deletes a review and its passages; false when no such review is indexed.</summary>
    public bool Delete(string reviewId)
    {
        if (!_reviews.ContainsKey(reviewId)) return false;
        _writer.DeleteDocuments(PassageDocumentMapper.ReviewTerm(reviewId));
        Forget(reviewId);
        _uncommitted++;
        return true;
    }

    /// <summary>Review ids starting with <paramref name="prefix"/> (for ids typed by hand).</summary>
    public IReadOnlyList<string> ReviewIdsStartingWith(string prefix) =>
        _reviews.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();

    private void Forget(string reviewId)
    {
        if (_reviews.Remove(reviewId, out var r) && _bySource.TryGetValue(r.SourceKey, out var id) && id == reviewId)
            _bySource.Remove(r.SourceKey);
    }

    public int Uncommitted => _uncommitted;

    /// <summary>Makes everything written so far durable and visible to readers, atomically.</summary>
    public void Commit()
    {
        _writer.SetCommitData(new Dictionary<string, string> { [IndexFields.Schema] = IndexFields.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _writer.Commit();
        _uncommitted = 0;
    }

    /// <summary>Drops everything since the last commit and releases the lock without committing: what a killed process
    /// leaves behind. For tests of crash safety only.</summary>
    internal void AbandonForTests()
    {
        _writer.Rollback();
        _directory.Dispose();
    }

    public void Dispose()
    {
        try
        {
            if (_uncommitted > 0) Commit();
        }
        finally
        {
            _writer.Dispose();
            _directory.Dispose();
        }
    }
}
