using System.Text;

namespace ThemeMiner.Core.Text;

/// <summary>Character-level clean-up shared by all parsers: ligatures, soft hyphens, odd spaces, quotes kept as written.</summary>
public static class TextCleaner
{
    /// <summary>Replaces typographic ligatures (U+FB00..FB06) with their letters, drops soft hyphens and
    /// zero-width characters, maps non-breaking and other Unicode spaces to a plain space, and collapses runs of spaces.</summary>
    public static string Normalise(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        bool lastSpace = false;
        foreach (char c in text)
        {
            string? rep = c switch
            {
                '\uFB00' => "ff",
                '\uFB01' => "fi",
                '\uFB02' => "fl",
                '\uFB03' => "ffi",
                '\uFB04' => "ffl",
                '\uFB05' or '\uFB06' => "st",
                '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' => "",
                _ => null,
            };
            if (rep is not null)
            {
                if (rep.Length > 0) { sb.Append(rep); lastSpace = false; }
                continue;
            }
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                if (!lastSpace && sb.Length > 0) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            if (char.IsControl(c)) continue;
            sb.Append(c);
            lastSpace = false;
        }
        if (lastSpace && sb.Length > 0) sb.Length--;
        return sb.ToString();
    }
}
