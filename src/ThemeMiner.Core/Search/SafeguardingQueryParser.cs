using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Search;

/// <summary>A query the user typed could not be understood; the message says why in plain words.</summary>
public sealed class QuerySyntaxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The search box's language, on Lucene's classic syntax: plain words all must match (BM25 ranking), "quoted phrases"
/// match the exact unstemmed words, OR, NOT, brackets, fielded terms (theme:neglect, section:finding, year:[2012 TO 2016],
/// area:"...", age:"under 1", outcome:died, type:SCR, harm:neglect, paragraph:4.3, review:ID) and wildcards (escalat*),
/// which match the unstemmed words so a prefix finds every form.
/// </summary>
public sealed class SafeguardingQueryParser
{
    private static readonly Dictionary<string, string> FieldAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = IndexFields.Text,
        ["theme"] = IndexFields.Theme, ["themes"] = IndexFields.Theme,
        ["section"] = IndexFields.Section, ["sectiontype"] = IndexFields.Section,
        ["year"] = IndexFields.Year,
        ["area"] = IndexFields.Area,
        ["age"] = IndexFields.AgeBand, ["ageband"] = IndexFields.AgeBand,
        ["outcome"] = IndexFields.Outcome,
        ["type"] = IndexFields.ReviewType, ["reviewtype"] = IndexFields.ReviewType,
        ["harm"] = IndexFields.Harm,
        ["paragraph"] = IndexFields.Paragraph,
        ["review"] = IndexFields.ReviewId, ["reviewid"] = IndexFields.ReviewId,
        ["kind"] = IndexFields.Kind,
        ["flag"] = IndexFields.Flag,
    };

    public static IReadOnlyCollection<string> FieldNames { get; } = ["theme", "section", "year", "area", "age", "outcome", "type", "harm", "paragraph", "review", "kind", "flag"];

    private readonly SafeguardingAnalyzer _query;
    private readonly SafeguardingAnalyzer _exact;
    private readonly Taxonomy? _taxonomy;

    public SafeguardingQueryParser(SafeguardingAnalyzer queryAnalyzer, SafeguardingAnalyzer exactAnalyzer, Taxonomy? taxonomy = null)
    {
        _query = queryAnalyzer;
        _exact = exactAnalyzer;
        _taxonomy = taxonomy;
    }

    /// <summary>Translates the text; an empty text matches every passage. Throws <see cref="QuerySyntaxException"/>.</summary>
    public Query Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new MatchAllDocsQuery();
        PreCheck(text);
        var parser = new Parser(this);
        Query query;
        try
        {
            query = parser.Parse(text);
        }
        catch (ParseException ex)
        {
            throw new QuerySyntaxException(Explain(text, ex), ex);
        }
        catch (BooleanQuery.TooManyClausesException ex)
        {
            throw new QuerySyntaxException("the search expands to too many words: make the wildcard longer (e.g. 'escalat*' rather than 'es*')", ex);
        }
        return OnlyNegative(query) is { } q ? q : query;
    }

    /// <summary>
    /// For a search of plain words (and phrases) that matched nothing: the same words with at least
    /// <paramref name="minimum"/> of them required. Null when the query uses operators, fields or brackets (the user
    /// said exactly what they wanted) or has fewer than two words.
    /// </summary>
    public Query? Relaxed(string? text, int minimum, out int words)
    {
        words = 0;
        if (string.IsNullOrWhiteSpace(text) || text.IndexOfAny([':', '(', ')', '*', '?', '~', '^', '[', '{']) >= 0) return null;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Any(t => t is "AND" or "OR" or "NOT" or "&&" or "||" || t.StartsWith('-') || t.StartsWith('+'))) return null;
        var parser = new Parser(this) { DefaultOperator = Operator.OR };
        Query q;
        try { q = parser.Parse(text); }
        catch (ParseException) { return null; }
        if (q is not BooleanQuery b || b.Clauses.Count < 2 || b.Clauses.Any(c => c.Occur != Occur.SHOULD)) return null;
        words = b.Clauses.Count;
        if (minimum >= words) return null;
        var relaxed = new BooleanQuery { MinimumNumberShouldMatch = Math.Max(1, minimum) };
        foreach (var c in b.Clauses) relaxed.Add(c);
        return relaxed;
    }

    /// <summary>"NOT x" alone means everything except x.</summary>
    private static Query? OnlyNegative(Query query)
    {
        if (query is not BooleanQuery b || b.Clauses.Count == 0 || b.Clauses.Any(c => c.Occur != Occur.MUST_NOT)) return null;
        var copy = new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST } };
        foreach (var c in b.Clauses) copy.Add(c);
        return copy;
    }

    private static void PreCheck(string text)
    {
        if (text.Count(c => c == '"') % 2 == 1)
            throw new QuerySyntaxException("a quotation mark is not closed: put a \" at the end of the phrase");
        int depth = 0;
        bool quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') depth++;
            if (c == ')' && --depth < 0) throw new QuerySyntaxException("a closing bracket ')' has no opening '(' before it");
        }
        if (depth > 0) throw new QuerySyntaxException("a bracket '(' is not closed: add ')' after the words it groups");
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && words[^1] is "AND" or "OR" or "NOT" or "&&" or "||")
            throw new QuerySyntaxException($"the search ends with {words[^1]}: add the words it should join, or remove it");
        if (words.Length > 0 && words[0] is "AND" or "OR" or "&&" or "||")
            throw new QuerySyntaxException($"the search starts with {words[0]}: {words[0]} joins two words, so put a word before it");
    }

    private static string Explain(string text, ParseException ex)
    {
        var msg = ex.Message;
        if (msg.Contains("not allowed as first character", StringComparison.OrdinalIgnoreCase))
            return "a word cannot start with * or ?: put the wildcard at the end or inside a word (e.g. escalat*)";
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is QuerySyntaxException inner) return inner.Message;
        var column = Regex.Match(msg, @"column (\d+)");
        var where = column.Success && int.TryParse(column.Groups[1].Value, out var c) && c <= text.Length
            ? $" near \"{text[Math.Max(0, c - 1)..Math.Min(text.Length, c + 15)].Trim()}\"" : "";
        return $"the search could not be read{where}: check that AND, OR and NOT have words on both sides, field names end in ':' with a value after it, and ranges look like year:[2012 TO 2016]";
    }

    private string MapField(string field)
    {
        if (FieldAliases.TryGetValue(field, out var f)) return f;
        throw new QuerySyntaxException($"there is no field '{field}': use one of {string.Join(", ", FieldNames)} (or put the words in quotes if the colon is part of the text)");
    }

    private Query KeywordQuery(string field, string value)
    {
        var key = PassageDocumentMapper.KeywordKey(value);
        if (field == IndexFields.Theme && _taxonomy is not null && !_taxonomy.Contains(key))
            throw new QuerySyntaxException($"there is no theme '{value}': theme ids look like 'domestic-abuse' (see the themes list)");
        if (field == IndexFields.Section && !Names.TryParseSectionType(key, out _))
            throw new QuerySyntaxException($"there is no section type '{value}': use summary, terms-of-reference, background, chronology, analysis, finding, recommendation, appendix or other");
        if (field is IndexFields.ReviewId or IndexFields.Paragraph) key = value.Trim();
        return new TermQuery(new Term(field, key));
    }

    private static Query YearQuery(string? from, string? to, bool includeFrom, bool includeTo)
    {
        static int? Year(string? s)
        {
            if (s is null or "*") return null;
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1900 and < 2200) return y;
            throw new QuerySyntaxException($"'{s}' is not a year: write year:2015 or year:[2012 TO 2016]");
        }
        return NumericRangeQuery.NewInt32Range(IndexFields.Year, Year(from), Year(to), includeFrom, includeTo);
    }

    /// <summary>Lucene's classic parser with our field handling.</summary>
    private sealed class Parser : QueryParser
    {
        private readonly SafeguardingQueryParser _owner;

        public Parser(SafeguardingQueryParser owner) : base(SafeguardingAnalyzer.Version, IndexFields.Text, owner._query)
        {
            _owner = owner;
            DefaultOperator = Operator.AND;
            AllowLeadingWildcard = false;
            AutoGeneratePhraseQueries = false;
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            var f = Map(field);
            if (f == IndexFields.Year) return YearQuery(queryText, queryText, true, true);
            if (f != IndexFields.Text) return _owner.KeywordQuery(f, queryText);
            if (!quoted) return base.GetFieldQuery(f, queryText, quoted);
            var previous = Analyzer;
            Analyzer = _owner._exact;
            try { return base.GetFieldQuery(f, queryText, quoted); }
            finally { Analyzer = previous; }
        }

        protected override Query GetFieldQuery(string field, string queryText, int slop)
        {
            var f = Map(field);
            if (f != IndexFields.Text) return GetFieldQuery(field, queryText, quoted: true);
            var previous = Analyzer;
            Analyzer = _owner._exact;
            try { return base.GetFieldQuery(f, queryText, slop); }
            finally { Analyzer = previous; }
        }

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            var f = Map(field);
            if (f != IndexFields.Year) throw new ParseException($"ranges work on year only", new QuerySyntaxException("ranges [A TO B] work on year only, e.g. year:[2012 TO 2016]"));
            return YearQuery(part1, part2, startInclusive, endInclusive);
        }

        protected override Query GetPrefixQuery(string field, string termStr)
        {
            var f = Map(field);
            if (f == IndexFields.Text) return new PrefixQuery(new Term(f, ExactFormFilter.Marker + termStr.ToLowerInvariant()));
            if (f == IndexFields.Year) throw new ParseException("no wildcard on year", new QuerySyntaxException("wildcards do not work on year: use a range, e.g. year:[2010 TO 2019]"));
            return new PrefixQuery(new Term(f, PassageDocumentMapper.KeywordKey(termStr)));
        }

        protected override Query GetWildcardQuery(string field, string termStr)
        {
            var f = Map(field);
            if (termStr == "*") return new MatchAllDocsQuery();
            if (termStr[0] is '*' or '?') throw new ParseException("'*' not allowed as first character in WildcardQuery");
            if (f == IndexFields.Text) return new WildcardQuery(new Term(f, ExactFormFilter.Marker + termStr.ToLowerInvariant()));
            if (f == IndexFields.Year) throw new ParseException("no wildcard on year", new QuerySyntaxException("wildcards do not work on year: use a range, e.g. year:[2010 TO 2019]"));
            return new WildcardQuery(new Term(f, PassageDocumentMapper.KeywordKey(termStr)));
        }

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
        {
            var f = Map(field);
            if (f != IndexFields.Text) return _owner.KeywordQuery(f, termStr);
            int edits = minSimilarity >= 1 ? (int)Math.Min(2, minSimilarity) : minSimilarity > 0.5f ? 1 : 2;
            return new FuzzyQuery(new Term(f, ExactFormFilter.Marker + termStr.ToLowerInvariant()), edits, prefixLength: 1);
        }

        private string Map(string field)
        {
            try { return _owner.MapField(field); }
            catch (QuerySyntaxException ex) { throw new ParseException(ex.Message, ex); }
        }
    }
}
