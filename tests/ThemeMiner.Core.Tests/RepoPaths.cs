using System.Text.Json;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;

namespace ThemeMiner.Core.Tests;

/// <summary>Finds the repository root by walking up to ThemeMiner.sln (no ../../.. paths).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Corpus => Path.Combine(Root, "corpus-sample");
    public static string CorpusFile(string name) => Path.Combine(Corpus, name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ThemeMiner.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ThemeMiner.sln not found above the test binaries");
    }
}

/// <summary>The sample corpus manifest and each file parsed once per test run.</summary>
public static class SampleCorpusFixture
{
    private static readonly Lazy<JsonDocument> LazyManifest = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Corpus, "manifest.json"))));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ParseResult>> Parsed = new();

    public static JsonElement Manifest => LazyManifest.Value.RootElement;

    public static IEnumerable<JsonElement> Reviews => Manifest.GetProperty("reviews").EnumerateArray();

    public static JsonElement Review(string file) => Reviews.Single(r => r.GetProperty("file").GetString() == file);

    public static ParseResult Parse(string relative) =>
        Parsed.GetOrAdd(relative, r => new Lazy<ParseResult>(() => new ReviewParser().ParseFile(RepoPaths.CorpusFile(r)))).Value;

    public static ParsedReview Review(string file, out JsonElement manifest)
    {
        manifest = Review(file);
        var result = Parse(file);
        Assert.True(result.Status == ParseStatus.Ok, $"{file}: {result.Error}");
        return result.Review!;
    }

    public static TheoryData<string> ReviewFiles()
    {
        var data = new TheoryData<string>();
        foreach (var r in Reviews) data.Add(r.GetProperty("file").GetString()!);
        return data;
    }

    public static TheoryData<string, string> BrokenFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var b in Manifest.GetProperty("broken").EnumerateArray())
            data.Add(b.GetProperty("file").GetString()!, b.GetProperty("failure").GetString()!);
        return data;
    }
}
