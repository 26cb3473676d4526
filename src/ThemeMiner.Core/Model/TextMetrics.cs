namespace ThemeMiner.Core.Model;

public static class TextMetrics
{
    /// <summary>Counts whitespace-separated words.</summary>
    public static int CountWords(string text)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c)) inWord = false;
            else if (!inWord) { inWord = true; count++; }
        }
        return count;
    }
}
