using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Tests.Classification;

namespace ThemeMiner.Core.Tests.Indexing;

public class QueryParserTests
{
    private static readonly SafeguardingQueryParser Parser = new(new SafeguardingAnalyzer(AnalyzerMode.Query), new SafeguardingAnalyzer(AnalyzerMode.Exact), Shared.Taxonomy.Value);

    [Theory]
    [InlineData("missed health visits", "+text:miss +text:health +text:visit")]
    [InlineData("DV OR neglect", "text:dv text:neglect")]
    [InlineData("neglect NOT housing", "+text:neglect -text:hous")]
    [InlineData("(DV OR \"coercive control\") AND infants", "+(text:dv text:\"=coercive =control\") +text:infant")]
    [InlineData("\"was not brought\"", "text:\"=was =not =brought\"")]
    [InlineData("escalat*", "text:=escalat*")]
    [InlineData("escal?ted", "text:=escal?ted")]
    [InlineData("theme:domestic-abuse", "theme:domestic-abuse")]
    [InlineData("section:Finding", "section:finding")]
    [InlineData("age:\"under 1\"", "age:under 1")]
    [InlineData("year:[2012 TO 2016]", "year:[2012 TO 2016]")]
    [InlineData("year:2015", "year:[2015 TO 2015]")]
    [InlineData("year:{2012 TO *]", "year:{2012 TO *]")]
    [InlineData("Mother's partner", "+text:mother +text:partner")]
    public void Queries_translate_as_documented(string query, string expected) =>
        Assert.Equal(expected, Parser.Parse(query).ToString());

    [Fact]
    public void An_empty_query_matches_everything_and_a_lone_NOT_means_everything_else()
    {
        Assert.Equal("*:*", Parser.Parse("  ").ToString());
        Assert.Equal("+*:* -theme:neglect", Parser.Parse("NOT theme:neglect").ToString());
    }

    [Theory]
    [InlineData("\"not closed", "quotation mark is not closed")]
    [InlineData("(dv OR neglect", "bracket '(' is not closed")]
    [InlineData("dv) neglect", "closing bracket")]
    [InlineData("dv AND", "ends with AND")]
    [InlineData("OR dv", "starts with OR")]
    [InlineData("colour:blue", "there is no field 'colour'")]
    [InlineData("theme:abuse", "there is no theme 'abuse'")]
    [InlineData("section:middle", "there is no section type 'middle'")]
    [InlineData("year:[2012 TO soon]", "'soon' is not a year")]
    [InlineData("area:[a TO b]", "ranges [A TO B] work on year only")]
    [InlineData("*abuse", "cannot start with * or ?")]
    [InlineData("dv AND AND neglect", "could not be read")]
    public void Bad_syntax_is_a_typed_error_with_a_readable_message(string query, string expected)
    {
        var ex = Assert.Throws<QuerySyntaxException>(() => Parser.Parse(query));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("Lucene", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Fact]
    public void Relaxed_queries_apply_only_to_plain_words()
    {
        var relaxed = Parser.Relaxed("dv missed health visits", 3, out var words);
        Assert.Equal(4, words);
        Assert.Equal("(text:dv text:miss text:health text:visit)~3", relaxed!.ToString());
        Assert.Null(Parser.Relaxed("dv AND neglect", 1, out _));
        Assert.Null(Parser.Relaxed("theme:neglect dv", 1, out _));
        Assert.Null(Parser.Relaxed("neglect", 1, out _));
    }
}
