namespace ThemeMiner.Core.Samples;

/// <summary>
/// A national-size corpus for benchmarks (`thememiner sample scale`): each generated review is one sample review
/// (title page, header and body) with 0-13 whole level-1 sections of other sample reviews appended, so lengths run from
/// about 10 to 50 pages (100 reviews with seed 7: 11 to 49, median 28). Mostly PDF (one in eight is Word). Appended sections are taken as a reader sees them (tracked
/// changes accepted, footnote markers dropped) and keep their own numbering, so numbers can repeat within a file.
/// Deterministic for a seed: the renderers are, and every choice comes from a generator seeded by (seed, index).
/// </summary>
public static class ScaleCorpus
{
    private static readonly HashSet<string> PdfFeatures = ["outline", "two-column", "coversheet", "ligatures"];
    private static readonly HashSet<string> WordFeatures = ["numbered-list", "tables", "footnotes", "page-breaks", "tracked-changes"];

    public sealed record GeneratedReview(string FileName, byte[] Bytes, int? Pages, string BasedOn, int SectionsAdded);

    public static IEnumerable<GeneratedReview> Generate(IReadOnlyList<SampleSource> sources, int count, int seed)
    {
        if (sources.Count == 0) throw new ArgumentException("no sample sources to recombine");
        var sections = sources.Select(SectionsOf).ToList();
        for (int i = 0; i < count; i++)
        {
            var rng = new Random(unchecked(seed * 1_000_003 + i));
            int b = rng.Next(sources.Count);
            var source = sources[b];
            var body = source.Body.ToList();
            int extra = rng.Next(0, 14), added = 0;
            for (int k = 0; k < extra; k++)
            {
                int other = rng.Next(sources.Count);
                if (other == b || sections[other].Count == 0) continue;
                var picked = sections[other][rng.Next(sections[other].Count)];
                body.Add(new SourceElement(SourceElementKind.PageBreak, ""));
                body.AddRange(picked.Select(e => e with { Text = SampleSource.Accepted(e.Text) }));
                added++;
            }
            var format = i % 8 == 7 ? "docx" : "pdf";
            var keep = format == "pdf" ? PdfFeatures : WordFeatures;
            var name = $"review-{i + 1:D5}-{Path.GetFileNameWithoutExtension(source.OutputFile)}.{format}";
            var generated = source with { OutputFile = name, Format = format, Body = body, Features = source.Features.Where(keep.Contains).ToHashSet(StringComparer.Ordinal) };
            var result = SampleCorpus.Render(generated);
            yield return new GeneratedReview(name, result.Bytes, result.Pages, source.OutputFile, added);
        }
    }

    /// <summary>The body's level-1 sections after the first (the introduction), each from its heading to the next.</summary>
    private static List<List<SourceElement>> SectionsOf(SampleSource s)
    {
        var result = new List<List<SourceElement>>();
        List<SourceElement>? current = null;
        foreach (var e in s.Body)
        {
            if (e.Kind == SourceElementKind.Heading && e.Level == 1) { current = []; result.Add(current); }
            if (current is not null && e.Kind != SourceElementKind.PageBreak) current.Add(e);
        }
        return result.Skip(1).Where(x => x.Count > 1).ToList();
    }
}
