using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ThemeMiner.Core.Search;

/// <summary>
/// Searches an index folder. Reads through a <see cref="SearcherManager"/>: every search sees the last commit
/// (refreshed at most once a second, or on <see cref="Refresh"/>), so a site keeps answering while a writer adds
/// reviews. Thread-safe. The CLI and the web both call this; neither touches Lucene types.
/// </summary>
public sealed class ReviewSearcher : IDisposable
{
    /// <summary>The facet dimensions, in display order, with their index fields.</summary>
    public static readonly IReadOnlyList<string> FacetNames = ["theme", "section", "year", "area", "age", "outcome", "type", "harm"];

    private static readonly string[] SingleDims = [IndexFields.Section, IndexFields.Area, IndexFields.AgeBand, IndexFields.Outcome, IndexFields.ReviewType];
    private static readonly string[] MultiDims = [IndexFields.Theme, IndexFields.Harm];
    private static readonly Query PassagesOnly = new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageType));

    private readonly LuceneDirectory _directory;
    private readonly SearcherManager _manager;
    private readonly SafeguardingAnalyzer _indexAnalyzer;
    private readonly SafeguardingQueryParser _parser;
    private long _lastRefresh = Environment.TickCount64;

    public string Path { get; }

    public ReviewSearcher(string path, SynonymSet? synonyms, Taxonomy? taxonomy = null)
    {
        Path = path;
        _directory = FSDirectory.Open(new DirectoryInfo(path));
        if (!System.IO.Directory.Exists(path) || !DirectoryReader.IndexExists(_directory))
        {
            _directory.Dispose();
            throw new NoIndexException($"there is no index at {path}: build one with 'thememiner index corpus-sample' (or give --index)");
        }
        try
        {
            ReviewIndexWriter.CheckSchema(_directory, path);
            _manager = new SearcherManager(_directory, new Bm25SearcherFactory());
        }
        catch
        {
            _directory.Dispose();
            throw;
        }
        _indexAnalyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, synonyms);
        _parser = new SafeguardingQueryParser(new SafeguardingAnalyzer(AnalyzerMode.Query), new SafeguardingAnalyzer(AnalyzerMode.Exact), taxonomy);
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Picks up the latest commit now; true when it changed what searches see.</summary>
    public bool Refresh()
    {
        _lastRefresh = Environment.TickCount64;
        return _manager.MaybeRefresh();
    }

    private IndexSearcher Acquire()
    {
        if (Environment.TickCount64 - Interlocked.Read(ref _lastRefresh) > 1000) Refresh();
        return _manager.Acquire();
    }

    /// <summary>Translates a query without running it (throws <see cref="QuerySyntaxException"/>); for validation and tests.</summary>
    public string Explain(string query) => _parser.Parse(query).ToString();

    public SearchResults Search(SearchRequest request)
    {
        var userQuery = _parser.Parse(request.Query);
        var searcher = Acquire();
        try
        {
            var results = Run(searcher, userQuery, request);
            if (results.Total > 0) return results;
            _ = _parser.Relaxed(request.Query, int.MaxValue, out var words);
            // No passage has every word: show those with most of them, and say so (a search box that answers nothing helps no one).
            for (int minimum = words - 1; minimum >= Math.Max(1, (words + 1) / 2); minimum--)
            {
                var relaxed = _parser.Relaxed(request.Query, minimum, out _)!;
                var attempt = Run(searcher, relaxed, request);
                if (attempt.Total > 0)
                    return attempt with { Notice = $"No passage has all {words} of the search words; these have at least {minimum} of them." };
            }
            return results;
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    private SearchResults Run(IndexSearcher searcher, Query userQuery, SearchRequest request)
    {
        {
            var main = new HitCollector(request.Facets ? SingleDims.Where(d => Selected(request, d).Count == 0) : [],
                request.Facets ? MultiDims : [], year: request.Facets && request.FromYear is null && request.ToYear is null, keepHits: true);
            searcher.Search(Combine(userQuery, request, exclude: null), main);
            var facets = new Dictionary<string, IReadOnlyList<FacetValue>>();
            if (request.Facets)
            {
                var counts = main.Counts().ToDictionary(k => k.Key, k => k.Value);
                // Dimensions the request filters on are counted without their own filter (drill-sideways), so every choice shows its count.
                foreach (var dim in SingleDims.Where(d => Selected(request, d).Count > 0).Append(IndexFields.Year).Where(d => d != IndexFields.Year || request.FromYear is not null || request.ToYear is not null))
                {
                    var side = new HitCollector(dim == IndexFields.Year ? [] : [dim], [], year: dim == IndexFields.Year, keepHits: false);
                    searcher.Search(Combine(userQuery, request, exclude: dim), side);
                    counts[dim] = side.Counts()[dim];
                }
                foreach (var (dim, field) in FacetNames.Zip(FacetFields))
                    facets[dim] = Order(field, counts.GetValueOrDefault(field) ?? []);
            }

            var sorted = Sort(main.Hits, request.Sort);
            var groups = new Dictionary<long, int>();
            List<(RawHit Hit, long Key)> chosen;
            if (request.GroupByReview)
            {
                var firsts = new List<(RawHit Hit, long Key)>();
                foreach (var h in sorted)
                {
                    if (groups.TryGetValue(h.Review, out var n)) groups[h.Review] = n + 1;
                    else { groups[h.Review] = 0; firsts.Add((h, h.Review)); }
                }
                chosen = firsts;
            }
            else
            {
                chosen = sorted.Select(h => (h, h.Review)).ToList();
                foreach (var h in sorted) groups.TryAdd(h.Review, 0);
            }
            var page = chosen.Skip(Math.Max(0, request.Offset)).Take(Math.Clamp(request.Top, 0, 1000)).ToList();
            var highlighter = HighlighterFor(userQuery);
            var hits = page.Select(p => ToHit(searcher, p.Hit, highlighter, request.GroupByReview ? groups[p.Key] : 0)).ToList();
            int reviews = request.GroupByReview ? groups.Count : main.Hits.Select(h => h.Review).Distinct().Count();
            return new SearchResults(main.Count, reviews, hits, facets);
        }
    }

    private static readonly string[] FacetFields = [IndexFields.Theme, IndexFields.Section, IndexFields.Year, IndexFields.Area, IndexFields.AgeBand, IndexFields.Outcome, IndexFields.ReviewType, IndexFields.Harm];

    private static IReadOnlyList<FacetValue> Order(string field, Dictionary<string, int> counts)
    {
        var values = counts.Select(kv => new FacetValue(kv.Key, kv.Value));
        return field == IndexFields.Year
            ? values.OrderBy(v => v.Value, StringComparer.Ordinal).ToList()
            : values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<string> Selected(SearchRequest r, string field) => field switch
    {
        IndexFields.Section => r.Sections,
        IndexFields.Area => r.Areas,
        IndexFields.AgeBand => r.AgeBands,
        IndexFields.Outcome => r.Outcomes,
        IndexFields.ReviewType => r.ReviewTypes,
        _ => [],
    };

    /// <summary>The user's query restricted to passages and to the request's filters (those of <paramref name="exclude"/> left out).</summary>
    private static Query Combine(Query user, SearchRequest r, string? exclude)
    {
        var q = new BooleanQuery { { user, Occur.MUST }, { Filter(PassagesOnly), Occur.MUST } };
        foreach (var theme in r.Themes) q.Add(Filter(new TermQuery(new Term(IndexFields.Theme, PassageDocumentMapper.KeywordKey(theme)))), Occur.MUST);
        if (r.ReviewIds.Count > 0) q.Add(Filter(AnyOf(IndexFields.ReviewId, r.ReviewIds, keyword: false)), Occur.MUST);
        foreach (var field in SingleDims)
        {
            if (field == exclude) continue;
            var values = Selected(r, field);
            if (values.Count > 0) q.Add(Filter(AnyOf(field, values, keyword: true)), Occur.MUST);
        }
        if (exclude != IndexFields.Year && (r.FromYear is not null || r.ToYear is not null))
            q.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.Year, r.FromYear, r.ToYear, true, true)), Occur.MUST);
        return q;
    }

    private static Query AnyOf(string field, IReadOnlyList<string> values, bool keyword)
    {
        var any = new BooleanQuery();
        foreach (var v in values) any.Add(new TermQuery(new Term(field, keyword ? PassageDocumentMapper.KeywordKey(v) : v)), Occur.SHOULD);
        return any;
    }

    /// <summary>A clause that restricts without changing scores (Lucene.Net 4.8 has no FILTER occur).</summary>
    private static Query Filter(Query q) => new ConstantScoreQuery(q) { Boost = 0f };

    private static List<RawHit> Sort(List<RawHit> hits, SearchSort sort)
    {
        Comparison<RawHit> byScore = (a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : a.Doc.CompareTo(b.Doc);
        hits.Sort(sort switch
        {
            SearchSort.YearNewest => (a, b) => b.Year.CompareTo(a.Year) is var c and not 0 ? c : byScore(a, b),
            SearchSort.YearOldest => (a, b) => (a.Year == 0 ? int.MaxValue : a.Year).CompareTo(b.Year == 0 ? int.MaxValue : b.Year) is var c and not 0 ? c : byScore(a, b),
            _ => byScore,
        });
        return hits;
    }

    private Highlighter? HighlighterFor(Query user)
    {
        if (user is MatchAllDocsQuery) return null;
        var scorer = new QueryScorer(user, IndexFields.Text);
        return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, 240),
        };
    }

    /// <summary>Up to three fragments with the matched words in &lt;mark&gt;; all other text HTML-encoded.</summary>
    private string Highlight(Highlighter? highlighter, string text)
    {
        if (highlighter is not null)
        {
            try
            {
                using var tokens = _indexAnalyzer.GetTokenStream(IndexFields.Text, text);
                var fragments = highlighter.GetBestFragments(tokens, text, 3);
                if (fragments.Length > 0 && fragments.Any(f => f.Contains("<mark>", StringComparison.Ordinal)))
                    return string.Join(" … ", fragments.Where(f => f.Length > 0));
            }
            catch (InvalidTokenOffsetsException)
            {
                // Fall through to the plain opening of the passage: a highlight is a convenience, the hit still stands.
            }
        }
        var opening = text.Length <= 240 ? text : text[..(text.LastIndexOf(' ', 240) is > 100 and var cut ? cut : 240)] + " …";
        return System.Net.WebUtility.HtmlEncode(opening);
    }

    private SearchHit ToHit(IndexSearcher searcher, RawHit raw, Highlighter? highlighter, int more)
    {
        var p = PassageDocumentMapper.ToPassage(searcher.Doc(raw.Doc));
        var themes = p.Themes.Select(t => new ThemeScore(t, p.Scores.GetValueOrDefault(t))).OrderByDescending(t => t.Score).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        return new SearchHit(p.Passage.Id, p.ReviewId, p.Title, p.Area, p.Year, p.Passage.HeadingPath, p.Passage.SectionType, p.Passage.Paragraph,
            p.Passage.PageStart, p.Passage.PageEnd, p.Passage.Text, Highlight(highlighter, p.Passage.Text), themes, Math.Round(raw.Score, 4), more);
    }

    /// <summary>A review and its passages in reading order; null when the index does not hold it.</summary>
    public (IndexedReview Review, IReadOnlyList<IndexedPassage> Passages)? GetReview(string reviewId)
    {
        var searcher = Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(PassageDocumentMapper.ReviewTerm(reviewId)), 100_000);
            IndexedReview? review = null;
            var passages = new List<IndexedPassage>();
            foreach (var sd in top.ScoreDocs)
            {
                var d = searcher.Doc(sd.Doc);
                if (d.Get(IndexFields.DocType) == IndexFields.ReviewDocType) review = PassageDocumentMapper.ToReview(d);
                else passages.Add(PassageDocumentMapper.ToPassage(d));
            }
            return review is null ? null : (review, passages.OrderBy(p => p.Passage.Ordinal).ToList());
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    /// <summary>Passages by id, in the order asked, each with its review; ids not in the index are returned in <paramref name="missing"/>.</summary>
    public IReadOnlyList<Export.Excerpt> GetExcerpts(IReadOnlyList<string> passageIds, out IReadOnlyList<string> missing)
    {
        var searcher = Acquire();
        try
        {
            var found = new List<Export.Excerpt>();
            var notFound = new List<string>();
            var reviews = new Dictionary<string, IndexedReview>(StringComparer.Ordinal);
            var reviewDocs = new TermQuery(new Term(IndexFields.DocType, IndexFields.ReviewDocType));
            foreach (var id in passageIds)
            {
                var hit = searcher.Search(new TermQuery(new Term(IndexFields.PassageId, id)), 1).ScoreDocs.FirstOrDefault();
                if (hit is null) { notFound.Add(id); continue; }
                var passage = PassageDocumentMapper.ToPassage(searcher.Doc(hit.Doc));
                if (!reviews.TryGetValue(passage.ReviewId, out var review))
                {
                    var rd = searcher.Search(new BooleanQuery { { new TermQuery(PassageDocumentMapper.ReviewTerm(passage.ReviewId)), Occur.MUST }, { reviewDocs, Occur.MUST } }, 1).ScoreDocs.First();
                    reviews[passage.ReviewId] = review = PassageDocumentMapper.ToReview(searcher.Doc(rd.Doc));
                }
                found.Add(new Export.Excerpt(passage, review));
            }
            missing = notFound;
            return found;
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    /// <summary>Every indexed review (without passages), ordered by title then id.</summary>
    public IReadOnlyList<IndexedReview> Reviews()
    {
        var searcher = Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.ReviewDocType)), Math.Max(1, searcher.IndexReader.MaxDoc));
            return top.ScoreDocs.Select(sd => PassageDocumentMapper.ToReview(searcher.Doc(sd.Doc)))
                .OrderBy(r => r.Metadata.Title ?? r.Title ?? "", StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    /// <summary>Every review with the number of its passages carrying each theme (a theme counts for a review when at least
    /// one passage carries it at or above the theme's threshold). The basis of prevalence figures.</summary>
    public IReadOnlyList<ReviewThemeSet> ReviewThemeSets()
    {
        var searcher = Acquire();
        try
        {
            var tally = new ThemeTally();
            searcher.Search(PassagesOnly, tally);
            var top = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.ReviewDocType)), Math.Max(1, searcher.IndexReader.MaxDoc));
            return top.ScoreDocs.Select(sd => PassageDocumentMapper.ToReview(searcher.Doc(sd.Doc)))
                .Select(r => new ReviewThemeSet(r, tally.ByReview.TryGetValue(r.Id, out var c) ? c : new Dictionary<string, int>()))
                .OrderBy(r => r.Review.Id, StringComparer.Ordinal).ToList();
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    /// <summary>Counts of what the index holds; the same content always gives the same figures.</summary>
    public IndexStats Stats()
    {
        var searcher = Acquire();
        try
        {
            var counter = new HitCollector([], [IndexFields.Theme], year: false, keepHits: false);
            searcher.Search(PassagesOnly, counter);
            var themes = counter.Counts()[IndexFields.Theme].OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value);
            var reviews = Reviews();
            var models = reviews.Select(r => r.ModelVersion).Distinct().Order(StringComparer.Ordinal).ToList();
            return new IndexStats(reviews.Count, counter.Count, IndexFields.SchemaVersion, models, new System.Collections.ObjectModel.ReadOnlyDictionary<string, int>(themes));
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        _manager.Dispose();
        _directory.Dispose();
        _indexAnalyzer.Dispose();
    }
}
