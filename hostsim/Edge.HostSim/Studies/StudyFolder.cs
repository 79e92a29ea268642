// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Output;

namespace Edge.HostSim.Studies;

/// <summary>
/// The files of a study folder. Per variant: variants/&lt;id&gt;/result.json (deterministic, the mark that it
/// finished) and timing.json (wall time). For the study: study.json (the expanded manifest), study.csv,
/// pareto.png, pareto.svg and report.html (all deterministic) and study-timing.csv (wall times).
/// </summary>
public sealed class StudyFolder
{
    public const string ManifestFile = "study.json";
    public const string CsvFile = "study.csv";
    public const string TimingFile = "study-timing.csv";
    public const string PlotPngFile = "pareto.png";
    public const string PlotSvgFile = "pareto.svg";
    public const string ReportFile = "report.html";
    public const string VariantsFolder = "variants";
    public const string ResultFile = "result.json";
    public const string VariantTimingFile = "timing.json";

    public StudyFolder(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string ResultPath(string variantId) => System.IO.Path.Combine(Path, VariantsFolder, variantId, ResultFile);

    /// <summary>The study as study.json records it: enough to tell two studies apart and to redraw the report.</summary>
    public static string Manifest(StudySpec spec, IReadOnlyList<StudyVariant> variants)
    {
        JsonArray axes = new JsonArray();
        foreach (StudyAxis axis in spec.Axes)
        {
            JsonObject a = new JsonObject { ["name"] = axis.Name };
            if (axis.Field != null)
            {
                a["field"] = axis.Field;
            }

            if (axis.IsRandom)
            {
                a["random"] = new JsonObject { ["min"] = axis.RandomMinimum, ["max"] = axis.RandomMaximum, ["scale"] = axis.RandomLogarithmic ? "log" : "linear" };
            }
            else
            {
                a["values"] = new JsonArray(axis.Values.Select(v => v.DeepClone()).ToArray());
            }

            axes.Add(a);
        }

        JsonObject manifest = new JsonObject
        {
            ["name"] = spec.Name,
            ["seed"] = spec.Seed,
            ["draws"] = spec.Draws,
            ["variants"] = variants.Count,
            ["axes"] = axes,
            ["base"] = spec.Base.DeepClone(),
        };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Makes the folder hold this study: writes study.json, or checks that the one there is the same study
    /// (a rerun resumes it; a different study must not mix its results in).
    /// </summary>
    public void Claim(string manifest)
    {
        string file = System.IO.Path.Combine(Path, ManifestFile);
        if (File.Exists(file))
        {
            if (File.ReadAllText(file) != manifest)
            {
                throw new StudyException("'" + Path + "' holds results of a different study (its " + ManifestFile + " differs); give another --out or delete the folder");
            }

            return;
        }

        Directory.CreateDirectory(Path);
        WriteAtomically(file, manifest);
    }

    public bool IsFinished(string variantId) => File.Exists(ResultPath(variantId));

    public void Save(StudyRow row, double wallS, long cellSteps)
    {
        string folder = System.IO.Path.Combine(Path, VariantsFolder, row.Variant);
        Directory.CreateDirectory(folder);
        JsonObject timing = new JsonObject { ["wallS"] = wallS, ["cellSteps"] = cellSteps };
        WriteAtomically(System.IO.Path.Combine(folder, VariantTimingFile), timing.ToJsonString() + "\n");
        WriteAtomically(ResultPath(row.Variant), JsonSerializer.Serialize(row, OutputJson.Indented) + "\n");
    }

    /// <summary>The finished variants' rows, by variant index.</summary>
    public SortedDictionary<int, StudyRow> ReadRows()
    {
        SortedDictionary<int, StudyRow> rows = new SortedDictionary<int, StudyRow>();
        string folder = System.IO.Path.Combine(Path, VariantsFolder);
        if (!Directory.Exists(folder))
        {
            return rows;
        }

        foreach (string file in Directory.EnumerateFiles(folder, ResultFile, SearchOption.AllDirectories))
        {
            StudyRow row;
            try
            {
                row = JsonSerializer.Deserialize<StudyRow>(File.ReadAllText(file), OutputJson.Indented) ?? throw new JsonException("empty");
            }
            catch (JsonException e)
            {
                throw new StudyException("'" + file + "' is not a variant result (" + e.Message + ")");
            }

            rows[row.Index] = row;
        }

        return rows;
    }

    /// <summary>(variant, wall s, cell-steps) of the finished variants that have a timing.json.</summary>
    public List<(string Variant, double WallS, long CellSteps)> ReadTimings()
    {
        List<(string, double, long)> timings = new List<(string, double, long)>();
        string folder = System.IO.Path.Combine(Path, VariantsFolder);
        if (!Directory.Exists(folder))
        {
            return timings;
        }

        foreach (string directory in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string file = System.IO.Path.Combine(directory, VariantTimingFile);
            if (File.Exists(file))
            {
                JsonNode timing = JsonNode.Parse(File.ReadAllText(file))!;
                timings.Add((System.IO.Path.GetFileName(directory), timing["wallS"]!.GetValue<double>(), timing["cellSteps"]!.GetValue<long>()));
            }
        }

        return timings;
    }

    public void WriteTimings()
    {
        StringBuilder csv = new StringBuilder("variant,wallS,cellSteps,cellStepsPerSecond\n");
        foreach ((string variant, double wallS, long cellSteps) in ReadTimings())
        {
            csv.Append(variant).Append(',').Append(wallS.ToString("0.###", CultureInfo.InvariantCulture)).Append(',')
                .Append(cellSteps.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((cellSteps / Math.Max(wallS, 1e-9)).ToString("0", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(System.IO.Path.Combine(Path, TimingFile), csv.ToString());
    }

    /// <summary>Copies one finished variant's files from another study folder (merge).</summary>
    public void Adopt(StudyFolder shard, string variantId)
    {
        string from = System.IO.Path.Combine(shard.Path, VariantsFolder, variantId);
        string to = System.IO.Path.Combine(Path, VariantsFolder, variantId);
        Directory.CreateDirectory(to);
        foreach (string file in new[] { ResultFile, VariantTimingFile })
        {
            string source = System.IO.Path.Combine(from, file);
            if (File.Exists(source))
            {
                File.Copy(source, System.IO.Path.Combine(to, file), true);
            }
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, true);
    }
}
