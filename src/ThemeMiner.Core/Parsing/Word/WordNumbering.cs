using DocumentFormat.OpenXml.Wordprocessing;

namespace ThemeMiner.Core.Parsing.Word;

/// <summary>
/// Computes the number Word displays for a list paragraph ("4.3", "12", "b"), following numbering.xml:
/// abstract definitions, instance start overrides, per-level counters that reset deeper levels.
/// </summary>
internal sealed class WordNumbering
{
    private sealed record LevelDef(int Start, string Format, string Text);

    private readonly Dictionary<int, int> _numToAbstract = [];
    private readonly Dictionary<int, Dictionary<int, int>> _startOverrides = [];
    private readonly Dictionary<int, Dictionary<int, LevelDef>> _abstractLevels = [];
    private readonly Dictionary<int, int[]> _counters = [];
    private readonly HashSet<int> _usedNums = [];

    public WordNumbering(Numbering? numbering)
    {
        if (numbering is null) return;
        foreach (var an in numbering.Elements<AbstractNum>())
        {
            if (an.AbstractNumberId?.Value is not int id) continue;
            var levels = new Dictionary<int, LevelDef>();
            foreach (var lvl in an.Elements<Level>())
            {
                int ilvl = lvl.LevelIndex?.Value ?? 0;
                int start = lvl.StartNumberingValue?.Val?.Value ?? 1;
                string fmt = lvl.NumberingFormat?.Val?.InnerText ?? "decimal";
                string text = lvl.LevelText?.Val?.Value ?? string.Empty;
                levels[ilvl] = new LevelDef(start, fmt, text);
            }
            _abstractLevels[id] = levels;
        }
        foreach (var num in numbering.Elements<NumberingInstance>())
        {
            if (num.NumberID?.Value is not int numId || num.AbstractNumId?.Val?.Value is not int absId) continue;
            _numToAbstract[numId] = absId;
            foreach (var ov in num.Elements<LevelOverride>())
            {
                if (ov.LevelIndex?.Value is int ilvl && ov.StartOverrideNumberingValue?.Val?.Value is int s)
                {
                    if (!_startOverrides.TryGetValue(numId, out var map)) _startOverrides[numId] = map = [];
                    map[ilvl] = s;
                }
            }
        }
    }

    /// <summary>Advances the counters for a paragraph at (numId, ilvl) and returns what Word shows, or null for bullets / no numbering.</summary>
    public (string? Label, bool IsBullet) Next(int numId, int ilvl)
    {
        if (numId == 0 || !_numToAbstract.TryGetValue(numId, out var absId) || !_abstractLevels.TryGetValue(absId, out var levels))
            return (null, false);
        if (!levels.TryGetValue(ilvl, out var def)) return (null, false);
        if (!_counters.TryGetValue(absId, out var counters))
        {
            _counters[absId] = counters = new int[10];
            for (int i = 0; i < 10; i++) counters[i] = (levels.TryGetValue(i, out var d) ? d.Start : 1) - 1;
        }
        if (_usedNums.Add(numId) && _startOverrides.TryGetValue(numId, out var overrides))
            foreach (var (lvl, start) in overrides) counters[lvl] = start - 1;

        counters[ilvl]++;
        for (int deeper = ilvl + 1; deeper < 10; deeper++)
            counters[deeper] = (levels.TryGetValue(deeper, out var d) ? d.Start : 1) - 1;

        if (def.Format is "bullet" or "none") return (null, def.Format == "bullet");
        var label = def.Text;
        for (int k = 0; k <= ilvl && k < 9; k++)
        {
            var fmt = levels.TryGetValue(k, out var d) ? d.Format : "decimal";
            label = label.Replace($"%{k + 1}", Format(Math.Max(counters[k], levels.TryGetValue(k, out var d2) ? d2.Start : 1), fmt), StringComparison.Ordinal);
        }
        return (label.Trim(), false);
    }

    internal static string Format(int n, string fmt) => fmt switch
    {
        "lowerLetter" => Letters(n).ToLowerInvariant(),
        "upperLetter" => Letters(n),
        "lowerRoman" => Roman(n).ToLowerInvariant(),
        "upperRoman" => Roman(n),
        "decimalZero" => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Letters(int n)
    {
        if (n <= 0) return "A";
        char c = (char)('A' + (n - 1) % 26);
        return new string(c, (n - 1) / 26 + 1);
    }

    private static string Roman(int n)
    {
        if (n <= 0 || n >= 4000) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (int V, string S)[] map = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var sb = new System.Text.StringBuilder();
        foreach (var (v, s) in map) while (n >= v) { sb.Append(s); n -= v; }
        return sb.ToString();
    }
}
