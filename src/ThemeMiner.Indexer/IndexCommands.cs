using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner index`, `search`, `stats` and `delete`: the search index from the command line.</summary>
internal static partial class IndexCommands
{
    private static Option<string?> IndexOption() => new("--index") { Description = $"The index folder (default: configuration ThemeMiner:IndexPath, environment {ProjectPaths.IndexPathVariable}, else {ProjectPaths.DefaultIndexFolder})." };
    private static Option<string?> SynonymsOption() => new("--synonyms") { Description = "The synonym and acronym map (default models/synonyms.txt)." };

    public static Command Index(TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var paths = new Argument<string[]>("paths") { Description = "Review files and folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var index = IndexOption();
        var jobs = new Option<int>("--jobs") { Description = "Files parsed and tagged at once (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var commitEvery = new Option<int>("--commit-every") { Description = "Commit after this many reviews (a kill loses at most the reviews since the last commit).", DefaultValueFactory = _ => new IngestOptions().CommitEveryReviews };
        var model = ModelCommands.ModelOption();
        var taxonomy = ModelCommands.TaxonomyOption();
        var synonyms = SynonymsOption();
        var limits = new Cli.LimitOptions();
        var cmd = new Command("index", "Parse, tag and index review files: new files are added, changed files replace their old version, unchanged files are skipped.")
            { paths, index, jobs, commitEvery, model, taxonomy, synonyms };
        limits.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var folder = ProjectPaths.IndexFolder(r.GetValue(index));
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var modelPath = ProjectPaths.Resolve(r.GetValue(model), ProjectPaths.ModelFile);
            if (!File.Exists(modelPath)) { stderr.WriteLine($"error: {modelPath}: no theme model; train one with 'thememiner train' or give --model"); return Cli.ExitUsage; }
            var classifier = ThemeClassifier.Load(modelPath, tax);
            var map = SynonymSet.Load(ProjectPaths.Resolve(r.GetValue(synonyms), ProjectPaths.SynonymsFile));
            var ingestor = new IndexIngestor(new ReviewParser(limits.Read(r)), classifier, map.Version);
            var options = new IngestOptions { Jobs = Math.Max(1, r.GetValue(jobs)), CommitEveryReviews = Math.Max(1, r.GetValue(commitEvery)) };
            var progress = new ProgressPrinter(stderr);
            var clock = Stopwatch.StartNew();
            IngestSummary summary;
            using (var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, map))
            using (var writer = OpenWriter(folder, analyzer, stderr))
            {
                if (writer is null) return Cli.ExitFailed;
                summary = ingestor.Ingest(writer, r.GetValue(paths) ?? [], options, p => progress.Report(p.Done, p.Total, p.Source, p.Outcome.ToString().ToLowerInvariant(), p.Pages, p.Elapsed), ct);
            }
            progress.Done();
            foreach (var f in summary.Files.Where(f => f.Outcome == IngestOutcome.Failed)) stderr.WriteLine($"error: {f.Source}: {f.Error}");
            stderr.WriteLine($"indexed {summary.Files.Count} files into {folder} in {clock.Elapsed.TotalSeconds:0.0} s: {summary.Added} added, {summary.Replaced} replaced, {summary.Unchanged} unchanged, {summary.Failed} failed");
            return summary.Failed > 0 ? Cli.ExitFailed : Cli.ExitOk;
        });
        return cmd;
    }

    private static ReviewIndexWriter? OpenWriter(string folder, SafeguardingAnalyzer analyzer, TextWriter stderr)
    {
        try { return ReviewIndexWriter.Open(folder, analyzer); }
        catch (Exception ex) when (ex is IndexInUseException or IndexSchemaException) { stderr.WriteLine($"error: {ex.Message}"); return null; }
    }

    public static Command Search(TextWriter stdout, TextWriter stderr)
    {
        var query = new Argument<string>("query") { Description = "Words (all must match), \"phrases\", OR, NOT, (brackets), theme:ID, section:TYPE, year:[2012 TO 2016], area:\"...\", age:\"under 1\", escalat*." };
        var index = IndexOption();
        var themes = new Option<string[]>("--theme") { Description = "Only passages tagged with this theme (repeat: all must apply).", AllowMultipleArgumentsPerToken = false };
        var sections = new Option<string[]>("--section") { Description = "Only this section type (repeat for any of several)." };
        var areas = new Option<string[]>("--area") { Description = "Only reviews of this area (repeat for any of several)." };
        var ages = new Option<string[]>("--age") { Description = "Only this age band: unborn, \"under 1\", 1-5, 6-10, 11-15, 16-17, 18+ (repeat for any)." };
        var outcomes = new Option<string[]>("--outcome") { Description = "died or \"serious harm\"." };
        var types = new Option<string[]>("--type") { Description = "Review type: SCR, LCSPR, national." };
        var from = new Option<int?>("--from") { Description = "Reviews published in or after this year." };
        var to = new Option<int?>("--to") { Description = "Reviews published in or before this year." };
        var top = new Option<int>("--top") { Description = "How many hits.", DefaultValueFactory = _ => 10 };
        var offset = new Option<int>("--offset") { Description = "Skip this many hits (paging).", DefaultValueFactory = _ => 0 };
        var group = new Option<bool>("--group") { Description = "One hit per review (its best passage) with the count of the others." };
        var sort = new Option<string>("--sort") { Description = "relevance, newest or oldest.", DefaultValueFactory = _ => "relevance" };
        var json = new Option<bool>("--json") { Description = "JSON output." };
        var synonyms = SynonymsOption();
        var taxonomy = ModelCommands.TaxonomyOption();
        var cmd = new Command("search", "Search the indexed passages.") { query, index, themes, sections, areas, ages, outcomes, types, from, to, top, offset, group, sort, json, synonyms, taxonomy };
        cmd.SetAction(r =>
        {
            var order = r.GetValue(sort) switch { "relevance" => SearchSort.Relevance, "newest" => SearchSort.YearNewest, "oldest" => SearchSort.YearOldest, _ => (SearchSort?)null };
            if (order is null) { stderr.WriteLine("error: --sort takes relevance, newest or oldest"); return Cli.ExitUsage; }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(r.GetValue(taxonomy), ProjectPaths.TaxonomyFile));
            var unknown = (r.GetValue(themes) ?? []).Where(t => !tax.Contains(t)).ToList();
            if (unknown.Count > 0) { stderr.WriteLine($"error: no theme '{unknown[0]}': theme ids look like 'domestic-abuse' (see models/themes.json)"); return Cli.ExitUsage; }
            var badSection = (r.GetValue(sections) ?? []).FirstOrDefault(s => !Names.TryParseSectionType(s, out _));
            if (badSection is not null) { stderr.WriteLine($"error: no section type '{badSection}': use summary, terms-of-reference, background, chronology, analysis, finding, recommendation, appendix or other"); return Cli.ExitUsage; }
            var request = new SearchRequest
            {
                Query = r.GetValue(query),
                Themes = r.GetValue(themes) ?? [],
                Sections = r.GetValue(sections) ?? [],
                Areas = r.GetValue(areas) ?? [],
                AgeBands = r.GetValue(ages) ?? [],
                Outcomes = r.GetValue(outcomes) ?? [],
                ReviewTypes = r.GetValue(types) ?? [],
                FromYear = r.GetValue(from),
                ToYear = r.GetValue(to),
                Top = Math.Clamp(r.GetValue(top), 0, 1000),
                Offset = Math.Max(0, r.GetValue(offset)),
                GroupByReview = r.GetValue(group),
                Sort = order.Value,
            };
            var map = SynonymSet.Load(ProjectPaths.Resolve(r.GetValue(synonyms), ProjectPaths.SynonymsFile));
            using var searcher = OpenSearcher(ProjectPaths.IndexFolder(r.GetValue(index)), map, tax, stderr);
            if (searcher is null) return Cli.ExitFailed;
            SearchResults results;
            try { results = searcher.Search(request); }
            catch (QuerySyntaxException ex) { stderr.WriteLine($"error: {ex.Message}"); return Cli.ExitFailed; }
            if (r.GetValue(json)) stdout.WriteLine(SearchJson.Serialize(results));
            else WriteResults(stdout, results, request, tax);
            return Cli.ExitOk;
        });
        return cmd;
    }

    private static ReviewSearcher? OpenSearcher(string folder, SynonymSet map, Taxonomy tax, TextWriter stderr)
    {
        try { return new ReviewSearcher(folder, map, tax); }
        catch (Exception ex) when (ex is NoIndexException or IndexSchemaException) { stderr.WriteLine($"error: {ex.Message}"); return null; }
    }

    [GeneratedRegex("</?mark>")]
    private static partial Regex MarkTag();

    private static void WriteResults(TextWriter o, SearchResults results, SearchRequest request, Taxonomy tax)
    {
        o.WriteLine($"{results.Total} passages in {results.TotalReviews} reviews" + (results.Hits.Count > 0 && results.Hits.Count < results.Total ? $" (showing {request.Offset + 1}-{request.Offset + results.Hits.Count})" : ""));
        if (results.Notice is not null) o.WriteLine(results.Notice);
        int n = request.Offset;
        foreach (var h in results.Hits)
        {
            o.WriteLine();
            o.WriteLine($"{++n}. {Citations.Of(h)} [{Names.Of(h.SectionType)}]");
            var text = WebUtility.HtmlDecode(MarkTag().Replace(h.Highlight, m => m.Value == "<mark>" ? "**" : "**"));
            o.WriteLine($"   {text}");
            if (h.Themes.Count > 0) o.WriteLine("   themes: " + string.Join(", ", h.Themes.Select(t => $"{tax.Find(t.Id)?.Label ?? t.Id} ({t.Score:0.00})")));
            if (h.MoreInReview > 0) o.WriteLine($"   and {h.MoreInReview} more passages in this review");
            o.WriteLine($"   {h.PassageId}");
        }
    }

    public static Command Stats(TextWriter stdout, TextWriter stderr)
    {
        var index = IndexOption();
        var json = new Option<bool>("--json") { Description = "JSON output." };
        var synonyms = SynonymsOption();
        var cmd = new Command("stats", "What the index holds: reviews, passages, passages per theme, schema and model versions.") { index, json, synonyms };
        cmd.SetAction(r =>
        {
            var map = SynonymSet.Load(ProjectPaths.Resolve(r.GetValue(synonyms), ProjectPaths.SynonymsFile));
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(null, ProjectPaths.TaxonomyFile));
            using var searcher = OpenSearcher(ProjectPaths.IndexFolder(r.GetValue(index)), map, tax, stderr);
            if (searcher is null) return Cli.ExitFailed;
            var s = searcher.Stats();
            if (r.GetValue(json))
            {
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteNumber("reviews", s.Reviews);
                    w.WriteNumber("passages", s.Passages);
                    w.WriteNumber("schemaVersion", s.SchemaVersion);
                    w.WriteStartArray("modelVersions");
                    foreach (var m in s.ModelVersions) w.WriteStringValue(m);
                    w.WriteEndArray();
                    w.WriteStartObject("themes");
                    foreach (var (k, v) in s.ThemePassages) w.WriteNumber(k, v);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
            }
            else
            {
                stdout.WriteLine($"{s.Reviews} reviews, {s.Passages} passages (schema v{s.SchemaVersion}, model {string.Join(", ", s.ModelVersions)})");
                foreach (var (k, v) in s.ThemePassages.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal))
                    stdout.WriteLine($"{v,7}  {k}");
            }
            return Cli.ExitOk;
        });
        return cmd;
    }

    public static Command Delete(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("review-id") { Description = "The review id (as search and stats print it; a unique prefix of 8 or more characters will do)." };
        var index = IndexOption();
        var synonyms = SynonymsOption();
        var cmd = new Command("delete", "Remove a review and its passages from the index.") { id, index, synonyms };
        cmd.SetAction(r =>
        {
            var wanted = r.GetValue(id)!.Trim();
            var folder = ProjectPaths.IndexFolder(r.GetValue(index));
            if (!Directory.Exists(folder)) { stderr.WriteLine($"error: there is no index at {folder}"); return Cli.ExitFailed; }
            var map = SynonymSet.Load(ProjectPaths.Resolve(r.GetValue(synonyms), ProjectPaths.SynonymsFile));
            using var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, map);
            using var writer = OpenWriter(folder, analyzer, stderr);
            if (writer is null) return Cli.ExitFailed;
            var matches = wanted.Length >= 8 ? writer.ReviewIdsStartingWith(wanted) : writer.Contains(wanted) ? [wanted] : [];
            if (matches.Count == 0) { stderr.WriteLine($"error: no review with id {wanted} in {folder}"); return Cli.ExitFailed; }
            if (matches.Count > 1) { stderr.WriteLine($"error: {wanted} matches {matches.Count} reviews: give more of the id"); return Cli.ExitFailed; }
            writer.Delete(matches[0]);
            writer.Commit();
            stdout.WriteLine($"deleted review {matches[0]}");
            return Cli.ExitOk;
        });
        return cmd;
    }
}
