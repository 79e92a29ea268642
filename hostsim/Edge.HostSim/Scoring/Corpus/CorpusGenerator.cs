// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Output;
using Edge.HostSim.Randomness;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// Generates a corpus: for every family, <see cref="FamilySpec.Runs"/> draws of its parameters (from the seed,
/// independent of the other families), each written as one scenario file per variant, plus corpus.json and a
/// copy of the spec. Every scenario is validated by the scenario loader before anything is written.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>Scenario seeds are seed * this + draw: readable, distinct per draw.</summary>
    public const long SeedStride = 100000;

    /// <summary>The corpus's folder of board files that its scenarios are measured through.</summary>
    public const string BoardFolder = "boards";

    /// <summary>
    /// Builds the runs without writing anything: (run, scenario JSON) pairs. <paramref name="runsOverride"/>
    /// replaces every family's draw count; <paramref name="specDirectory"/> resolves relative board files.
    /// </summary>
    public static List<(CorpusRun Run, string Json)> Build(IReadOnlyList<FamilySpec> families, long seed, int? runsOverride = null, string? specDirectory = null)
    {
        if (seed < 0 || seed > long.MaxValue / SeedStride - 1)
        {
            throw new CorpusException("seed", "must be between 0 and " + (long.MaxValue / SeedStride - 1));
        }

        List<(CorpusRun, string)> runs = new List<(CorpusRun, string)>();
        foreach (FamilySpec family in families)
        {
            int draws = runsOverride ?? family.Runs;
            SimRandom random = new SimRandom(Mix((ulong)seed, Fnv1a(family.Name)));
            for (int draw = 0; draw < draws; draw++)
            {
                Dictionary<string, double> values = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (ParameterSpec parameter in family.Parameters)
                {
                    values[parameter.Name] = parameter.Draw(random.NextDouble());
                }

                long scenarioSeed = (seed * SeedStride) + draw;
                foreach (VariantSpec variant in family.Variants)
                {
                    JsonObject scenario = (JsonObject)TemplateFiller.Fill(family.Scenario, values)!;
                    foreach (KeyValuePair<string, JsonNode?> entry in variant.Set)
                    {
                        TemplateFiller.Set(scenario, entry.Key, TemplateFiller.Fill(entry.Value, values));
                    }

                    string name = RunName(family.Name, draw, variant.Name);
                    JsonObject ordered = new JsonObject { ["name"] = name, ["seed"] = scenarioSeed };
                    foreach (KeyValuePair<string, JsonNode?> entry in scenario)
                    {
                        ordered[entry.Key] = entry.Value?.DeepClone();
                    }

                    ResolveBoard(ordered, specDirectory);
                    string json = ordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                    try
                    {
                        ScenarioLoader.Parse(json);
                    }
                    catch (ScenarioException e)
                    {
                        throw new CorpusException("family " + family.Name + ", draw " + draw + ", variant " + variant.Name, "the scenario is invalid: " + e.Message);
                    }

                    CorpusRun run = new CorpusRun
                    {
                        Family = family.Name,
                        Draw = draw,
                        Variant = variant.Name,
                        Seed = scenarioSeed,
                        File = family.Name + "/" + string.Format(CultureInfo.InvariantCulture, "{0:000}-{1}.json", draw, variant.Name),
                        Parameters = values,
                    };
                    runs.Add((run, json));
                }
            }
        }

        return runs;
    }

    /// <summary>Builds and writes the corpus into <paramref name="directory"/>; returns its manifest.</summary>
    public static CorpusManifest Write(string directory, string specJson, IReadOnlyList<FamilySpec> families, long seed, int? runsOverride = null, string? specDirectory = null)
    {
        List<(CorpusRun Run, string Json)> runs = Build(families, seed, runsOverride, specDirectory);
        CorpusManifest manifest = new CorpusManifest
        {
            Seed = seed,
            Families = families.Select(f => f.Name).ToList(),
            Runs = runs.Select(r => r.Run).ToList(),
        };

        Directory.CreateDirectory(directory);
        foreach (FamilySpec family in families)
        {
            Directory.CreateDirectory(Path.Combine(directory, family.Name));
        }

        Dictionary<string, string> boardCopies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((CorpusRun run, string json) in runs)
        {
            File.WriteAllText(Path.Combine(directory, run.File), WithBoardCopy(json, directory, boardCopies) + "\n");
        }

        File.WriteAllText(Path.Combine(directory, CorpusManifest.SpecFileName), specJson);
        File.WriteAllText(Path.Combine(directory, CorpusManifest.FileName), JsonSerializer.Serialize(manifest, OutputJson.Indented) + "\n");
        return manifest;
    }

    public static string RunName(string family, int draw, string variant) =>
        string.Format(CultureInfo.InvariantCulture, "{0}-{1:000}-{2}", family, draw, variant);

    /// <summary>
    /// A scenario measured through a board file names a copy of it in the corpus's <see cref="BoardFolder"/>, relative
    /// to the scenario file: a corpus moved to another machine or folder keeps its boards (the path the spec gave
    /// would name a file that is not there). Two boards of the same file name get numbered copies.
    /// </summary>
    private static string WithBoardCopy(string json, string directory, Dictionary<string, string> boardCopies)
    {
        JsonObject scenario = JsonNode.Parse(json)!.AsObject();
        if (scenario["measurement"] is not JsonObject measurement
            || measurement["board"] is not JsonValue board || !board.TryGetValue(out string? path) || path == "virtual")
        {
            return json;
        }

        string source = Path.GetFullPath(path);
        if (!boardCopies.TryGetValue(source, out string? copy))
        {
            string name = Path.GetFileName(source);
            string stem = Path.GetFileNameWithoutExtension(name);
            string extension = Path.GetExtension(name);
            for (int n = 2; boardCopies.ContainsValue(name); n++)
            {
                name = stem + "-" + n.ToString(CultureInfo.InvariantCulture) + extension;
            }

            Directory.CreateDirectory(Path.Combine(directory, BoardFolder));
            File.Copy(source, Path.Combine(directory, BoardFolder, name), overwrite: true);
            boardCopies[source] = name;
            copy = name;
        }

        measurement["board"] = "../" + BoardFolder + "/" + copy;
        return scenario.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void ResolveBoard(JsonObject scenario, string? specDirectory)
    {
        if (specDirectory != null && scenario["measurement"] is JsonObject measurement
            && measurement["board"] is JsonValue board && board.TryGetValue(out string? name)
            && name != "virtual" && !Path.IsPathRooted(name))
        {
            measurement["board"] = Path.GetFullPath(Path.Combine(specDirectory, name));
        }
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong a, ulong b)
    {
        // SplitMix64 finaliser over the combination: nearby seeds and names give unrelated streams.
        ulong z = a + 0x9E3779B97F4A7C15UL + (b * 0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
