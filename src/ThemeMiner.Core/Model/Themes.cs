namespace ThemeMiner.Core.Model;

/// <summary>One theme of the taxonomy (models/themes.json).</summary>
public sealed record ThemeDefinition(string Id, string Label, string Group, string GroupKey, string Definition, IReadOnlyList<string> TypicalWording);

/// <summary>The theme taxonomy: the contract between classifier, index, site and evaluation.</summary>
public sealed record Taxonomy(string Version, IReadOnlyList<ThemeDefinition> Themes, IReadOnlyList<string> ToxicTrio)
{
    public ThemeDefinition? Find(string id) => Themes.FirstOrDefault(t => t.Id == id);
    public bool Contains(string id) => Themes.Any(t => t.Id == id);
}

/// <summary>A labelled passage (training data and gold sets): {"id","text","themes":[...],"sectionType"}.</summary>
public sealed record LabelledPassage(string Id, string Text, IReadOnlyList<string> Themes, string? SectionType = null);

/// <summary>The classifier's output for one passage.</summary>
/// <param name="Themes">Themes at or above their threshold, strongest first.</param>
/// <param name="Scores">Calibrated probability per theme id (all themes).</param>
public sealed record PassageClassification(string Id, IReadOnlyList<string> Themes, IReadOnlyDictionary<string, double> Scores, bool Negated, bool GoodPractice);

/// <summary>A review's theme profile: per theme, the passages tagged, the top score and the best evidence.</summary>
public sealed record ThemeProfileEntry(string ThemeId, int Passages, double MaxScore, IReadOnlyList<ThemeEvidence> Evidence);

public sealed record ThemeEvidence(string PassageId, string? Paragraph, int? PageStart, int? PageEnd, string Text, double Score);

public sealed record ReviewThemeProfile(string ReviewId, IReadOnlyList<ThemeProfileEntry> Themes, bool ToxicTrio);
