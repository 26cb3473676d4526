using System.Text;
using System.Text.RegularExpressions;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;

namespace ThemeMiner.Core.Segmentation;

public sealed record SegmentationOptions
{
    /// <summary>Paragraphs longer than this are split at sentence boundaries.</summary>
    public int MaxWords { get; init; } = 300;
    /// <summary>A split fragment shorter than this joins its neighbour.</summary>
    public int MinFragmentWords { get; init; } = 40;
    public static SegmentationOptions Default { get; } = new();
}

/// <summary>The segmenter's output: the outline and the passages.</summary>
public sealed record SegmentedReview(IReadOnlyList<Section> Sections, IReadOnlyList<Passage> Passages);

/// <summary>
/// Turns ordered blocks into sections and passages: one passage per paragraph (or numbered paragraph),
/// heading path and section type carried onto each, lists joined to their lead-in, long paragraphs split
/// at sentence boundaries (~300 words) with small fragments merged into a neighbour.
/// </summary>
public sealed partial class Segmenter(SegmentationOptions options)
{
    public Segmenter() : this(SegmentationOptions.Default) { }

    [GeneratedRegex(@"(?<=[.!?][""”’)]?)\s+(?=[A-Z0-9""“‘(])")]
    private static partial Regex SentenceBoundary();

    private sealed class Draft
    {
        public required IReadOnlyList<string> Path;
        public required SectionType Type;
        public required PassageKind Kind;
        public string? Number;
        public int? PageStart, PageEnd;
        public StringBuilder Text = new();
        /// <summary>The last block added to this draft was a list item, so the next one continues the list.</summary>
        public bool EndsInList;
    }

    public SegmentedReview Segment(string reviewId, IReadOnlyList<TextBlock> blocks)
    {
        var sections = new List<Section>();
        var drafts = new List<Draft>();
        var stack = new List<(int Level, string Heading, SectionType Type)>();
        Draft? title = null;

        IReadOnlyList<string> Path() => stack.Select(s => s.Heading).ToList();
        SectionType Current() => stack.Count == 0 ? SectionType.Other : stack[^1].Type;

        foreach (var b in blocks)
        {
            switch (b.Kind)
            {
                case BlockKind.Heading:
                {
                    while (stack.Count > 0 && stack[^1].Level >= b.HeadingLevel) stack.RemoveAt(stack.Count - 1);
                    var type = stack.Count == 0 ? SectionClassifier.Classify(b.Text) : SectionClassifier.ClassifyChild(b.Text, stack[^1].Type);
                    stack.Add((b.HeadingLevel, b.Text, type));
                    sections.Add(new Section(b.Text, b.HeadingLevel, type, b.Number, b.PageStart));
                    break;
                }
                case BlockKind.TitleLine when stack.Count == 0:
                case BlockKind.Paragraph when stack.Count == 0 && sections.Count == 0:
                    title ??= new Draft { Path = [], Type = SectionType.Other, Kind = PassageKind.TitlePage, PageStart = b.PageStart };
                    if (title.Text.Length > 0) title.Text.Append('\n');
                    title.Text.Append(b.Text);
                    title.PageEnd = b.PageEnd;
                    break;
                case BlockKind.ListItem:
                {
                    var last = drafts.Count > 0 ? drafts[^1] : null;
                    bool sameSection = last is not null && last.Path.SequenceEqual(Path());
                    if (sameSection && (last!.EndsInList || last.Kind == PassageKind.Paragraph && EndsWithLeadIn(last.Text)))
                    {
                        last.Text.Append('\n').Append("• ").Append(b.Text);
                        last.PageEnd = b.PageEnd ?? last.PageEnd;
                        last.EndsInList = true;
                    }
                    else
                    {
                        var d = new Draft { Path = Path(), Type = Current(), Kind = PassageKind.List, PageStart = b.PageStart, PageEnd = b.PageEnd, EndsInList = true };
                        d.Text.Append("• ").Append(b.Text);
                        drafts.Add(d);
                    }
                    break;
                }
                default:
                {
                    var kind = b.Kind switch
                    {
                        BlockKind.Table => PassageKind.Table,
                        BlockKind.Footnote => PassageKind.Footnote,
                        BlockKind.TitleLine => PassageKind.Paragraph,
                        _ => PassageKind.Paragraph,
                    };
                    var d = new Draft
                    {
                        Path = Path(), Type = Current(), Kind = kind,
                        Number = b.Kind == BlockKind.Paragraph ? b.Number : null,
                        PageStart = b.PageStart, PageEnd = b.PageEnd,
                    };
                    d.Text.Append(b.Text);
                    drafts.Add(d);
                    break;
                }
            }
        }

        var passages = new List<Passage>(drafts.Count + 1);
        if (title is not null) Emit(reviewId, title, passages);
        foreach (var d in drafts) Emit(reviewId, d, passages);
        return new SegmentedReview(sections, passages);
    }

    private static bool EndsWithLeadIn(StringBuilder sb)
    {
        for (int i = sb.Length - 1; i >= 0; i--)
        {
            if (char.IsWhiteSpace(sb[i])) continue;
            return sb[i] == ':' || sb[i] == ';' || sb[i] == ',' ;
        }
        return false;
    }

    private void Emit(string reviewId, Draft d, List<Passage> output)
    {
        var text = d.Text.ToString().Trim();
        if (text.Length == 0) return;
        var parts = d.Kind == PassageKind.Table ? SplitRows(text) : Split(text);
        for (int i = 0; i < parts.Count; i++)
        {
            int ordinal = output.Count + 1;
            output.Add(new Passage(
                $"{reviewId}:{ordinal:D4}", ordinal, d.Path, d.Type, d.Kind, d.Number,
                d.PageStart, d.PageEnd, parts[i], parts.Count > 1 ? i + 1 : 0));
        }
    }

    /// <summary>Splits a long paragraph at sentence boundaries into near-equal parts of at most ~MaxWords words.</summary>
    internal List<string> Split(string text)
    {
        int words = TextMetrics.CountWords(text);
        if (words <= options.MaxWords) return [text];
        var sentences = SentenceBoundary().Split(text).Where(s => s.Length > 0).ToList();
        int parts = (int)Math.Ceiling(words / (double)options.MaxWords);
        int target = (int)Math.Ceiling(words / (double)parts);
        var chunks = new List<StringBuilder>();
        var counts = new List<int>();
        foreach (var s in sentences)
        {
            int w = TextMetrics.CountWords(s);
            if (chunks.Count == 0 || counts[^1] >= target || counts[^1] + w > options.MaxWords && counts[^1] > 0)
            {
                chunks.Add(new StringBuilder());
                counts.Add(0);
            }
            if (chunks[^1].Length > 0) chunks[^1].Append(' ');
            chunks[^1].Append(s);
            counts[^1] += w;
        }
        // Merge small fragments into the shorter neighbour.
        for (int i = 0; i < chunks.Count && chunks.Count > 1;)
        {
            if (counts[i] >= options.MinFragmentWords) { i++; continue; }
            int j = i == 0 ? 1 : i == chunks.Count - 1 ? i - 1 : counts[i - 1] <= counts[i + 1] ? i - 1 : i + 1;
            if (j < i) { chunks[j].Append(' ').Append(chunks[i]); }
            else { chunks[j].Insert(0, chunks[i] + " "); }
            counts[j] += counts[i];
            chunks.RemoveAt(i);
            counts.RemoveAt(i);
            i = Math.Max(0, Math.Min(i, j) - 0);
        }
        return chunks.Select(c => c.ToString()).ToList();
    }

    /// <summary>Splits a long table at row boundaries, repeating nothing: each part is whole rows.</summary>
    private List<string> SplitRows(string text)
    {
        if (TextMetrics.CountWords(text) <= options.MaxWords) return [text];
        var result = new List<string>();
        var sb = new StringBuilder();
        int count = 0;
        foreach (var row in text.Split('\n'))
        {
            int w = TextMetrics.CountWords(row);
            if (count > 0 && count + w > options.MaxWords) { result.Add(sb.ToString()); sb.Clear(); count = 0; }
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(row);
            count += w;
        }
        if (sb.Length > 0) result.Add(sb.ToString());
        return result;
    }
}
