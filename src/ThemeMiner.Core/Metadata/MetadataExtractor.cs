using System.Globalization;
using System.Text.RegularExpressions;
using ThemeMiner.Core.Model;
using ThemeMiner.Core.Parsing;

namespace ThemeMiner.Core.Metadata;

/// <summary>
/// Rule-based review metadata from the title page and the introduction. A field the report does not state
/// stays null: nothing is guessed from the file name, and nothing is defaulted.
/// </summary>
public static partial class MetadataExtractor
{
    private const RegexOptions Opt = RegexOptions.CultureInvariant;
    private const RegexOptions OptI = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    [GeneratedRegex(@"\b(?<name>(?:[A-Z][A-Za-z'’\-]+\s+(?:and\s+|upon\s+|on\s+)?){1,4}?)(?<local>Local\s+)?Safeguarding\s+(?:Children(?:'s|’s|s)?\s+)?(?<kind>Board|Partnership)s?\b", Opt)]
    private static partial Regex PartnershipRegex();

    [GeneratedRegex(@"\b(?:Child|Baby|Young Person|Infant)\s+[A-Z]{1,2}\d?(?![A-Za-z])", Opt)]
    private static partial Regex PseudonymRegex();

    [GeneratedRegex(@"\bChildren\s+(?<first>[A-Z]{1,2}\d?)(?<more>(?:\s*,\s*[A-Z]{1,2}\d?)*)\s*(?:,\s*)?and\s+(?<last>[A-Z]{1,2}\d?)(?![A-Za-z])", Opt)]
    private static partial Regex ChildrenListRegex();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b", Opt)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"\b(?<num>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-one)(?:[- ](?<unit>day|week|month|year)s?[- ]old|\s+(?<unit>day|week|month|year)s?\s+of\s+age)\b", OptI)]
    private static partial Regex AgeOldRegex();

    [GeneratedRegex(@"\baged\s+(?<num>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)(?:\s+(?<unit>day|week|month|year)s?)?\b", OptI)]
    private static partial Regex AgedRegex();

    [GeneratedRegex(@"\bunborn\b", OptI)]
    private static partial Regex UnbornRegex();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""“(])", Opt)]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"\b(died|death|dead|killed|fatal|fatally|took (?:his|her|their) own life|suicide|passed away|unlawful killing|murder|manslaughter)\b", OptI)]
    private static partial Regex DiedRegex();

    [GeneratedRegex(@"\b(serious(?:ly)?\s+(?:harm|harmed|injur\w*)|significant (?:harm|injur\w*)|life[- ]threatening|life[- ]changing|suffered (?:serious|significant|multiple)|sustained|non-accidental injur\w*)\b", OptI)]
    private static partial Regex HarmedRegex();

    [GeneratedRegex(@"\b(?:died|death) or (?:(?:been|was|is) )?serious|\bserious(?:ly)? (?:harm|injur\w*) or (?:death|died)|\bcriteria\b|\bWorking Together\b|\bregulations?\b|\bwhere (?:abuse|a child)", OptI)]
    private static partial Regex CriteriaRegex();

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["twenty-one"] = 21,
    };

    private static readonly (HarmCategory Harm, Regex Pattern)[] HarmRules =
    [
        (HarmCategory.Physical, new Regex(@"\b(non-accidental injur\w*|head injur\w*|abdominal injur\w*|fractur\w*|bruis\w*|physical(?:ly)? (?:abuse|abused|harm|assault\w*)|(?<!sexual(?:ly)? )assault\w*|stab(?:bed|bing)?|stab wounds?|shak(?:en|ing)|strangl\w*|inflicted injur\w*)\b", OptI)),
        (HarmCategory.Sexual, new Regex(@"\b(sexual(?:ly)? (?:abuse|abused|assault\w*|harm)|rape|raped)\b", OptI)),
        (HarmCategory.Neglect, new Regex(@"\b(neglect|neglected|neglectful|medical neglect)\b", OptI)),
        (HarmCategory.Emotional, new Regex(@"\b(emotional(?:ly)? (?:abuse|abused|harm))\b", OptI)),
        (HarmCategory.Exploitation, new Regex(@"\b(exploit\w*|county lines|groom\w*|trafficked|trafficking)\b", OptI)),
        (HarmCategory.SelfHarm, new Regex(@"\b(suicide|took (?:his|her|their) own life|self-harm\w*|ended (?:his|her|their) life|harmed (?:himself|herself|themselves))\b", OptI)),
    ];

    /// <param name="titleLines">Title-page blocks in order (with font sizes).</param>
    /// <param name="passages">All passages; the introduction is read from the first sections.</param>
    public static ReviewMetadata Extract(IReadOnlyList<TextBlock> titleLines, IReadOnlyList<Passage> passages)
    {
        var titleText = string.Join("\n", titleLines.Select(t => t.Text));
        var intro = IntroductionText(passages);
        var early = string.Join("\n", passages.Where(p => p.Kind != PassageKind.TitlePage).Take(60).Select(p => p.Text));

        var title = Title(titleLines);
        var reviewType = ReviewTypeOf(titleText) ?? ReviewTypeOf(intro);
        var reportKind = ReportKindOf(titleText) ?? ReportKindOf(intro);
        var (partnership, area) = PartnershipOf(titleText) ?? PartnershipOf(intro) ?? (null, null);
        var year = PublicationYear(titleLines);
        var children = Children(titleText, intro);
        var sentences = SentenceSplit().Split(intro).ToList();
        var childSentences = sentences.Where(s => MentionsChild(s, children)).ToList();
        var ageBand = AgeBandOf(childSentences) ?? AgeBandOf(sentences) ?? AgeBandOf(SentenceSplit().Split(early).ToList());
        var sex = SexOf(childSentences, children) ?? SexOf(sentences, children);
        var outcome = OutcomeOf(childSentences) ?? OutcomeOf(sentences);
        var harm = HarmOf(titleText + "\n" + FirstSectionText(passages));
        var methodology = MethodologyOf(early);

        return new ReviewMetadata(title, reviewType, reportKind, partnership, area, year, children, ageBand, sex, outcome, harm, methodology);
    }

    /// <summary>The introduction: passages of the first sections up to the first chronology/analysis/finding, at most 25.</summary>
    internal static string IntroductionText(IReadOnlyList<Passage> passages)
    {
        var list = new List<string>();
        foreach (var p in passages)
        {
            if (p.Kind == PassageKind.TitlePage) continue;
            if (p.SectionType is SectionType.Chronology or SectionType.Analysis or SectionType.Finding or SectionType.Recommendation or SectionType.Appendix && list.Count > 0) break;
            list.Add(p.Text);
            if (list.Count >= 25) break;
        }
        return string.Join("\n", list);
    }

    /// <summary>The first section's passages (the introduction proper), where reviews state what happened to the child.</summary>
    internal static string FirstSectionText(IReadOnlyList<Passage> passages)
    {
        var body = passages.Where(p => p.Kind != PassageKind.TitlePage).ToList();
        if (body.Count == 0) return string.Empty;
        var first = body[0].HeadingPath.Count > 0 ? body[0].HeadingPath[0] : null;
        return string.Join("\n", body.TakeWhile(p => (p.HeadingPath.Count > 0 ? p.HeadingPath[0] : null) == first).Take(25).Select(p => p.Text));
    }

    internal static string? Title(IReadOnlyList<TextBlock> titleLines)
    {
        if (titleLines.Count == 0) return null;
        double max = titleLines.Max(t => t.FontSize);
        if (max <= 0) return null;
        var parts = new List<string>();
        bool started = false;
        foreach (var t in titleLines)
        {
            if (t.FontSize >= max - 0.6) { parts.Add(t.Text.Trim()); started = true; }
            else if (started) break;
        }
        var title = string.Join(" ", parts).Trim();
        return title.Length == 0 ? null : title;
    }

    internal static ReviewType? ReviewTypeOf(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("national review", StringComparison.Ordinal) || t.Contains("national child safeguarding practice review", StringComparison.Ordinal)) return ReviewType.National;
        int lcspr = t.IndexOf("child safeguarding practice review", StringComparison.Ordinal);
        int scr = t.IndexOf("serious case review", StringComparison.Ordinal);
        while (lcspr >= 0 && t.AsSpan(lcspr).StartsWith("child safeguarding practice review panel")) lcspr = t.IndexOf("child safeguarding practice review", lcspr + 10, StringComparison.Ordinal);
        if (lcspr >= 0 && (scr < 0 || lcspr < scr)) return ReviewType.LCSPR;
        if (scr >= 0) return ReviewType.SCR;
        return null;
    }

    internal static ReportKind? ReportKindOf(string text)
    {
        var t = text.ToLowerInvariant();
        int es = t.IndexOf("executive summary", StringComparison.Ordinal), ov = t.IndexOf("overview report", StringComparison.Ordinal);
        if (es >= 0 && (ov < 0 || es < ov)) return ReportKind.ExecutiveSummary;
        if (ov >= 0) return ReportKind.Overview;
        return null;
    }

    internal static (string? Partnership, string? Area)? PartnershipOf(string text)
    {
        foreach (Match m in PartnershipRegex().Matches(text))
        {
            var name = m.Groups["name"].Value.Trim();
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            while (words.Count > 0 && IsStopName(words[0])) words.RemoveAt(0);
            if (words.Count == 0) continue;
            var area = string.Join(' ', words);
            int start = text.IndexOf(words[0], m.Index, StringComparison.Ordinal);
            return (Collapse(text[start..(m.Index + m.Length)]), area);
        }
        return null;
    }

    private static bool IsStopName(string w) => w is "The" or "This" or "A" or "An" or "By" or "For" or "Of" or "Commissioned" or "Published" or "Report" or "Review" or "Serious" or "Case" or "Overview" or "Executive" or "Summary";

    private static string Collapse(string s) => Regex.Replace(s, @"\s+", " ").Trim();

    internal static int? PublicationYear(IReadOnlyList<TextBlock> titleLines)
    {
        foreach (var t in titleLines)
            if (t.Text.Contains("publish", StringComparison.OrdinalIgnoreCase) || t.Text.Contains("publication", StringComparison.OrdinalIgnoreCase))
            {
                var years = YearRegex().Matches(t.Text).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
                if (years.Count > 0) return years.Max();
            }
        // A dated title page ("March 2015") without the word "published": the latest month-year on it.
        int? best = null;
        foreach (var t in titleLines)
        {
            var m = Regex.Match(t.Text, @"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d{2})\b");
            if (m.Success && !t.Text.Contains("incident", StringComparison.OrdinalIgnoreCase) && !t.Text.Contains("died", StringComparison.OrdinalIgnoreCase))
                best = Math.Max(best ?? 0, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }
        return best;
    }

    internal static IReadOnlyList<string> Children(string titleText, string intro)
    {
        var found = new List<string>();
        void AddAll(string text)
        {
            foreach (Match m in ChildrenListRegex().Matches(text))
            {
                found.Add("Child " + m.Groups["first"].Value);
                foreach (var more in m.Groups["more"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    found.Add("Child " + more);
                found.Add("Child " + m.Groups["last"].Value);
            }
            foreach (Match m in PseudonymRegex().Matches(text)) found.Add(Collapse(m.Value));
        }
        AddAll(titleText);
        if (found.Count == 0) AddAll(intro);
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool MentionsChild(string sentence, IReadOnlyList<string> children) =>
        children.Any(c => sentence.Contains(c, StringComparison.Ordinal));

    [GeneratedRegex(@"\b(mother|father|brother|half-brother|sister|half-sister|sibling|siblings|partner|aunt|uncle|grandmother|grandfather|cousin|Mr|Mrs|Ms|parents?|stepfather|stepmother|man|woman|men|women|adults?)\b[^.;]{0,30}$", Opt | RegexOptions.IgnoreCase)]
    private static partial Regex OtherPersonBefore();

    [GeneratedRegex(@"\b(newborn|new-born|neonatal death|shortly after (?:(?:her|his|its|the) )?birth|(?:hours|days) old|at birth)\b", OptI)]
    private static partial Regex NewbornRegex();

    internal static AgeBand? AgeBandOf(IReadOnlyList<string> sentences)
    {
        foreach (var s in sentences)
        {
            var m = FirstChildAge(s, AgeOldRegex()) ?? FirstChildAge(s, AgedRegex());
            if (m is null)
            {
                if (NewbornRegex().IsMatch(s)) return AgeBand.Under1;
                continue;
            }
            var num = m.Groups["num"].Value;
            int n = int.TryParse(num, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : NumberWords.GetValueOrDefault(num, -1);
            if (n < 0) continue;
            var unit = m.Groups["unit"].Success && m.Groups["unit"].Value.Length > 0 ? m.Groups["unit"].Value.ToLowerInvariant() : "year";
            return unit switch
            {
                "day" or "week" => AgeBand.Under1,
                "month" => n < 12 ? AgeBand.Under1 : n < 72 ? AgeBand.Age1To5 : AgeBand.Age6To10,
                _ => n switch { 0 => AgeBand.Under1, <= 5 => AgeBand.Age1To5, <= 10 => AgeBand.Age6To10, <= 15 => AgeBand.Age11To15, <= 17 => AgeBand.Age16To17, _ => AgeBand.Age18Plus },
            };
        }
        return null;
    }

    /// <summary>The first age expression in a sentence that is not about another person ("his half-brother (then aged three)").</summary>
    private static Match? FirstChildAge(string sentence, Regex pattern)
    {
        foreach (Match m in pattern.Matches(sentence))
        {
            var before = sentence[..m.Index];
            if (OtherPersonBefore().IsMatch(before)) continue;
            return m;
        }
        return null;
    }

    internal static ChildSex? SexOf(IReadOnlyList<string> sentences, IReadOnlyList<string> children)
    {
        var male = new Regex(@"\b(boy|son|young man|baby boy|male|schoolboy)\b", OptI);
        var female = new Regex(@"\b(girl|daughter|young woman|baby girl|female|schoolgirl)\b", OptI);
        foreach (var s in sentences)
        {
            var m = male.Match(s); var f = female.Match(s);
            if (m.Success && (!f.Success || m.Index < f.Index)) return ChildSex.Male;
            if (f.Success) return ChildSex.Female;
        }
        // Pronouns in sentences about the child that name no adult.
        int he = 0, she = 0;
        var adults = new Regex(@"\b(mother|father|mr|ms|mrs|grandmother|grandfather|sister|brother|partner|aunt|uncle|stepfather|stepmother|worker|visitor|teacher|officer|nurse|doctor|practitioner)\b", OptI);
        foreach (var s in sentences)
        {
            if (!MentionsChild(s, children) || adults.IsMatch(s)) continue;
            he += Regex.Matches(s, @"\b(he|his|him|himself)\b", OptI).Count;
            she += Regex.Matches(s, @"\b(she|her|hers|herself)\b", OptI).Count;
        }
        if (he >= 2 && he >= 3 * she) return ChildSex.Male;
        if (she >= 2 && she >= 3 * he) return ChildSex.Female;
        return null;
    }

    internal static Outcome? OutcomeOf(IReadOnlyList<string> sentences)
    {
        foreach (var s in sentences)
        {
            if (CriteriaRegex().IsMatch(s)) continue;
            if (DiedRegex().IsMatch(s)) return Outcome.Died;
            if (HarmedRegex().IsMatch(s)) return Outcome.SeriousHarm;
        }
        return null;
    }

    internal static IReadOnlyList<HarmCategory> HarmOf(string text)
    {
        var sentences = SentenceSplit().Split(text).Where(s => !CriteriaRegex().IsMatch(s) && !Regex.IsMatch(s, @"\b(no evidence|not (?:a|the) (?:cause|factor)|ruled out)\b", OptI));
        // "abuse or neglect" is the statutory criterion, not a finding about this child.
        var joined = Regex.Replace(string.Join("\n", sentences), @"\babuse (?:or|and(?:/or)?) neglect\b", " ", OptI);
        return HarmRules.Where(r => r.Pattern.IsMatch(joined)).Select(r => r.Harm).ToList();
    }

    internal static Methodology? MethodologyOf(string text)
    {
        if (Regex.IsMatch(text, @"Learning Together|\bSCIE\b|Social Care Institute for Excellence", Opt)) return Methodology.SCIE;
        if (Regex.IsMatch(text, @"\bSILP\b|Significant Incident Learning Process", OptI)) return Methodology.SILP;
        if (Regex.IsMatch(text, @"individual management reviews?|\bIMRs?\b|rapid review|practitioner[- ]led|practitioner (?:event|workshop|learning event)|systems (?:approach|methodology)|appreciative inquiry|hybrid (?:model|methodology)|traditional (?:model|methodology|approach)|chronolog\w+ and (?:agency )?reports|methodology", OptI))
            return Methodology.Other;
        return null;
    }
}
