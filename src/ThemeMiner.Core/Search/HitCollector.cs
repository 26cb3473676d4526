using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ThemeMiner.Core.Search;

/// <summary>One matching passage: global doc id, score, its review (segment and ordinal: a review's block never spans segments), year.</summary>
internal readonly record struct RawHit(int Doc, float Score, long Review, int Year);

/// <summary>
/// Collects every matching passage (for sorting, paging and grouping by review) and counts facet values from doc
/// values as it goes: single-valued keyword fields, multi-valued ones (themes, harm) and the year. Lucene.Net.Facet
/// is not served here, and counting from doc values costs one array increment a passage a dimension.
/// </summary>
internal sealed class HitCollector : ICollector
{
    private readonly string[] _single;
    private readonly string[] _multi;
    private readonly bool _year;
    private readonly bool _keepHits;
    private readonly Dictionary<string, Dictionary<string, int>> _counts = new();

    private SortedDocValues?[] _singleValues = [];
    private SortedSetDocValues?[] _multiValues = [];
    private int[][] _singleCounts = [];
    private int[][] _multiCounts = [];
    private NumericDocValues? _years;
    private IBits? _hasYear;
    private SortedDocValues? _reviews;
    private SortedDocValues? _sections;
    private float[] _sectionPrior = [];
    private Scorer? _scorer;
    private int _docBase;
    private long _segment;

    public List<RawHit> Hits { get; } = [];
    public int Count { get; private set; }

    public HitCollector(IEnumerable<string> singleDims, IEnumerable<string> multiDims, bool year, bool keepHits)
    {
        _single = singleDims.ToArray();
        _multi = multiDims.ToArray();
        _year = year;
        _keepHits = keepHits;
        foreach (var d in _single.Concat(_multi)) _counts[d] = new Dictionary<string, int>(StringComparer.Ordinal);
        if (year) _counts[Indexing.IndexFields.Year] = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _segment = context.Ord;
        _reviews = reader.GetSortedDocValues(Indexing.IndexFields.ReviewId);
        _sections = reader.GetSortedDocValues(Indexing.IndexFields.Section);
        _sectionPrior = new float[_sections?.ValueCount ?? 0];
        var name = new BytesRef();
        for (int ord = 0; ord < _sectionPrior.Length; ord++)
        {
            _sections!.LookupOrd(ord, name);
            _sectionPrior[ord] = SectionPrior(name.Utf8ToString());
        }
        _years = reader.GetNumericDocValues(Indexing.IndexFields.Year);
        _hasYear = reader.GetDocsWithField(Indexing.IndexFields.Year);
        _singleValues = _single.Select(reader.GetSortedDocValues).ToArray();
        _singleCounts = _singleValues.Select(v => new int[v?.ValueCount ?? 0]).ToArray();
        _multiValues = _multi.Select(reader.GetSortedSetDocValues).ToArray();
        _multiCounts = _multiValues.Select(v => new int[(int)(v?.ValueCount ?? 0)]).ToArray();
    }

    public void Collect(int doc)
    {
        Count++;
        int year = _years is not null && _hasYear is not null && _hasYear.Get(doc) ? (int)_years.Get(doc) : 0;
        if (_keepHits)
        {
            long review = (_segment << 32) | (uint)(_reviews?.GetOrd(doc) ?? -1);
            float prior = _sections?.GetOrd(doc) is int so and >= 0 ? _sectionPrior[so] : 1f;
            Hits.Add(new RawHit(_docBase + doc, (_scorer?.GetScore() ?? 0f) * prior, review, year));
        }
        for (int i = 0; i < _singleValues.Length; i++)
            if (_singleValues[i] is { } sv && sv.GetOrd(doc) is var ord and >= 0) _singleCounts[i][ord]++;
        for (int i = 0; i < _multiValues.Length; i++)
        {
            if (_multiValues[i] is not { } mv) continue;
            mv.SetDocument(doc);
            for (long ord = mv.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = mv.NextOrd()) _multiCounts[i][ord]++;
        }
        if (_year && year > 0)
        {
            var key = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var counts = _counts[Indexing.IndexFields.Year];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>
    /// A ranking prior by section: appendices (glossaries, lists of agencies and documents) mention everything and
    /// say little, and terms of reference list who took part; they rank below the analysis and findings that use
    /// the same words. Multiplies the BM25 score; matching is unchanged.
    /// </summary>
    public static float SectionPrior(string section) => section switch
    {
        "appendix" => 0.5f,
        "terms-of-reference" => 0.8f,
        _ => 1f,
    };

    private void FlushSegment()
    {
        var scratch = new BytesRef();
        for (int i = 0; i < _singleValues.Length; i++)
        {
            if (_singleValues[i] is not { } sv) continue;
            for (int ord = 0; ord < _singleCounts[i].Length; ord++)
            {
                if (_singleCounts[i][ord] == 0) continue;
                sv.LookupOrd(ord, scratch);
                Add(_single[i], scratch.Utf8ToString(), _singleCounts[i][ord]);
            }
        }
        for (int i = 0; i < _multiValues.Length; i++)
        {
            if (_multiValues[i] is not { } mv) continue;
            for (int ord = 0; ord < _multiCounts[i].Length; ord++)
            {
                if (_multiCounts[i][ord] == 0) continue;
                mv.LookupOrd(ord, scratch);
                Add(_multi[i], scratch.Utf8ToString(), _multiCounts[i][ord]);
            }
        }
        _singleValues = [];
        _multiValues = [];
    }

    private void Add(string dim, string value, int n)
    {
        var counts = _counts[dim];
        counts[value] = counts.GetValueOrDefault(value) + n;
    }

    /// <summary>Counts per dimension, after the last segment.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Counts()
    {
        FlushSegment();
        return _counts;
    }
}
