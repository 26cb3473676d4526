using System.Globalization;

namespace ThemeMiner.Core.Model;

/// <summary>How every output cites a passage: "Title, Area, 2012, paragraph 4.3, pages 12-13". One place, so the CLI,
/// the site, the excerpt pack and the report all cite alike.</summary>
public static class Citations
{
    public static string Format(string? title, string? area, int? year, string? paragraph, int? pageStart, int? pageEnd)
    {
        var parts = new List<string> { title ?? "Untitled review" };
        if (area is not null) parts.Add(area);
        if (year is int y) parts.Add(y.ToString(CultureInfo.InvariantCulture));
        if (paragraph is not null) parts.Add($"paragraph {paragraph}");
        if (pageStart is int s) parts.Add(pageEnd is int e && e != s ? $"pages {s}-{e}" : $"page {s}");
        return string.Join(", ", parts);
    }

    public static string Of(SearchHit h) => Format(h.Title, h.Area, h.Year, h.Paragraph, h.PageStart, h.PageEnd);
}
