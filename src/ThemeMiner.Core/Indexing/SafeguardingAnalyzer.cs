using System.Security.Cryptography;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ThemeMiner.Core.Indexing;

/// <summary>
/// English analysis for review text, with the safeguarding acronym and synonym map.
/// <list type="bullet">
/// <item><see cref="AnalyzerMode.Index"/>: tokens, possessives removed, lower case, synonyms injected (the map's groups
/// are equivalent: "DV" also indexes "domestic violence" and "domestic abuse"), an exact form of every original token
/// ("=escalated", unstemmed, stop words kept) stacked at the same position, stop words removed, Porter stems.</item>
/// <item><see cref="AnalyzerMode.Query"/>: the same without synonyms (they are in the index already) and without exact forms.</item>
/// <item><see cref="AnalyzerMode.Exact"/>: exact forms only, for quoted phrases and wildcards.</item>
/// </list>
/// "A&amp;E" and "s.47" are normalised before tokenising (to "AandE", "s47") so they survive as single tokens.
/// </summary>
public sealed class SafeguardingAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly NormalizeCharMap CharMap = BuildCharMap();

    private readonly SynonymMap? _synonyms;
    private readonly AnalyzerMode _mode;

    public SafeguardingAnalyzer(AnalyzerMode mode, SynonymSet? synonyms = null)
    {
        _mode = mode;
        _synonyms = synonyms?.Map;
    }

    public AnalyzerMode Mode => _mode;

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(CharMap, reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        if (_mode == AnalyzerMode.Exact) return new TokenStreamComponents(source, new ExactFormFilter(stream, exactOnly: true));
        if (_mode == AnalyzerMode.Index)
        {
            if (_synonyms is not null) stream = new SynonymFilter(stream, _synonyms, ignoreCase: true);
            stream = new ExactFormFilter(stream, exactOnly: false);
        }
        stream = new StopFilter(Version, stream, StopAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    private static NormalizeCharMap BuildCharMap()
    {
        var b = new NormalizeCharMap.Builder();
        foreach (var form in new[] { "A&E", "A & E", "a&e", "a & e", "A&amp;E" }) b.Add(form, "AandE");
        // Sections of the Children Act and others as reports abbreviate them: "s.47", "S.47", "s. 47" all become "s47".
        foreach (var section in new[] { "7", "11", "17", "20", "31", "37", "38", "44", "46", "47", "136" })
            foreach (var prefix in new[] { "s.", "S.", "s. ", "S. " })
                b.Add(prefix + section, "s" + section);
        return b.Build();
    }

    /// <summary>The analyzed terms of a text (for tests and diagnostics): "term" or "term@+0" for stacked tokens.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var ts = GetTokenStream("text", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var inc = ts.AddAttribute<IPositionIncrementAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) terms.Add(inc.PositionIncrement == 0 ? term.ToString() + "@+0" : term.ToString());
        ts.End();
        return terms;
    }
}

public enum AnalyzerMode { Index, Query, Exact }

/// <summary>Stacks an exact (unstemmed, marked) form of each original token at its position; synonym tokens get none.</summary>
internal sealed class ExactFormFilter : TokenFilter
{
    public const char Marker = '=';
    private readonly bool _exactOnly;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IKeywordAttribute _keyword;
    private readonly ITypeAttribute _type;
    private State? _pending;

    public ExactFormFilter(TokenStream input, bool exactOnly) : base(input)
    {
        _exactOnly = exactOnly;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending is not null)
        {
            RestoreState(_pending);
            _pending = null;
            MarkExact();
            _increment.PositionIncrement = 0;
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (_exactOnly) { MarkExact(); return true; }
        if (_type.Type != SynonymFilter.TYPE_SYNONYM) _pending = CaptureState();
        return true;
    }

    private void MarkExact()
    {
        var value = Marker + _term.ToString();
        _term.SetEmpty().Append(value);
        _keyword.IsKeyword = true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = null;
    }
}

/// <summary>The safeguarding synonym and acronym map (models/synonyms.txt, Solr format: one comma-separated equivalence
/// group a line, # comments) and its version (a hash of the file: an index built with another map is re-indexed).</summary>
public sealed class SynonymSet
{
    internal SynonymMap Map { get; }
    public string Version { get; }
    public int Groups { get; }

    private SynonymSet(SynonymMap map, string version, int groups)
    {
        Map = map;
        Version = version;
        Groups = groups;
    }

    public static SynonymSet Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"the synonym map {path} is missing: restore models/synonyms.txt from the repository");
        return FromText(File.ReadAllText(path));
    }

    public static SynonymSet FromText(string text) =>
        new(SynonymMapLoader.Parse(text), Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12], SynonymMapLoader.Groups(text).Count);
}

internal static class SynonymMapLoader
{
    /// <summary>Each group's members map to every other member, keeping the original token (so it keeps its type and
    /// gets its exact form; SolrSynonymParser's expand mode would replace it with a synonym-typed copy of itself).</summary>
    public static SynonymMap Parse(string text)
    {
        using var entryAnalyzer = new EntryAnalyzer();
        var builder = new SynonymMap.Builder(dedup: true);
        int line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var l = raw.Trim();
            if (l.Length == 0 || l.StartsWith('#')) continue;
            if (l.Contains("=>", StringComparison.Ordinal))
                throw new InvalidDataException($"the synonym map line {line} uses '=>': write each group as comma-separated equivalents");
            var members = l.Split(',').Select(e => Analyze(entryAnalyzer, e.Trim())).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (members.Count < 2) throw new InvalidDataException($"the synonym map line {line} has fewer than two entries: '{l}'");
            foreach (var from in members)
                foreach (var to in members)
                    if (from != to) builder.Add(new CharsRef(from), new CharsRef(to), includeOrig: true);
        }
        return builder.Build();
    }

    /// <summary>An entry's tokens as the index sees them before the synonym filter, joined with the map's word separator.</summary>
    private static string Analyze(Analyzer analyzer, string entry)
    {
        var words = new List<string>();
        using var ts = analyzer.GetTokenStream("synonym", entry);
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) words.Add(term.ToString());
        ts.End();
        return string.Join(SynonymMap.WORD_SEPARATOR, words);
    }

    /// <summary>The groups of the map as written (lower-cased entries), for tests and documentation.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (IReadOnlyList<string>)l.Split(',').Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).ToList()).ToList();

    /// <summary>Analyses synonym entries the way the index analyses text before the synonym filter.</summary>
    private sealed class EntryAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(SafeguardingAnalyzer.Version, reader);
            TokenStream stream = new EnglishPossessiveFilter(SafeguardingAnalyzer.Version, source);
            stream = new LowerCaseFilter(SafeguardingAnalyzer.Version, stream);
            return new TokenStreamComponents(source, stream);
        }
    }
}
