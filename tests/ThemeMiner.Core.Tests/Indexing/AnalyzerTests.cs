using ThemeMiner.Core.Indexing;

namespace ThemeMiner.Core.Tests.Indexing;

/// <summary>Analyzer behaviour pinned as token tables: "term" at a new position, "term@+0" stacked on the previous one.</summary>
public class AnalyzerTests
{
    private static readonly SafeguardingAnalyzer Index = IndexSupport.IndexAnalyzer();
    private static readonly SafeguardingAnalyzer Query = new(AnalyzerMode.Query);
    private static readonly SafeguardingAnalyzer Exact = new(AnalyzerMode.Exact);

    [Theory]
    [InlineData("The referrals escalated", "=the referr =referrals@+0 escal =escalated@+0")]
    [InlineData("Mother's partner", "mother =mother@+0 partner =partner@+0")]
    [InlineData("Mother’s partner", "mother =mother@+0 partner =partner@+0")]
    [InlineData("the child was seen", "=the child =child@+0 =was seen =seen@+0")]
    public void Index_analysis_stems_drops_possessives_and_stop_words_and_keeps_exact_forms(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', Index.Terms(text)));

    [Theory]
    [InlineData("The referrals escalated", "referr escal")]
    [InlineData("Mother's partners", "mother partner")]
    [InlineData("DV", "dv")]
    public void Query_analysis_stems_without_synonyms_or_exact_forms(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', Query.Terms(text)));

    [Fact]
    public void Exact_analysis_keeps_stop_words_and_surface_forms() =>
        Assert.Equal("=did =not =attend", string.Join(' ', Exact.Terms("did not attend")));

    [Theory]
    [InlineData("DV", new[] { "dv", "domest", "violenc", "abus" })]
    [InlineData("domestic abuse", new[] { "dv", "domest", "abus", "violenc" })]
    [InlineData("NFA", new[] { "nfa", "further", "action" })]
    [InlineData("no further action", new[] { "nfa" })]
    [InlineData("the HV", new[] { "hv", "health", "visitor" })]
    [InlineData("A&E", new[] { "aand", "emerg", "depart", "accid" })]
    [InlineData("A & E", new[] { "aand", "emerg" })]
    [InlineData("s.47", new[] { "s47", "section", "47" })]
    [InlineData("section 47 enquiries", new[] { "s47" })]
    [InlineData("MASH", new[] { "mash", "multi", "agenc", "safeguard", "hub" })]
    [InlineData("ICPC", new[] { "icpc", "initi", "child", "protect", "confer" })]
    [InlineData("was not brought", new[] { "dna", "attend" })]
    [InlineData("CAMHS", new[] { "camh", "adolesc", "mental", "health" })]
    [InlineData("looked after children", new[] { "lac", "cla" })]
    [InlineData("SUDI", new[] { "sudden", "unexpect", "death", "infanc" })]
    [InlineData("NAI", new[] { "non", "accident", "injuri" })]
    public void Acronyms_and_their_spelled_out_forms_index_each_other(string text, string[] expected)
    {
        var terms = Index.Terms(text).Select(t => t.Replace("@+0", "")).ToHashSet();
        Assert.All(expected, e => Assert.Contains(e, terms));
    }

    [Fact]
    public void Ordinary_words_are_not_taken_for_acronyms()
    {
        var terms = Index.Terms("We will send the salt to the lab").Select(t => t.Replace("@+0", "")).ToHashSet();
        Assert.DoesNotContain("special", terms);
        Assert.DoesNotContain("speech", terms);
    }

    [Fact]
    public void The_synonym_map_is_data_with_enough_checked_groups()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "models", "synonyms.txt"));
        var groups = SynonymMapLoader.Groups(text);
        Assert.True(groups.Count >= 80, $"{groups.Count} groups");
        // Each group has a comment above it saying how reports write it.
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        for (int i = 0; i < lines.Count; i++)
            if (lines[i].Length > 0 && !lines[i].StartsWith('#'))
                Assert.True(i > 0 && lines[i - 1].StartsWith('#'), $"line {i + 1} has no comment above it: {lines[i]}");
        // A term in two groups would merge them silently.
        var all = groups.SelectMany(g => g).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        foreach (var required in new[] { "dv", "hv", "gp", "nfa", "cin", "cp", "lac", "cla", "mash", "marac", "mappa", "cse", "cce", "sudi", "sids", "nai", "icpc", "rcpc", "s47", "camhs", "ehcp", "dna", "plo", "eha", "iro", "lado", "caf" })
            Assert.Contains(required, all);
    }

    [Fact]
    public void A_bad_synonym_line_is_a_readable_error()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SynonymSet.FromText("# ok\ndv, domestic violence\n# one-way\nnfa => no further action\n"));
        Assert.Contains("line 4", ex.Message);
    }
}
