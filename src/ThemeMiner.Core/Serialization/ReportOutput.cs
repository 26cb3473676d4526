using System.Globalization;
using System.Net;
using System.Text;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Search;

namespace ThemeMiner.Core.Serialization;

/// <summary>The prevalence report (`thememiner report`) as Markdown, CSV or self-contained HTML.</summary>
public static class ReportOutput
{
    public const string CountingRule = "A theme counts for a review when at least one of its passages carries it at or above the theme's threshold (the theme model's per-theme decision threshold).";

    internal static string Pct(int part, int whole) => whole == 0 ? "0%" : $"{Math.Round(100.0 * part / whole):0}%";

    public static string Scope(PrevalenceReport r) =>
        string.Join(", ", new[] { r.Filter.Area, r.Filter.FromYear is null && r.Filter.ToYear is null ? null : $"published {(r.Filter.FromYear?.ToString(CultureInfo.InvariantCulture) ?? "…")} to {(r.Filter.ToYear?.ToString(CultureInfo.InvariantCulture) ?? "…")}" }.OfType<string>()) is { Length: > 0 } s ? s : "all indexed reviews";

    /// <summary>Theme groups in report order: family risk factors first, then the taxonomy's order.</summary>
    internal static IEnumerable<IGrouping<string, ThemePrevalence>> Groups(PrevalenceReport r) =>
        r.Themes.GroupBy(t => t.Theme.Group).OrderBy(g => g.First().Theme.GroupKey == "B" ? 0 : 1).ThenBy(g => g.First().Theme.GroupKey, StringComparer.Ordinal);

    public static string Markdown(PrevalenceReport r, Taxonomy taxonomy)
    {
        var sb = new StringBuilder();
        sb.Append($"# Prevalence report: {Scope(r)}\n\n{CountingRule}\n\n");
        sb.Append($"**{r.Reviews} reviews**: " + string.Join(", ", r.Outcomes.Select(o => $"{o.Value} {o.Count} ({Pct(o.Count, r.Reviews)})")) + ".\n\n");
        sb.Append($"**Toxic trio** (parental mental health, domestic abuse and substance misuse in one review): {r.ToxicTrio} of {r.Reviews} ({Pct(r.ToxicTrio, r.Reviews)}).\n\n");
        sb.Append("## Child's age band\n\n| age band | reviews | share |\n|---|---|---|\n");
        foreach (var a in r.ReviewsByAgeBand) sb.Append($"| {a.Value} | {a.Count} | {Pct(a.Count, r.Reviews)} |\n");
        sb.Append("\n## Harm\n\n| harm | reviews | share |\n|---|---|---|\n");
        foreach (var h in r.Harms) sb.Append($"| {h.Value} | {h.Count} | {Pct(h.Count, r.Reviews)} |\n");
        foreach (var g in Groups(r))
        {
            sb.Append($"\n## {g.Key}\n\n| theme | reviews | share | passages |\n|---|---|---|---|\n");
            foreach (var t in g) sb.Append($"| {t.Theme.Label} | {t.Reviews} | {Pct(t.Reviews, r.Reviews)} | {t.Passages} |\n");
        }
        sb.Append("\n## Themes found together most often\n\n| themes | reviews with both |\n|---|---|\n");
        foreach (var p in r.Pairs.Take(10)) sb.Append($"| {taxonomy.Find(p.First)?.Label} + {taxonomy.Find(p.Second)?.Label} | {p.Reviews} |\n");
        var ages = r.ReviewsByAgeBand.Select(a => a.Value).ToList();
        sb.Append("\n## Themes by child's age band (reviews)\n\n| theme | " + string.Join(" | ", ages) + " |\n|---|" + string.Concat(ages.Select(_ => "---|")) + "\n");
        foreach (var t in r.Themes.Where(t => t.Reviews > 0))
            sb.Append($"| {t.Theme.Label} | " + string.Join(" | ", ages.Select(a => r.ThemeByAgeBand[t.Theme.Id].GetValueOrDefault(a))) + " |\n");
        var years = r.ReviewsByYear.Select(y => y.Value).ToList();
        sb.Append("\n## Themes by year of publication (reviews)\n\n| theme | " + string.Join(" | ", years) + " |\n|---|" + string.Concat(years.Select(_ => "---|")) + "\n");
        sb.Append("| *all reviews* | " + string.Join(" | ", r.ReviewsByYear.Select(y => y.Count)) + " |\n");
        foreach (var t in r.Themes.Where(t => t.Reviews > 0))
            sb.Append($"| {t.Theme.Label} | " + string.Join(" | ", years.Select(y => r.ThemeByYear[t.Theme.Id].GetValueOrDefault(y))) + " |\n");
        return sb.ToString();
    }

    public static string Csv(PrevalenceReport r, Taxonomy taxonomy)
    {
        var sb = new StringBuilder("section,item,reviews,share,passages\r\n");
        void Row(string section, string item, int reviews, int? passages = null) =>
            sb.Append(string.Join(',', new[] { section, item, reviews.ToString(CultureInfo.InvariantCulture),
                (r.Reviews == 0 ? 0 : Math.Round((double)reviews / r.Reviews, 4)).ToString(CultureInfo.InvariantCulture), passages?.ToString(CultureInfo.InvariantCulture) }.Select(TagOutput.CsvCell))).Append("\r\n");
        Row("total", "reviews", r.Reviews);
        foreach (var o in r.Outcomes) Row("outcome", o.Value, o.Count);
        Row("toxic trio", "toxic-trio", r.ToxicTrio);
        foreach (var a in r.ReviewsByAgeBand) Row("age band", a.Value, a.Count);
        foreach (var h in r.Harms) Row("harm", h.Value, h.Count);
        foreach (var t in r.Themes) Row("theme: " + t.Theme.Group, t.Theme.Id, t.Reviews, t.Passages);
        foreach (var p in r.Pairs.Take(20)) Row("theme pair", $"{p.First} + {p.Second}", p.Reviews);
        foreach (var (theme, byAge) in r.ThemeByAgeBand.OrderBy(k => k.Key, StringComparer.Ordinal))
            foreach (var (age, n) in byAge.OrderBy(k => k.Key, StringComparer.Ordinal)) Row("theme by age band", $"{theme} | {age}", n);
        foreach (var (theme, byYear) in r.ThemeByYear.OrderBy(k => k.Key, StringComparer.Ordinal))
            foreach (var (year, n) in byYear.OrderBy(k => k.Key, StringComparer.Ordinal)) Row("theme by year", $"{theme} | {year}", n);
        return sb.ToString();
    }

    /// <summary>A self-contained page (no script, styles inline in the head): each figure with the passages behind it.</summary>
    public static string Html(PrevalenceReport r, Taxonomy taxonomy, IReadOnlyDictionary<string, IReadOnlyList<SearchHit>> evidence)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Prevalence report: ").Append(E(Scope(r))).Append("</title>\n");
        sb.Append("<style>body{font-family:Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c;line-height:1.4}table{border-collapse:collapse;width:100%;margin:1rem 0 2rem}th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.4rem .8rem .4rem 0;vertical-align:top}caption{text-align:left;font-weight:bold;padding-bottom:.5rem}details{margin:.2rem 0}li{margin:.3rem 0}.cite{color:#505a5f;font-size:.9rem}</style>\n</head>\n<body>\n");
        sb.Append("<h1>Prevalence report: ").Append(E(Scope(r))).Append("</h1>\n<p>").Append(E(CountingRule)).Append("</p>\n");
        sb.Append("<p><strong>").Append(r.Reviews).Append(" reviews</strong>: ").Append(E(string.Join(", ", r.Outcomes.Select(o => $"{o.Value} {o.Count} ({Pct(o.Count, r.Reviews)})")))).Append(".</p>\n");
        sb.Append("<p><strong>Toxic trio</strong> (parental mental health, domestic abuse and substance misuse in one review): ").Append(r.ToxicTrio).Append(" of ").Append(r.Reviews).Append(" (").Append(Pct(r.ToxicTrio, r.Reviews)).Append(").</p>\n");
        sb.Append("<table><caption>Child's age band</caption><thead><tr><th scope=\"col\">Age band</th><th scope=\"col\">Reviews</th><th scope=\"col\">Share</th></tr></thead><tbody>\n");
        foreach (var a in r.ReviewsByAgeBand) sb.Append($"<tr><td>{E(a.Value)}</td><td>{a.Count}</td><td>{Pct(a.Count, r.Reviews)}</td></tr>\n");
        sb.Append("</tbody></table>\n");
        foreach (var g in Groups(r))
        {
            sb.Append("<table><caption>").Append(E(g.Key)).Append("</caption><thead><tr><th scope=\"col\">Theme</th><th scope=\"col\">Reviews</th><th scope=\"col\">Share</th><th scope=\"col\">The passages behind the figure</th></tr></thead><tbody>\n");
            foreach (var t in g)
            {
                sb.Append($"<tr><td>{E(t.Theme.Label)}</td><td>{t.Reviews}</td><td>{Pct(t.Reviews, r.Reviews)}</td><td>");
                if (evidence.TryGetValue(t.Theme.Id, out var hits) && hits.Count > 0)
                {
                    sb.Append($"<details><summary>{hits.Count} {(hits.Count == 1 ? "review" : "reviews")}: the strongest passage of each</summary><ol>");
                    foreach (var h in hits)
                        sb.Append("<li>").Append(E(h.Text.Length > 400 ? h.Text[..400] + " …" : h.Text)).Append("<br><span class=\"cite\">").Append(E(Citations.Of(h))).Append($" · passage {E(h.PassageId)}</span></li>");
                    sb.Append("</ol></details>");
                }
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        sb.Append("<table><caption>Themes found together most often</caption><thead><tr><th scope=\"col\">Themes</th><th scope=\"col\">Reviews with both</th></tr></thead><tbody>\n");
        foreach (var p in r.Pairs.Take(10)) sb.Append($"<tr><td>{E(taxonomy.Find(p.First)?.Label)} + {E(taxonomy.Find(p.Second)?.Label)}</td><td>{p.Reviews}</td></tr>\n");
        sb.Append("</tbody></table>\n");
        var ages = r.ReviewsByAgeBand.Select(a => a.Value).ToList();
        sb.Append("<table><caption>Themes by child's age band (reviews)</caption><thead><tr><th scope=\"col\">Theme</th>").Append(string.Concat(ages.Select(a => $"<th scope=\"col\">{E(a)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var t in r.Themes.Where(t => t.Reviews > 0))
            sb.Append($"<tr><th scope=\"row\">{E(t.Theme.Label)}</th>").Append(string.Concat(ages.Select(a => $"<td>{r.ThemeByAgeBand[t.Theme.Id].GetValueOrDefault(a)}</td>"))).Append("</tr>\n");
        sb.Append("</tbody></table>\n");
        var years = r.ReviewsByYear.Select(y => y.Value).ToList();
        sb.Append("<table><caption>Themes by year of publication (reviews)</caption><thead><tr><th scope=\"col\">Theme</th>").Append(string.Concat(years.Select(y => $"<th scope=\"col\">{E(y)}</th>"))).Append("</tr></thead><tbody>\n");
        sb.Append("<tr><th scope=\"row\">All reviews</th>").Append(string.Concat(r.ReviewsByYear.Select(y => $"<td>{y.Count}</td>"))).Append("</tr>\n");
        foreach (var t in r.Themes.Where(t => t.Reviews > 0))
            sb.Append($"<tr><th scope=\"row\">{E(t.Theme.Label)}</th>").Append(string.Concat(years.Select(y => $"<td>{r.ThemeByYear[t.Theme.Id].GetValueOrDefault(y)}</td>"))).Append("</tr>\n");
        sb.Append("</tbody></table>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
