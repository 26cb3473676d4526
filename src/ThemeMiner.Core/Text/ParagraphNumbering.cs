using System.Text.RegularExpressions;

namespace ThemeMiner.Core.Text;

/// <summary>Recognises the paragraph numbers that reviews use: "5.3.2 Text", "12. Text", "4.1. Text".</summary>
public static partial class ParagraphNumbering
{
    // Multi-level: 1 or 2 digits, then 1-3 ".n" parts, optional trailing dot, then a space.
    [GeneratedRegex(@"^(?<n>\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex MultiLevel();

    // Single level "12. Text": must have the dot, and the text must start like a sentence (not "2015. " or "3. 5").
    [GeneratedRegex(@"^(?<n>\d{1,3})[.)]\s+(?=[A-Z(""'‘“])", RegexOptions.CultureInvariant)]
    private static partial Regex SingleLevel();

    /// <summary>If the text starts with a paragraph number, returns it (without trailing dot) and the rest.</summary>
    public static bool TrySplit(string text, out string number, out string rest)
    {
        var m = MultiLevel().Match(text);
        if (!m.Success) m = SingleLevel().Match(text);
        if (m.Success && !LooksLikeQuantity(text, m.Length))
        {
            number = m.Groups["n"].Value;
            rest = text[m.Length..];
            return true;
        }
        number = string.Empty;
        rest = text;
        return false;
    }

    public static bool StartsWithNumber(string text) => TrySplit(text, out _, out _);

    /// <summary>"1.5 million", "2.5 hours": a decimal quantity, not a paragraph number.</summary>
    private static bool LooksLikeQuantity(string text, int numberLength)
    {
        var rest = text.AsSpan(numberLength);
        foreach (var unit in Units)
            if (rest.StartsWith(unit, StringComparison.OrdinalIgnoreCase) && (rest.Length == unit.Length || !char.IsLetter(rest[unit.Length])))
                return true;
        return false;
    }

    private static readonly string[] Units = ["million", "billion", "per cent", "percent", "%", "hours", "hour", "kg", "km", "miles", "years", "months", "weeks", "days", "mg", "ml"];

    /// <summary>Depth of a number: "5" is 1, "5.3" is 2, "5.3.2" is 3.</summary>
    public static int Depth(string number) => number.Count(c => c == '.') + 1;
}
