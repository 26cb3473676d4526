using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Pipeline;
using ThemeMiner.Core.Search;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace ThemeMiner.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/ThemeMiner.Benchmarks -- index-scale [--passages 200000] [--out DIR]`:
/// builds a corpus of at least N passages from the sample corpus and the training passages (each synthetic review
/// draws ~76 passages at random, seeded, from that pool of ~6,000 distinct texts and takes one sample review's
/// metadata with a varied year), pre-classifies the pool once, then in the same run:
/// <list type="number">
/// <item>indexes it with ThemeMiner (mapper, safeguarding analysis, review blocks, one commit) and with raw Lucene.Net
/// (StandardAnalyzer, one document per passage: id and text) as the baseline;</item>
/// <item>runs 50 realistic queries 5 times each against both and reports p50/p95/p99 latency.</item>
/// </list>
/// Repeated texts make postings denser than a real corpus of the same size; the figures are for comparison in one run.
/// </summary>
public static class IndexScale
{
    private static readonly string[] Queries =
    [
        "domestic abuse", "DV", "health visitor", "\"was not brought\"", "NFA", "strategy discussion", "escalat*", "neglect",
        "mother's partner", "\"no further action\"", "missed appointments", "CAMHS waiting list", "s47", "child protection plan",
        "bruising non-mobile", "A&E", "MASH referral", "unseen men", "father not engaged", "information not shared",
        "professional curiosity", "disguised compliance", "drift", "core group", "threshold not met", "early help",
        "temporary accommodation", "substance misuse", "alcohol", "postnatal depression", "county lines", "missing episodes",
        "exclusion reduced timetable", "elective home education", "supervision", "caseload", "agency social worker",
        "interpreter", "history not considered", "previous children removed", "voice of the child", "seen alone",
        "safe sleep", "co-sleeping", "pre-birth assessment", "legal planning meeting", "escalation policy",
        "GP not informed", "MARAC", "(DV OR \"coercive control\") AND baby",
    ];

    public static int Run(string[] args)
    {
        int target = 200_000;
        string outDir = Path.Combine(Path.GetTempPath(), "thememiner-index-scale");
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--passages") target = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--out") outDir = args[i + 1];
        }
        if (System.IO.Directory.Exists(outDir)) System.IO.Directory.Delete(outDir, recursive: true);
        var ours = Path.Combine(outDir, "thememiner");
        var raw = Path.Combine(outDir, "raw-lucene");

        Console.WriteLine($"# Index scale run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}");
        var taxonomy = TaxonomyLoader.Load(ProjectPaths.Resolve(null, ProjectPaths.TaxonomyFile));
        var classifier = ThemeClassifier.Load(ProjectPaths.Resolve(null, ProjectPaths.ModelFile), taxonomy);
        var synonyms = SynonymSet.Load(ProjectPaths.Resolve(null, ProjectPaths.SynonymsFile));

        // The pool: every sample passage and every training passage, each classified once.
        var parser = new ReviewParser();
        var samples = ReviewParser.ExpandPaths([ProjectPaths.Resolve(null, "corpus-sample")], out _)
            .Where(f => !f.Contains("broken", StringComparison.Ordinal)).Select(f => parser.ParseFile(f)).Where(r => r.Review is not null).Select(r => r.Review!).ToList();
        var pool = samples.SelectMany(r => r.Passages).ToList();
        var training = TaxonomyLoader.LoadLabelled(ProjectPaths.Resolve(null, ProjectPaths.TrainingFolder), taxonomy);
        pool.AddRange(training.Select((t, i) => new Passage($"t{i}", 0, ["Findings"], Names.TryParseSectionType(t.SectionType ?? "", out var st) ? st : SectionType.Analysis,
            PassageKind.Paragraph, (i % 40 + 1).ToString(CultureInfo.InvariantCulture), i % 30 + 1, i % 30 + 1, t.Text)));
        var poolClass = pool.Select(p => classifier.Classify(p.Id, p.Text)).ToList();
        Console.WriteLine($"pool: {pool.Count} distinct passages ({samples.Count} sample reviews + {training.Count} training passages)");

        // Synthetic reviews.
        var rng = new Random(20261202);
        var reviews = new List<IndexableReview>();
        int passages = 0;
        while (passages < target)
        {
            var template = samples[reviews.Count % samples.Count];
            var id = $"bench{reviews.Count:D6}";
            int n = 60 + rng.Next(33);
            var ps = new List<Passage>(n);
            var cs = new List<PassageClassification>(n);
            for (int k = 0; k < n; k++)
            {
                int pick = rng.Next(pool.Count);
                var pid = $"{id}:{k + 1:D4}";
                ps.Add(pool[pick] with { Id = pid, Ordinal = k + 1 });
                cs.Add(poolClass[pick] with { Id = pid });
            }
            var meta = template.Metadata with { PublicationYear = 2008 + reviews.Count % 17 };
            reviews.Add(new IndexableReview(template with { Id = id, Source = $"/bench/{id}.pdf", Metadata = meta, Passages = ps }, cs, classifier.Model.Info.ModelVersion, synonyms.Version));
            passages += n;
        }
        Console.WriteLine($"corpus: {reviews.Count} reviews, {passages} passages");

        // Indexing: ThemeMiner, then raw Lucene on the same texts.
        GC.Collect();
        var clock = Stopwatch.StartNew();
        using (var analyzer = new SafeguardingAnalyzer(AnalyzerMode.Index, synonyms))
        using (var writer = ReviewIndexWriter.Open(ours, analyzer))
        {
            foreach (var r in reviews) writer.Upsert(r);
            writer.Commit();
        }
        var oursSeconds = clock.Elapsed.TotalSeconds;

        GC.Collect();
        clock.Restart();
        using (var dir = FSDirectory.Open(raw))
        using (var std = new StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))
        using (var w = new IndexWriter(dir, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, std) { RAMBufferSizeMB = 48 }))
        {
            foreach (var r in reviews)
                foreach (var p in r.Review.Passages)
                    w.AddDocument(new LuceneDocument { new StringField("id", p.Id, Field.Store.YES), new TextField("text", p.Text, Field.Store.YES) });
            w.Commit();
        }
        var rawSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| indexing | passages | seconds | passages/s | index size | ratio (time) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| raw Lucene.Net, StandardAnalyzer, id + text (baseline) | {passages} | {rawSeconds:0.0} | {passages / rawSeconds:0} | {Size(raw)} | 1.00 |");
        Console.WriteLine($"| ThemeMiner (denormalised fields, themes, doc values, synonyms + exact forms, offsets) | {passages} | {oursSeconds:0.0} | {passages / oursSeconds:0} | {Size(ours)} | {oursSeconds / rawSeconds:0.00} |");

        // Queries.
        using var searcher = new ReviewSearcher(ours, synonyms, taxonomy);
        using var rawDir = FSDirectory.Open(raw);
        using var rawReader = DirectoryReader.Open(rawDir);
        var rawSearcher = new IndexSearcher(rawReader);
        using var rawAnalyzer = new StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
        var rawParser = new QueryParser(Lucene.Net.Util.LuceneVersion.LUCENE_48, "text", rawAnalyzer) { DefaultOperator = Operator.AND };

        var kinds = new (string Name, Func<string, SearchRequest> Request)[]
        {
            ("plain (top 10, facets, highlights)", q => new SearchRequest { Query = q, Top = 10 }),
            ("filtered: findings, 2015+ (top 10, facets, highlights)", q => new SearchRequest { Query = q, Top = 10, Sections = ["finding"], FromYear = 2015 }),
            ("grouped by review (top 10, facets, highlights)", q => new SearchRequest { Query = q, Top = 10, GroupByReview = true }),
            ("hits only (top 10, no facets)", q => new SearchRequest { Query = q, Top = 10, Facets = false }),
        };
        Console.WriteLine();
        Console.WriteLine("| search, 50 queries x 5 runs after a warm-up | p50 ms | p95 ms | p99 ms | mean hits |");
        Console.WriteLine("|---|---|---|---|---|");
        var rawTimes = Time(q => rawSearcher.Search(rawParser.Parse(q), 10).TotalHits);
        Console.WriteLine(Row("raw Lucene.Net, classic parser, top 10 (baseline)", rawTimes));
        foreach (var (name, make) in kinds)
            Console.WriteLine(Row($"ThemeMiner {name}", Time(q => searcher.Search(make(q)).Total)));
        return 0;
    }

    private static (List<double> Ms, double Hits) Time(Func<string, int> run)
    {
        foreach (var q in Queries) run(q); // warm-up
        var ms = new List<double>();
        long hits = 0;
        var clock = new Stopwatch();
        for (int rep = 0; rep < 5; rep++)
            foreach (var q in Queries)
            {
                clock.Restart();
                hits += run(q);
                ms.Add(clock.Elapsed.TotalMilliseconds);
            }
        return (ms, hits / (double)ms.Count);
    }

    private static string Row(string name, (List<double> Ms, double Hits) t)
    {
        var s = t.Ms.Order().ToList();
        double P(double q) => s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)];
        return $"| {name} | {P(0.5):0.0} | {P(0.95):0.0} | {P(0.99):0.0} | {t.Hits:0} |";
    }

    private static string Size(string dir) =>
        $"{new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / (1024.0 * 1024):0} MB";
}
