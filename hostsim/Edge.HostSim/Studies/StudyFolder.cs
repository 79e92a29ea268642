// Licensed under the MIT License.

using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Output;

namespace Edge.HostSim.Studies;

/// <summary>
/// The files of a study folder. Per variant: variants/&lt;id&gt;/result.json (deterministic, the mark that it
/// finished, taken back only when it passes <see cref="StudyResultCheck"/>) and timing.json (wall time). For the study: study.json (the expanded manifest), study.csv,
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

    /// <summary>The variants' simulator warnings (fields without effect, coarse board channels), one a line (empty when none).</summary>
    public const string WarningsFile = "study-warnings.txt";
    public const string VariantsFolder = "variants";
    public const string ResultFile = "result.json";
    public const string VariantTimingFile = "timing.json";

    /// <summary>The names a writer gives its temporary files: the file's own name, ".tmp-", the writer's process id and a GUID.</summary>
    private static readonly string[] s_temporaryPatterns = { ManifestFile + ".tmp-*", ResultFile + ".tmp-*", VariantTimingFile + ".tmp-*" };

    public StudyFolder(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string ResultPath(string variantId) => System.IO.Path.Combine(Path, VariantsFolder, variantId, ResultFile);

    /// <summary>
    /// The study as study.json records it: enough to tell two studies apart, to redraw the report and to expand the
    /// study again from the folder alone. The base scenario is recorded whole, and so is every board file the
    /// variants read (its text and SHA-256): a board is part of the measurement, so a changed one is another study.
    /// </summary>
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
            [StudyProvenance.ProvenanceKey] = StudyProvenance.Text,
            ["seed"] = spec.Seed,
            ["draws"] = spec.Draws,
            ["variants"] = variants.Count,
            [StudyProvenance.PresetsKey] = StudyProvenance.PresetsJson(variants),
            [StudyProvenance.ScenarioSeedsKey] = StudyProvenance.ScenarioSeedsJson(variants),
            ["axes"] = axes,
            ["base"] = spec.Base.DeepClone(),
        };
        SortedDictionary<string, string> boards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (StudyVariant variant in variants)
        {
            if (variant.Scenario.Measurement is { Board: string file, BoardText: string text })
            {
                boards.TryAdd(file, text);
            }
        }

        if (boards.Count > 0)
        {
            manifest["boards"] = new JsonArray(boards.Select(b => (JsonNode)new JsonObject { ["file"] = b.Key, ["sha256"] = Sha256(b.Value), ["text"] = b.Value }).ToArray());
        }

        return manifest.ToJsonString(s_readable) + "\n";
    }

    /// <summary>
    /// study.json as people read it: a quote in a text written \" and + or an accented letter as itself, where the
    /// HTML-safe default wrote \u0022, \u002B and \u00E9. Folders written before keep their escaping and still resume
    /// and merge: manifests are compared in this form (<see cref="SameJson"/>).
    /// </summary>
    private static readonly JsonSerializerOptions s_readable = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Whether two study.json (or result.json) texts record the same: the same text once each is written as
    /// <see cref="Manifest"/> writes one. Strings compare by their value, however escaped; numbers as written (3.0 and 3 differ), as before.
    /// A text that does not parse equals only itself.
    /// </summary>
    public static bool SameJson(string a, string b) => a == b || Normalised(a) is string x && x == Normalised(b);

    private static string? Normalised(string text)
    {
        try
        {
            return WithoutDerived(JsonNode.Parse(text))?.ToJsonString(s_readable);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A parsed study.json without the fields that follow from the rest (<see cref="StudyProvenance.DerivedKeys"/>).</summary>
    private static JsonNode? WithoutDerived(JsonNode? manifest)
    {
        if (manifest is JsonObject study)
        {
            StudyProvenance.RemoveFrom(study);
        }

        return manifest;
    }

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes (sha256sum's of a board file saved without a BOM).</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// When two study.json texts differ in a board file and nothing else: that board file and the two hashes, to
    /// say which file changed rather than only that the study did. Null otherwise.
    /// </summary>
    public static string? BoardChange(string recorded, string other, string recordedName, string otherName)
    {
        JsonObject? a;
        JsonObject? b;
        try
        {
            a = JsonNode.Parse(recorded) as JsonObject;
            b = JsonNode.Parse(other) as JsonObject;
        }
        catch (JsonException)
        {
            // A damaged study.json is simply another study.
            return null;
        }

        if (a == null || b == null)
        {
            return null;
        }

        Dictionary<string, string> hashesA = Hashes(a);
        Dictionary<string, string> hashesB = Hashes(b);
        a.Remove("boards");
        b.Remove("boards");
        StudyProvenance.RemoveFrom(a);
        StudyProvenance.RemoveFrom(b);
        if (!JsonNode.DeepEquals(a, b))
        {
            return null;
        }

        foreach (string file in hashesA.Keys.Union(hashesB.Keys).Order(StringComparer.Ordinal))
        {
            string hashA = hashesA.GetValueOrDefault(file, "none");
            string hashB = hashesB.GetValueOrDefault(file, "none");
            if (hashA != hashB)
            {
                return "board file '" + file + "' differs: sha256 " + Short(hashA) + " " + recordedName + ", " + Short(hashB) + " " + otherName;
            }
        }

        return null;

        static string Short(string hash) => hash.Length > 12 ? hash[..12] + "..." : hash;

        static Dictionary<string, string> Hashes(JsonObject manifest)
        {
            Dictionary<string, string> hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonNode? board in manifest["boards"] as JsonArray ?? new JsonArray())
            {
                if (board?["file"] is JsonValue file && file.TryGetValue(out string? name))
                {
                    hashes[name] = board["sha256"] is JsonValue hash && hash.TryGetValue(out string? text) ? text : "none";
                }
            }

            return hashes;
        }
    }

    /// <summary>
    /// Where two study.json texts first differ, in manifest order: the field's path and its value in each
    /// ("base.protocol.cutoffV: 3.0 in the folder's study.json, 2.9 now"), so an edited spec that is refused says
    /// which edit made it another study. Values are compared as written: 3.0 and 3 differ. Null when both parse the
    /// same or either does not parse (a hand-edited or damaged study.json).
    /// </summary>
    public static string? Difference(string recorded, string other, string recordedName, string otherName)
    {
        JsonNode? a;
        JsonNode? b;
        try
        {
            a = WithoutDerived(JsonNode.Parse(recorded));
            b = WithoutDerived(JsonNode.Parse(other));
        }
        catch (JsonException)
        {
            return null;
        }

        return First(a, b, string.Empty);

        string? First(JsonNode? x, JsonNode? y, string path)
        {
            if (x is JsonObject ox && y is JsonObject oy)
            {
                // The variant count follows from the axes: the axis that changed it says more, so it comes last.
                IEnumerable<string> keys = ox.Select(p => p.Key).Concat(oy.Select(p => p.Key).Where(k => !ox.ContainsKey(k)));
                foreach (string key in path.Length == 0 ? keys.OrderBy(k => k == "variants") : keys)
                {
                    string field = path.Length == 0 ? key : path + "." + key;
                    if (!ox.ContainsKey(key) || !oy.ContainsKey(key))
                    {
                        return Say(field, ox.ContainsKey(key) ? Show(ox[key]) : "none", oy.ContainsKey(key) ? Show(oy[key]) : "none");
                    }

                    if (First(ox[key], oy[key], field) is string found)
                    {
                        return found;
                    }
                }

                return null;
            }

            if (x is JsonArray ax && y is JsonArray ay)
            {
                for (int i = 0; i < Math.Max(ax.Count, ay.Count); i++)
                {
                    string item = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    if (i >= ax.Count || i >= ay.Count)
                    {
                        return Say(item, i < ax.Count ? Show(ax[i]) : "none", i < ay.Count ? Show(ay[i]) : "none");
                    }

                    if (First(ax[i], ay[i], item) is string found)
                    {
                        return found;
                    }
                }

                return null;
            }

            return (x?.ToJsonString() ?? "null") == (y?.ToJsonString() ?? "null") ? null : Say(path, Show(x), Show(y));
        }

        string Say(string field, string valueA, string valueB) => field + ": " + valueA + " " + recordedName + ", " + valueB + " " + otherName;

        // A board file's text or a whole base can be long: enough of it to recognise.
        static string Show(JsonNode? node)
        {
            string text = node?.ToJsonString() ?? "null";
            return text.Length > 40 ? text[..37] + "..." : text;
        }
    }

    /// <summary>
    /// Makes the folder hold this study: writes study.json, or checks that the one there is the same study
    /// (a rerun resumes it; a different study must not mix its results in). Two studies started at once into one
    /// new folder both find no study.json: it is put in place only where none is (a rename that does not write over
    /// one), so one of them claims the folder and the other finds its study.json and is refused.
    /// </summary>
    public void Claim(string manifest)
    {
        string file = System.IO.Path.Combine(Path, ManifestFile);
        if (File.Exists(file))
        {
            CheckSame(File.ReadAllText(file), manifest, raced: false);
            return;
        }

        Directory.CreateDirectory(Path);
        if (!WriteIfAbsent(file, new UTF8Encoding(false).GetBytes(manifest)))
        {
            CheckSame(File.ReadAllText(file), manifest, raced: true);
        }
    }

    private void CheckSame(string recorded, string manifest, bool raced)
    {
        if (SameJson(recorded, manifest))
        {
            return;
        }

        // A board file edited in place changes no file the user named: without its name the refusal would be a puzzle.
        string? board = BoardChange(recorded, manifest, "in the folder's " + ManifestFile, "now");
        string field = Difference(recorded, manifest, "in the folder", "now") is string f ? ": " + f : string.Empty;
        if (raced)
        {
            throw new StudyException("'" + Path + "' was claimed by another study started at the same time (its " + ManifestFile + " differs"
                + (board != null ? ": " + board : field) + "); give another --out, or run the studies one after the other");
        }

        throw new StudyException(board != null
            ? "'" + Path + "' holds results measured through another version of a board (" + board + "); give another --out or delete the folder"
            : "'" + Path + "' holds results of a different study (its " + ManifestFile + " differs" + field + "); give another --out or delete the folder");
    }

    /// <summary>Whether the variant has a result.json, whatever it holds (see <see cref="ReadResult"/>).</summary>
    public bool IsFinished(string variantId) => File.Exists(ResultPath(variantId));

    /// <summary>
    /// The variant's result when its result.json passes <see cref="StudyResultCheck"/>; null without one, and null
    /// with what is wrong (<paramref name="problem"/>) for one that does not.
    /// </summary>
    public StudyRow? ReadResult(StudyVariant variant, out string? problem)
    {
        problem = null;
        string file = ResultPath(variant.Id);
        if (!File.Exists(file))
        {
            return null;
        }

        StudyRow? row = StudyResultCheck.Read(File.ReadAllText(file), variant, out string wrong);
        problem = row == null ? wrong : null;
        return row;
    }

    public void Save(StudyRow row, double wallS, long cellSteps)
    {
        string folder = System.IO.Path.Combine(Path, VariantsFolder, row.Variant);
        Directory.CreateDirectory(folder);
        JsonObject timing = new JsonObject { ["wallS"] = wallS, ["cellSteps"] = cellSteps };
        WriteAtomically(System.IO.Path.Combine(folder, VariantTimingFile), timing.ToJsonString() + "\n");
        WriteAtomically(ResultPath(row.Variant), StudyResultCheck.Text(row));
    }

    /// <summary>
    /// The rows of the variants whose result.json passes the check, by variant index. A result that fails it is left out
    /// (a run reports it and runs the variant again; a merge refuses the folder); so is anything under variants/ that
    /// is not one of <paramref name="variants"/>' folders (another study's --out there holds results of its own).
    /// </summary>
    public SortedDictionary<int, StudyRow> ReadRows(IReadOnlyList<StudyVariant> variants)
    {
        SortedDictionary<int, StudyRow> rows = new SortedDictionary<int, StudyRow>();
        foreach (StudyVariant variant in variants)
        {
            if (ReadResult(variant, out _) is StudyRow row)
            {
                rows[variant.Index] = row;
            }
        }

        return rows;
    }

    /// <summary>
    /// (variant, wall s, cell-steps) of <paramref name="finished"/> (the variants whose result is taken) that have a
    /// readable timing.json. One that does not parse as a run writes it (cut short, edited) is left out: a wall time
    /// is not a result, and a damaged one stopped every run and merge of the folder with an internal error, with the
    /// study's files half rewritten.
    /// </summary>
    public List<(string Variant, double WallS, long CellSteps)> ReadTimings(IEnumerable<string> finished)
    {
        List<(string, double, long)> timings = new List<(string, double, long)>();
        foreach (string variant in finished)
        {
            string file = System.IO.Path.Combine(Path, VariantsFolder, variant, VariantTimingFile);
            if (File.Exists(file) && ParseTiming(File.ReadAllText(file)) is (double wallS, long cellSteps))
            {
                timings.Add((variant, wallS, cellSteps));
            }
        }

        return timings;
    }

    public void WriteTimings(IEnumerable<string> finished)
    {
        StringBuilder csv = new StringBuilder("variant,wallS,cellSteps,cellStepsPerSecond\n");
        foreach ((string variant, double wallS, long cellSteps) in ReadTimings(finished))
        {
            csv.Append(variant).Append(',').Append(wallS.ToString("0.###", CultureInfo.InvariantCulture)).Append(',')
                .Append(cellSteps.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((cellSteps / Math.Max(wallS, 1e-9)).ToString("0", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(System.IO.Path.Combine(Path, TimingFile), csv.ToString());
    }

    private static (double WallS, long CellSteps)? ParseTiming(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject timing
                && timing["wallS"] is JsonValue wall && wall.TryGetValue(out double wallS) && double.IsFinite(wallS) && wallS >= 0
                && timing["cellSteps"] is JsonValue steps && steps.TryGetValue(out long cellSteps) && cellSteps >= 0
                ? (wallS, cellSteps)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
                // Through a temporary file like a variant's own save: a merge stopped part-way leaves no half-copied
                // result that a later run into this folder would take for a finished variant.
                WriteAtomically(System.IO.Path.Combine(to, file), File.ReadAllBytes(source));
            }
        }
    }

    private static void WriteAtomically(string path, string text) => WriteAtomically(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// Writes through a temporary file held open, and so locked, until it has its name: a rerun's
    /// <see cref="RemoveLeftoverTemporaryFiles"/> removes only a temporary file nobody holds, one a killed run left.
    /// FileShare.Delete lets the open file be renamed on Windows too; on Linux .NET still takes its lock.
    /// </summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        // A rerun's clean-up can find a temporary file in the instant between its creation and its lock and remove
        // it, and this write then fails to open or rename it: write it again under a new name. An error that
        // stays (a full disk) is thrown at the last attempt.
        for (int attempt = 1; ; attempt++)
        {
            string temporary = TemporaryPath(path);
            try
            {
                using FileStream stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
                stream.Write(bytes);
                stream.Flush();
                File.Move(temporary, path, true);
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// Writes the file through a temporary one, as <see cref="WriteAtomically(string, byte[])"/> does, and gives it its
    /// name only where no file has it: false, with nothing written, when one does. Of two writers exactly one succeeds:
    /// on Linux and macOS through link(2), which fails where the name exists (.NET's move without overwrite looks
    /// for the file, then renames, which writes over one that appeared in between); on Windows through that move,
    /// MoveFileEx without MOVEFILE_REPLACE_EXISTING, which the file system refuses as a whole.
    /// </summary>
    public static bool WriteIfAbsent(string path, byte[] bytes)
    {
        string temporary = TemporaryPath(path);
        try
        {
            using (FileStream stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete))
            {
                stream.Write(bytes);
                stream.Flush();
            }

            if (!OperatingSystem.IsWindows())
            {
                if (Link(temporary, path) == 0)
                {
                    return true;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == EExist)
                {
                    return false;
                }

                // A file system without hard links (EPERM, ENOTSUP): the move below, not atomic, as before.
            }

            try
            {
                File.Move(temporary, path, false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>EEXIST on Linux and macOS alike.</summary>
    private const int EExist = 17;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);

    /// <summary>
    /// Removes the temporary files a killed writer left (a study or merge stopped with SIGKILL, or by a node that
    /// went down, between creating one and renaming it) and returns them, relative to the folder. They were never
    /// taken as results, but they stayed in the folder for good. A temporary file another writer still holds open
    /// (a second pod writing this shard's folder) is locked and kept.
    /// </summary>
    public IReadOnlyList<string> RemoveLeftoverTemporaryFiles()
    {
        List<string> removed = new List<string>();
        if (!Directory.Exists(Path))
        {
            return removed;
        }

        string variants = System.IO.Path.Combine(Path, VariantsFolder);
        IEnumerable<string> folders = Directory.Exists(variants) ? Directory.EnumerateDirectories(variants).Prepend(Path) : new[] { Path };
        foreach (string folder in folders.ToList())
        {
            foreach (string file in s_temporaryPatterns.SelectMany(p => Directory.EnumerateFiles(folder, p)).ToList())
            {
                try
                {
                    // Opened only when nobody holds it, and removed as it closes, still held: two clean-ups do not
                    // both count it, and Windows, which refuses to delete a file open without sharing, removes it too.
                    using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                    {
                    }

                    removed.Add(System.IO.Path.GetRelativePath(Path, file));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Held by a writer, gone since it was listed, or not ours to remove.
                }
            }
        }

        removed.Sort(StringComparer.Ordinal);
        return removed;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A temporary name no other writer shares. The process id alone is not one: in a container every study runs as
    /// process 1, and two pods of one index (a Job's replacement pod started while the first still runs) write the same
    /// shard folder, where one's rename could publish the other's half-written file.
    /// </summary>
    private static string TemporaryPath(string path) => path + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N");
}
