using System.CommandLine;
using ThemeMiner.Core.Classification;
using ThemeMiner.Core.Configuration;
using ThemeMiner.Core.Export;
using ThemeMiner.Core.Indexing;
using ThemeMiner.Core.Search;
using ThemeMiner.Core.Serialization;

namespace ThemeMiner.Indexer;

/// <summary>`thememiner report [--index DIR] [--area A] [--from Y] [--to Y] [--format md|csv|html|docx] [--out FILE]`.</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var index = new Option<string?>("--index") { Description = "The index folder (default as for 'thememiner index')." };
        var area = new Option<string?>("--area") { Description = "Only reviews of this area." };
        var from = new Option<int?>("--from") { Description = "Only reviews published in or after this year." };
        var to = new Option<int?>("--to") { Description = "Only reviews published in or before this year." };
        var format = new Option<string>("--format") { Description = "md (default), csv, html or docx.", DefaultValueFactory = _ => "md" };
        var output = new Option<string?>("--out") { Description = "Write to this file (required for docx)." };
        var cmd = new Command("report", "The prevalence report over the indexed reviews: outcomes, age bands, family risk factors and practice themes, toxic trio, co-occurring themes, themes by age band and year.") { index, area, from, to, format, output };
        cmd.SetAction(r =>
        {
            var fmt = r.GetValue(format);
            if (fmt is not ("md" or "csv" or "html" or "docx")) { stderr.WriteLine("error: --format takes md, csv, html or docx"); return Cli.ExitUsage; }
            var outPath = r.GetValue(output);
            if (fmt == "docx" && outPath is null) { stderr.WriteLine("error: a Word report needs --out FILE.docx"); return Cli.ExitUsage; }
            var tax = TaxonomyLoader.Load(ProjectPaths.Resolve(null, ProjectPaths.TaxonomyFile));
            var synonyms = SynonymSet.Load(ProjectPaths.Resolve(null, ProjectPaths.SynonymsFile));
            ReviewSearcher searcher;
            try { searcher = new ReviewSearcher(ProjectPaths.IndexFolder(r.GetValue(index)), synonyms, tax); }
            catch (Exception ex) when (ex is NoIndexException or IndexSchemaException) { stderr.WriteLine($"error: {ex.Message}"); return Cli.ExitFailed; }
            using (searcher)
            {
                var report = PrevalenceReport.Compute(searcher.ReviewThemeSets(), tax, new PrevalenceFilter(r.GetValue(area), r.GetValue(from), r.GetValue(to)));
                if (report.Reviews == 0) stderr.WriteLine($"warning: no indexed review matches ({ReportOutput.Scope(report)})");
                byte[] bytes = fmt switch
                {
                    "csv" => System.Text.Encoding.UTF8.GetBytes(ReportOutput.Csv(report, tax)),
                    "html" => System.Text.Encoding.UTF8.GetBytes(ReportOutput.Html(report, tax, PrevalenceEvidence.StrongestPerReview(searcher, report))),
                    "docx" => ReportDocx.Build(report, tax, PrevalenceEvidence.StrongestPerReview(searcher, report), DateTime.UtcNow),
                    _ => System.Text.Encoding.UTF8.GetBytes(ReportOutput.Markdown(report, tax)),
                };
                if (outPath is null) stdout.Write(System.Text.Encoding.UTF8.GetString(bytes));
                else
                {
                    var temp = outPath + ".part";
                    File.WriteAllBytes(temp, bytes);
                    File.Move(temp, outPath, overwrite: true);
                    stderr.WriteLine($"report of {report.Reviews} reviews written to {outPath}");
                }
            }
            return Cli.ExitOk;
        });
        return cmd;
    }
}
