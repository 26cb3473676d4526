using ThemeMiner.Core.Model;
using ThemeMiner.Core.Text;

namespace ThemeMiner.Core.Segmentation;

/// <summary>Maps a report heading to a section type by the words reviews use for their parts.</summary>
public static class SectionClassifier
{
    // Order matters: the first rule whose keyword occurs wins ("Summary of agency involvement" is chronology,
    // "Family involvement in the review" is terms of reference, "Introduction" is the summary).
    private static readonly (SectionType Type, string[] Keywords)[] Rules =
    [
        (SectionType.Appendix, ["appendix", "annex", "glossary", "bibliography", "references", "panel membership", "abbreviations", "acronyms"]),
        (SectionType.Recommendation, ["recommendation"]),
        (SectionType.Finding, ["finding", "conclusion", "lessons", "learning points"]),
        (SectionType.Chronology, ["chronology", "practice episode", "key episode", "narrative", "agency involvement", "summary of events", "key events", "timeline", "events leading", "the events"]),
        (SectionType.TermsOfReference, ["terms of reference", "scope", "methodology", "method", "review process", "the process", "the review team", "the review panel", "parallel process", "family involvement", "involvement of the family", "family contribution", "contribution of the family", "governance of the review", "independent reviewer", "lead reviewer"]),
        (SectionType.Analysis, ["analysis", "appraisal", "evaluation", "themes", "practice issues", "discussion", "learning", "reflection", "what happened and why", "key issues"]),
        (SectionType.Background, ["background", "family", "the child", "history", "context", "pen picture", "about"]),
        (SectionType.Summary, ["executive summary", "summary", "overview", "introduction", "purpose"]),
    ];

    private static readonly HashSet<SectionType> Strong = [SectionType.Finding, SectionType.Recommendation, SectionType.Appendix];

    public static SectionType Classify(string heading)
    {
        var text = ParagraphNumbering.TrySplit(heading + " ", out _, out var rest) ? rest : heading;
        text = text.ToLowerInvariant();
        foreach (var (type, keywords) in Rules)
            foreach (var k in keywords)
                if (text.Contains(k, StringComparison.Ordinal)) return type;
        return SectionType.Other;
    }

    /// <summary>The type of a sub-section: its own when it names a finding, recommendation or appendix, else its parent's.</summary>
    public static SectionType ClassifyChild(string heading, SectionType parent)
    {
        var own = Classify(heading);
        if (parent == SectionType.Other) return own;
        return Strong.Contains(own) ? own : parent;
    }
}
