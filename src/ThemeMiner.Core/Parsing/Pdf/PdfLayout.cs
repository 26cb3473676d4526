namespace ThemeMiner.Core.Parsing.Pdf;

/// <summary>A line of text on a PDF page, in page coordinates (points, origin bottom-left).</summary>
internal sealed record PdfLine(
    int Page,
    string Text,
    double Left,
    double Right,
    double Baseline,
    double FontSize,
    bool Bold,
    int Column,
    bool InTopZone,
    bool InBottomZone)
{
    public bool InZone => InTopZone || InBottomZone;
}

/// <summary>A glyph reduced to what layout needs; keeps PdfPig types out of the layout logic so it can be tested alone.</summary>
internal readonly record struct Glyph(string Value, double X, double EndX, double Baseline, double FontSize, bool Bold)
{
    public bool IsSpace => string.IsNullOrWhiteSpace(Value);
}

/// <summary>Turns the glyphs of one page into lines in reading order, detecting a two-column body.</summary>
internal static class PageLayout
{
    /// <summary>Fraction of page height at the top and bottom treated as running header/footer zones.</summary>
    public const double ZoneFraction = 0.08;

    public static List<PdfLine> BuildLines(int page, IReadOnlyList<Glyph> glyphs, double width, double height)
    {
        double topZone = height * (1 - ZoneFraction), bottomZone = height * ZoneFraction;
        var body = new List<Glyph>(glyphs.Count);
        var zone = new List<Glyph>();
        foreach (var g in glyphs)
            (g.Baseline > topZone || g.Baseline < bottomZone ? zone : body).Add(g);

        double? gutter = FindGutter(body, width);
        var lines = new List<PdfLine>();
        lines.AddRange(GroupLines(page, zone.Where(g => g.Baseline > topZone), 0, true, false));
        if (gutter is double gx)
        {
            lines.AddRange(GroupLines(page, body.Where(g => Mid(g) < gx), 1, false, false));
            lines.AddRange(GroupLines(page, body.Where(g => Mid(g) >= gx), 2, false, false));
        }
        else
        {
            lines.AddRange(GroupLines(page, body, 0, false, false));
        }
        lines.AddRange(GroupLines(page, zone.Where(g => g.Baseline < bottomZone), 0, false, true));
        return lines;
    }

    private static double Mid(Glyph g) => (g.X + g.EndX) / 2;

    /// <summary>
    /// A two-column page has a vertical band in the middle third that no glyph crosses, with enough text on both
    /// sides. Returns the band's centre, or null for a single-column page.
    /// </summary>
    internal static double? FindGutter(IReadOnlyList<Glyph> body, double width)
    {
        var ink = body.Where(g => !g.IsSpace).ToList();
        if (ink.Count < 200) return null;
        const double bin = 2.0;
        int bins = (int)Math.Ceiling(width / bin) + 1;
        var covered = new bool[bins];
        foreach (var g in ink)
        {
            int a = Math.Clamp((int)(g.X / bin), 0, bins - 1), b = Math.Clamp((int)(g.EndX / bin), 0, bins - 1);
            for (int i = a; i <= b; i++) covered[i] = true;
        }
        int lo = (int)(width * 0.3 / bin), hi = (int)(width * 0.7 / bin);
        int bestStart = -1, bestLen = 0, runStart = -1;
        for (int i = lo; i <= hi; i++)
        {
            if (!covered[i]) { if (runStart < 0) runStart = i; int len = i - runStart + 1; if (len > bestLen) { bestLen = len; bestStart = runStart; } }
            else runStart = -1;
        }
        if (bestLen * bin < 10) return null;
        double centre = (bestStart + bestLen / 2.0) * bin;
        int left = ink.Count(g => Mid(g) < centre), right = ink.Count - left;
        return left >= ink.Count * 0.15 && right >= ink.Count * 0.15 ? centre : null;
    }

    internal static IEnumerable<PdfLine> GroupLines(int page, IEnumerable<Glyph> glyphs, int column, bool top, bool bottom)
    {
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.X).ToList();
        var result = new List<PdfLine>();
        int start = 0;
        while (start < sorted.Count)
        {
            double y = sorted[start].Baseline;
            double tol = Math.Max(1.5, sorted[start].FontSize * 0.4);
            int end = start + 1;
            while (end < sorted.Count && Math.Abs(sorted[end].Baseline - y) <= tol) end++;
            var line = BuildLine(page, sorted.GetRange(start, end - start), column, top, bottom);
            if (line is not null) result.Add(line);
            start = end;
        }
        return result;
    }

    private static PdfLine? BuildLine(int page, List<Glyph> glyphs, int column, bool top, bool bottom)
    {
        glyphs.Sort((a, b) => a.X.CompareTo(b.X));
        var sb = new System.Text.StringBuilder(glyphs.Count + 8);
        bool pendingSpace = false;
        double prevEnd = double.NaN, left = double.MaxValue, right = double.MinValue;
        int bold = 0, ink = 0;
        var sizes = new Dictionary<double, int>();
        foreach (var g in glyphs)
        {
            if (g.IsSpace) { pendingSpace = sb.Length > 0; continue; }
            if (sb.Length > 0 && (pendingSpace || g.X - prevEnd > g.FontSize * 0.2)) sb.Append(' ');
            pendingSpace = false;
            sb.Append(g.Value);
            prevEnd = g.EndX;
            left = Math.Min(left, g.X);
            right = Math.Max(right, g.EndX);
            ink++;
            if (g.Bold) bold++;
            double size = Math.Round(g.FontSize, 1);
            sizes[size] = sizes.GetValueOrDefault(size) + 1;
        }
        if (ink == 0) return null;
        double fontSize = sizes.MaxBy(kv => kv.Value).Key;
        double baseline = glyphs.Where(g => !g.IsSpace).Average(g => g.Baseline);
        return new PdfLine(page, sb.ToString(), left, right, baseline, fontSize, bold * 2 > ink, column, top, bottom);
    }
}
