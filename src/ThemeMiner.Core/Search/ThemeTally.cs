using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ThemeMiner.Core.Indexing;

namespace ThemeMiner.Core.Search;

/// <summary>Counts, for every review, the passages carrying each theme, from doc values (one pass over the passages).</summary>
internal sealed class ThemeTally : ICollector
{
    private SortedDocValues? _reviews;
    private SortedSetDocValues? _themes;
    private string?[] _reviewNames = [];
    private string?[] _themeNames = [];
    private readonly BytesRef _scratch = new();

    public Dictionary<string, Dictionary<string, int>> ByReview { get; } = new(StringComparer.Ordinal);

    public bool AcceptsDocsOutOfOrder => true;
    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        _reviews = context.AtomicReader.GetSortedDocValues(IndexFields.ReviewId);
        _themes = context.AtomicReader.GetSortedSetDocValues(IndexFields.Theme);
        _reviewNames = new string?[_reviews?.ValueCount ?? 0];
        _themeNames = new string?[(int)(_themes?.ValueCount ?? 0)];
    }

    public void Collect(int doc)
    {
        if (_reviews is null || _reviews.GetOrd(doc) is not (var r and >= 0)) return;
        var review = _reviewNames[r] ??= Lookup(_reviews, r);
        if (!ByReview.TryGetValue(review, out var counts)) ByReview[review] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_themes is null) return;
        _themes.SetDocument(doc);
        for (long ord = _themes.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _themes.NextOrd())
        {
            var theme = _themeNames[ord] ??= LookupSet(_themes, ord);
            counts[theme] = counts.GetValueOrDefault(theme) + 1;
        }
    }

    private string Lookup(SortedDocValues values, int ord)
    {
        values.LookupOrd(ord, _scratch);
        return _scratch.Utf8ToString();
    }

    private string LookupSet(SortedSetDocValues values, long ord)
    {
        values.LookupOrd(ord, _scratch);
        return _scratch.Utf8ToString();
    }
}
