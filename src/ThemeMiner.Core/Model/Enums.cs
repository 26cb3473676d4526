namespace ThemeMiner.Core.Model;

/// <summary>File format, detected from content (magic bytes), never from the extension.</summary>
public enum SourceFormat { Pdf, Docx }

/// <summary>How far page numbers on passages can be trusted.</summary>
public enum PageProvenance
{
    /// <summary>Physical PDF pages (1-based, as a PDF viewer numbers them).</summary>
    Exact,
    /// <summary>Word rendered page breaks saved by the last application that laid the file out.</summary>
    Approximate,
    /// <summary>No page information in the file: pages are null.</summary>
    Unknown,
}

/// <summary>The kind of report section a passage sits in (taxonomy.md, per-passage flags).</summary>
public enum SectionType { Summary, TermsOfReference, Background, Chronology, Analysis, Finding, Recommendation, Appendix, Other }

public enum PassageKind { Paragraph, List, Table, Footnote, TitlePage }

public enum ReviewType { SCR, LCSPR, National }

public enum ReportKind { Overview, ExecutiveSummary }

public enum AgeBand { Unborn, Under1, Age1To5, Age6To10, Age11To15, Age16To17, Age18Plus }

public enum ChildSex { Male, Female }

public enum Outcome { Died, SeriousHarm }

public enum HarmCategory { Physical, Sexual, Neglect, Emotional, Exploitation, SelfHarm }

public enum Methodology { SCIE, SILP, Other }

public enum ParseStatus { Ok, Error }

/// <summary>Why a file was rejected. One value per failure class.</summary>
public enum FailureKind
{
    Empty,
    Unsupported,
    LegacyWord,
    NotWordProcessing,
    Corrupt,
    Encrypted,
    NeedsOcr,
    TooLarge,
    TooManyPages,
    Timeout,
    Unreadable,
}
