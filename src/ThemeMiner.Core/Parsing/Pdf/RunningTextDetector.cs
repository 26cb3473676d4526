using System.Text;
using System.Text.RegularExpressions;

namespace ThemeMiner.Core.Parsing.Pdf;

/// <summary>
/// Finds running headers, footers and page numbers: lines in the top or bottom zone whose text (digits
/// ignored) repeats across pages, lines anywhere that repeat on most pages, and page-number patterns
/// ("Page 3 of 40", "- 3 -", "3").
/// </summary>
internal static partial class RunningTextDetector
{
    [GeneratedRegex(@"^(?:page\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumberRegex();

    public static bool IsPageNumber(string text) => PageNumberRegex().IsMatch(text.Trim());

    /// <summary>The comparison key: lower case, digits as '#', spaces collapsed.</summary>
    public static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.Trim().ToLowerInvariant())
        {
            if (char.IsDigit(c)) { if (sb.Length == 0 || sb[^1] != '#') sb.Append('#'); }
            else if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Returns the set of lines (by reference) to remove.</summary>
    public static HashSet<PdfLine> Detect(IReadOnlyList<PdfLine> lines, int pageCount)
    {
        var remove = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        var zonePages = new Dictionary<string, HashSet<int>>();
        var anyPages = new Dictionary<string, HashSet<int>>();
        foreach (var l in lines)
        {
            var key = Key(l.Text);
            if (l.InZone) Add(zonePages, key, l.Page);
            Add(anyPages, key, l.Page);
        }
        int zoneThreshold = Math.Max(2, (int)Math.Ceiling(pageCount * 0.3));
        int anyThreshold = Math.Max(3, (int)Math.Ceiling(pageCount * 0.5));
        foreach (var l in lines)
        {
            var key = Key(l.Text);
            if (l.InZone && (IsPageNumber(l.Text) || zonePages[key].Count >= zoneThreshold))
                remove.Add(l);
            else if (pageCount >= 3 && anyPages[key].Count >= anyThreshold && Model.TextMetrics.CountWords(l.Text) <= 12 && key.Length > 2)
                remove.Add(l);
        }
        return remove;
    }

    private static void Add(Dictionary<string, HashSet<int>> map, string key, int page)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        set.Add(page);
    }
}
