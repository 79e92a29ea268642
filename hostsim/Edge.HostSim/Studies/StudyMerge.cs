// Licensed under the MIT License.

namespace Edge.HostSim.Studies;

/// <summary>
/// Joins the folders of a study's shards into one folder with the same files a single run writes: every
/// shard must hold the same study.json, and together they must hold every variant once.
/// </summary>
public static class StudyMerge
{
    /// <summary>Returns the variant count; throws a <see cref="StudyException"/> naming what does not fit.</summary>
    public static int Merge(IReadOnlyList<string> shardPaths, string outPath, Func<string, StudySpec> loadSpec) =>
        Merge(shardPaths, outPath, loadSpec, out _);

    /// <summary>As <see cref="Merge(IReadOnlyList{string}, string, Func{string, StudySpec})"/>, with the study's simulator warnings, as study-warnings.txt holds them.</summary>
    public static int Merge(IReadOnlyList<string> shardPaths, string outPath, Func<string, StudySpec> loadSpec, out IReadOnlyList<string> warnings)
    {
        if (shardPaths.Count == 0)
        {
            throw new StudyException("give the shard folders to merge");
        }

        string? manifest = null;
        List<StudyFolder> shards = new List<StudyFolder>();
        foreach (string path in shardPaths)
        {
            string file = Path.Combine(path, StudyFolder.ManifestFile);
            if (!File.Exists(file))
            {
                throw new StudyException("'" + path + "' is not a study folder (no " + StudyFolder.ManifestFile + ")");
            }

            string text = File.ReadAllText(file);
            if (manifest != null && !StudyFolder.SameJson(manifest, text))
            {
                string? board = StudyFolder.BoardChange(manifest, text, "in '" + shardPaths[0] + "'", "here");
                throw new StudyException("'" + path + "' belongs to a different study than '" + shardPaths[0] + "' (" + (board ?? StudyFolder.ManifestFile + " differs" + (StudyFolder.Difference(manifest, text, "in '" + shardPaths[0] + "'", "here") is string field ? ": " + field : string.Empty)) + ")");
            }

            manifest = text;
            shards.Add(new StudyFolder(path));
        }

        // study.json holds the base scenario and the board files' texts, so the shard folder is the study: the
        // manifest's own folder, with the files its base named, may be on another machine.
        string manifestPath = Path.Combine(shardPaths[0], StudyFolder.ManifestFile);
        StudySpec spec = loadSpec(manifestPath);
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(spec);
        string written = StudyFolder.Manifest(spec, variants);
        if (!StudyFolder.SameJson(written, manifest!))
        {
            throw new StudyException("'" + manifestPath + "' does not expand to the study it records (was it edited?)");
        }

        Dictionary<string, StudyFolder> owner = new Dictionary<string, StudyFolder>(StringComparer.Ordinal);
        foreach (StudyFolder shard in shards)
        {
            foreach (StudyVariant variant in variants)
            {
                // A result the shard's own run would not take (cut short, copied in, edited) is not merged either.
                if (shard.ReadResult(variant, out string? problem) is not StudyRow row)
                {
                    if (problem != null)
                    {
                        throw new StudyException("'" + shard.ResultPath(variant.Id) + "' " + problem + "; delete it, or run its shard again into that folder (the rerun runs " + variant.Id + " again), and merge again");
                    }

                    continue;
                }

                if (owner.TryGetValue(row.Variant, out StudyFolder? other) && other.Path != shard.Path)
                {
                    // Two shards ran the same variant (overlapping --shard or a copied folder): the simulation is
                    // deterministic, so either copy will do, but say so if they disagree.
                    if (!StudyFolder.SameJson(File.ReadAllText(other.ResultPath(row.Variant)), File.ReadAllText(shard.ResultPath(row.Variant))))
                    {
                        throw new StudyException("variant " + row.Variant + " differs between '" + other.Path + "' and '" + shard.Path + "'");
                    }

                    continue;
                }

                owner[row.Variant] = shard;
            }
        }

        List<string> missing = variants.Where(v => !owner.ContainsKey(v.Id)).Select(v => v.Id).ToList();
        if (missing.Count > 0)
        {
            throw new StudyException(missing.Count + " of " + variants.Count + " variants are in no shard folder (" + string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? ", ..." : string.Empty) + "): did every shard finish?");
        }

        StudyFolder merged = new StudyFolder(outPath);
        // Written as this version writes it, whatever escaping the shards' older study.json used.
        merged.Claim(written);
        // A folder named once with a trailing slash and once without is one folder: a variant's files copied onto
        // themselves stopped the merge with a file-in-use error.
        string outFull = FullFolder(outPath);
        foreach (KeyValuePair<string, StudyFolder> pair in owner)
        {
            if (FullFolder(pair.Value.Path) != outFull)
            {
                merged.Adopt(pair.Value, pair.Key);
            }
        }

        StudyOutputWriter.WriteAll(merged, spec, variants, written);
        warnings = StudyOutputWriter.Warnings(variants);
        return variants.Count;
    }

    private static string FullFolder(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
