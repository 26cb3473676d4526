using System.Text.Json;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Classification;

/// <summary>Reads models/themes.json and labelled JSON Lines files.</summary>
public static class TaxonomyLoader
{
    public static Taxonomy Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var themes = root.GetProperty("themes").EnumerateArray().Select(t => new ThemeDefinition(
            t.GetProperty("id").GetString()!,
            t.GetProperty("label").GetString()!,
            t.GetProperty("group").GetString()!,
            t.GetProperty("groupKey").GetString()!,
            t.GetProperty("definition").GetString()!,
            t.GetProperty("typicalWording").EnumerateArray().Select(w => w.GetString()!).ToList())).ToList();
        var trio = root.TryGetProperty("toxicTrio", out var tt) ? tt.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        return new Taxonomy(root.GetProperty("taxonomyVersion").GetString()!, themes, trio);
    }

    /// <summary>Reads labelled passages from a .jsonl file or every .jsonl file in a folder (sorted), checking theme ids.</summary>
    public static List<LabelledPassage> LoadLabelled(string path, Taxonomy taxonomy)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.jsonl").Order(StringComparer.Ordinal).ToList()
            : [path];
        var result = new List<LabelledPassage>();
        foreach (var file in files)
        {
            int lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonDocument doc;
                try { doc = JsonDocument.Parse(line); }
                catch (JsonException ex) { throw new FormatException($"{file}:{lineNo}: not valid JSON ({ex.Message.Split('\n')[0]})"); }
                using (doc)
                {
                    var r = doc.RootElement;
                    var id = r.TryGetProperty("id", out var i) ? i.ToString() : $"{Path.GetFileName(file)}:{lineNo}";
                    if (!r.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                        throw new FormatException($"{file}:{lineNo}: no \"text\"");
                    var themes = r.TryGetProperty("themes", out var th) && th.ValueKind == JsonValueKind.Array
                        ? th.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                    foreach (var theme in themes)
                        if (!taxonomy.Contains(theme)) throw new FormatException($"{file}:{lineNo}: unknown theme id '{theme}'");
                    var section = r.TryGetProperty("sectionType", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    result.Add(new LabelledPassage(id, t.GetString()!, themes, section));
                }
            }
        }
        return result;
    }
}
