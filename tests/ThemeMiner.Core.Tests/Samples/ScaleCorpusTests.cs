using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Samples;

namespace ThemeMiner.Core.Tests.Samples;

public class ScaleCorpusTests
{
    [Fact]
    public void The_scale_generator_is_deterministic_for_a_seed_and_writes_reviews_that_parse()
    {
        var sources = new SampleCorpus(RepoPaths.Corpus).LoadSources();
        var first = ScaleCorpus.Generate(sources, 8, seed: 3).ToList();
        var again = ScaleCorpus.Generate(sources, 8, seed: 3).ToList();
        Assert.Equal(first.Select(g => g.FileName), again.Select(g => g.FileName));
        Assert.All(first.Zip(again), p => Assert.Equal(p.First.Bytes, p.Second.Bytes));
        Assert.NotEqual(first.Select(g => g.Bytes.Length), ScaleCorpus.Generate(sources, 8, seed: 4).Select(g => g.Bytes.Length));
        Assert.Contains(first, g => g.FileName.EndsWith(".docx"));
        Assert.Contains(first, g => g.SectionsAdded > 0);
        var parser = new ReviewParser();
        foreach (var g in first)
        {
            var result = parser.Parse(g.FileName, g.Bytes);
            Assert.True(result.Status == ParseStatus.Ok, $"{g.FileName}: {result.Error}");
            var original = SampleCorpusFixture.Parse(g.BasedOn).Review!;
            Assert.Equal(original.Metadata.Title, result.Review!.Metadata.Title);
            Assert.True(result.Review.Passages.Count >= original.Passages.Count);
            if (g.FileName.EndsWith(".pdf")) Assert.True(g.Pages >= 8, $"{g.FileName}: {g.Pages} pages");
        }
    }
}
