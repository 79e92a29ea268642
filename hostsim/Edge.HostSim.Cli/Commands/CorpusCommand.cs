// Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Scoring.Corpus;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim corpus: scenario families drawn from parameter ranges with a seed, one scenario file per draw and variant.</summary>
public static class CorpusCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> output = CommonOptions.Out("Corpus folder: corpus.json and one folder of scenarios per family.");
        Option<string?> spec = new Option<string?>("--spec")
        {
            Description = "Family spec (JSON, see hostsim/README.md); without it, the built-in families.",
            HelpName = "families.json",
        };
        Option<long> seed = new Option<long>("--seed")
        {
            Description = "Seed of the parameter draws (the same seed gives the same corpus).",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = result => WholeNumber(result, "--seed", 0, (long.MaxValue / CorpusGenerator.SeedStride) - 1),
        };
        Option<int> runs = new Option<int>("--runs")
        {
            Description = "Draws per family (default: each family's own count).",
            HelpName = "N",
            CustomParser = result => (int)WholeNumber(result, "--runs", 1, CorpusSpecLoader.MaximumRuns),
        };
        Option<string?> family = new Option<string?>("--family")
        {
            Description = "Only these families (comma-separated names).",
            HelpName = "NAME[,NAME]",
        };
        Command command = new Command("corpus", "Generate scenario families for the scorecard (edge-sim score).")
        {
            output, spec, seed, runs, family,
        };
        command.SetAction(result => Execute(context, result.GetRequiredValue(output), result.GetValue(spec), result.GetValue(seed), result.GetValue(runs), result.GetValue(family)));
        return command;
    }

    private static int Execute(CliContext context, string outDir, string? specPath, long seed, int runs, string? only)
    {
        string specJson = specPath != null ? ReadSpec(specPath) : BuiltInFamilies.Json();
        IReadOnlyList<FamilySpec> families = CorpusSpecLoader.Parse(specJson);
        if (only != null)
        {
            string[] names = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
            {
                throw new UsageException("--family: names no family (" + string.Join(", ", families.Select(f => f.Name)) + ")");
            }

            foreach (string name in names)
            {
                if (families.All(f => f.Name != name))
                {
                    throw new UsageException("--family: no family '" + name + "' (" + string.Join(", ", families.Select(f => f.Name)) + ")");
                }
            }

            families = families.Where(f => names.Contains(f.Name)).ToList();
        }

        OutputFolder.Check(outDir, "--out");

        // An older corpus's scenarios, or its score, would be taken for this one's: a corpus gets a folder to itself.
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            throw new UsageException("--out: '" + outDir + "' is not empty; a corpus goes into a new or empty folder, so no other corpus's scenarios or scores mix with it");
        }

        string? specDirectory = specPath != null ? Path.GetDirectoryName(Path.GetFullPath(specPath)) : null;
        CorpusManifest manifest = CorpusGenerator.Write(outDir, specJson, families, seed, runs > 0 ? runs : null, specDirectory);
        CultureInfo inv = CultureInfo.InvariantCulture;
        TextWriter stdout = context.Console.Out;
        foreach (string name in manifest.Families)
        {
            List<CorpusRun> own = manifest.Runs.Where(r => r.Family == name).ToList();
            stdout.WriteLine(string.Format(inv, "  {0}: {1} draws x {2} variants = {3} scenarios", name, own.Select(r => r.Draw).Distinct().Count(), own.Select(r => r.Variant).Distinct().Count(), own.Count));
        }

        stdout.WriteLine(string.Format(inv, "corpus of {0} scenarios, seed {1}: {2}", manifest.Runs.Count, seed, Path.GetFullPath(Path.Combine(outDir, CorpusManifest.FileName))));
        return ExitCodes.Ok;
    }

    private static string ReadSpec(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new InputFileException("--spec: cannot read '" + path + "': " + e.Message);
        }
    }

    private static long WholeNumber(System.CommandLine.Parsing.ArgumentResult result, string option, long minimum, long maximum)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < minimum || value > maximum)
        {
            result.AddError(option + ": '" + text + "' is not a whole number from " + minimum.ToString(CultureInfo.InvariantCulture) + " to " + maximum.ToString(CultureInfo.InvariantCulture));
            return minimum;
        }

        return value;
    }
}
