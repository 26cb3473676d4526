using System.Net;
using Microsoft.AspNetCore.Html;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Web;

/// <summary>How the site writes citations, highlights and theme labels.</summary>
public static class Display
{
    /// <summary>A highlight fragment from the searcher is encoded text plus &lt;mark&gt; tags; anything else is encoded whole.</summary>
    public static IHtmlContent Highlight(string fragment)
    {
        var bare = fragment.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        return bare.Contains('<') || bare.Contains('>') ? new HtmlString(WebUtility.HtmlEncode(fragment)) : new HtmlString(fragment);
    }

    public static string Pages(int? start, int? end) =>
        start is not int s ? "" : end is int e && e != s ? $"pages {s} to {e}" : $"page {s}";

    public static string Citation(SearchHit h) => Citations.Of(h);

    /// <summary>The anchor of a passage on its review page ("p-0074").</summary>
    public static string Anchor(string passageId) => "p-" + passageId[(passageId.LastIndexOf(':') + 1)..];

    public static string Label(Taxonomy taxonomy, string themeId) => taxonomy.Find(themeId)?.Label ?? themeId;

    public static string Percent(double score) => $"{Math.Round(score * 100):0}%";

    public static string SectionLabel(SectionType t) => Names.Of(t).Replace('-', ' ');
}

public static class Charts
{
    /// <summary>A horizontal bar for a share (0..1), hidden from screen readers: the figure is always in the table beside it.</summary>
    public static IHtmlContent Bar(double share, int width = 160)
    {
        var w = Math.Round(Math.Clamp(share, 0, 1) * width, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new HtmlString($"<svg class=\"bar\" width=\"{width}\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" width=\"{width}\" height=\"14\"></rect><rect class=\"fill\" width=\"{w}\" height=\"14\"></rect></svg>");
    }

    public static string Percent(int part, int whole) => whole == 0 ? "0%" : $"{Math.Round(100.0 * part / whole):0}%";
}
