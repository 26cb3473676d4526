namespace ThemeMiner.Core.Model;

/// <summary>The wire names of enums (JSON, CLI, index). One place, so every consumer spells them alike.</summary>
public static class Names
{
    public static string Of(SectionType t) => t switch
    {
        SectionType.Summary => "summary",
        SectionType.TermsOfReference => "terms-of-reference",
        SectionType.Background => "background",
        SectionType.Chronology => "chronology",
        SectionType.Analysis => "analysis",
        SectionType.Finding => "finding",
        SectionType.Recommendation => "recommendation",
        SectionType.Appendix => "appendix",
        _ => "other",
    };

    public static string Of(AgeBand b) => b switch
    {
        AgeBand.Unborn => "unborn",
        AgeBand.Under1 => "under 1",
        AgeBand.Age1To5 => "1-5",
        AgeBand.Age6To10 => "6-10",
        AgeBand.Age11To15 => "11-15",
        AgeBand.Age16To17 => "16-17",
        _ => "18+",
    };

    public static string Of(ReviewType t) => t switch
    {
        ReviewType.SCR => "SCR",
        ReviewType.LCSPR => "LCSPR",
        _ => "national",
    };

    public static string Of(ReportKind k) => k == ReportKind.Overview ? "overview" : "executive-summary";
    public static string Of(ChildSex s) => s == ChildSex.Male ? "male" : "female";
    public static string Of(Outcome o) => o == Outcome.Died ? "died" : "serious harm";
    public static string Of(Methodology m) => m switch { Methodology.SCIE => "SCIE", Methodology.SILP => "SILP", _ => "other" };

    public static string Of(HarmCategory h) => h switch
    {
        HarmCategory.Physical => "physical",
        HarmCategory.Sexual => "sexual",
        HarmCategory.Neglect => "neglect",
        HarmCategory.Emotional => "emotional",
        HarmCategory.Exploitation => "exploitation",
        _ => "self-harm",
    };

    public static string Of(SourceFormat f) => f == SourceFormat.Pdf ? "pdf" : "docx";
    public static string Of(PageProvenance p) => p switch { PageProvenance.Exact => "exact", PageProvenance.Approximate => "approximate", _ => "unknown" };
    public static string Of(ParseStatus s) => s == ParseStatus.Ok ? "ok" : "error";

    public static string Of(PassageKind k) => k switch
    {
        PassageKind.Paragraph => "paragraph",
        PassageKind.List => "list",
        PassageKind.Table => "table",
        PassageKind.Footnote => "footnote",
        _ => "title-page",
    };

    public static string Of(FailureKind k) => k switch
    {
        FailureKind.Empty => "empty",
        FailureKind.Unsupported => "unsupported-format",
        FailureKind.LegacyWord => "legacy-word",
        FailureKind.NotWordProcessing => "not-word-processing",
        FailureKind.Corrupt => "corrupt",
        FailureKind.Encrypted => "encrypted",
        FailureKind.NeedsOcr => "needs-ocr",
        FailureKind.TooLarge => "too-large",
        FailureKind.TooManyPages => "too-many-pages",
        FailureKind.Timeout => "timeout",
        _ => "unreadable",
    };

    public static bool TryParseSectionType(string s, out SectionType type)
    {
        foreach (var t in Enum.GetValues<SectionType>())
            if (string.Equals(Of(t), s, StringComparison.OrdinalIgnoreCase)) { type = t; return true; }
        type = SectionType.Other;
        return false;
    }

    public static bool TryParseAgeBand(string s, out AgeBand band)
    {
        foreach (var b in Enum.GetValues<AgeBand>())
            if (string.Equals(Of(b), s, StringComparison.OrdinalIgnoreCase)) { band = b; return true; }
        band = AgeBand.Under1;
        return false;
    }

    /// <summary>The enum value whose wire name is <paramref name="s"/> (case-insensitive), or null.</summary>
    public static T? Parse<T>(string? s, Func<T, string> name) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(s)) return null;
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(name(v), s, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}
