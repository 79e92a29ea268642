// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scoring;
using Edge.HostSim.Scoring.Corpus;

namespace Edge.HostSim.Cli;

/// <summary>The scorecard verbs: corpus (generate scenario families) and score (run and judge them).</summary>
public static class ScoringCommands
{
    public const string Usage =
        "  edge-sim corpus --out DIR [--spec families.json] [--seed N] [--runs N] [--family NAME[,NAME]]\n" +
        "      writes one scenario per draw and variant of every family (built-in families without --spec)\n" +
        "  edge-sim score <corpus DIR> [--out DIR] [--parallel N] [--quiet]\n" +
        "      runs the corpus, writes score.json, score.md, runs.csv and plots (default DIR/score)\n";

    public static int Corpus(CommandLine line, TextWriter stdout)
    {
        if (line.Positional.Count != 0)
        {
            throw new UsageException("corpus takes no positional argument (--out DIR, --spec FILE)");
        }

        string outDir = line.Option("--out") ?? throw new UsageException("corpus needs --out DIR");
        long seed = ParseLong(line.Option("--seed"), "--seed", 0, long.MaxValue / CorpusGenerator.SeedStride - 1) ?? 1;
        int? runs = (int?)ParseLong(line.Option("--runs"), "--runs", 1, CorpusSpecLoader.MaximumRuns);
        string? specPath = line.Option("--spec");
        string specJson = specPath != null ? ReadSpec(specPath) : BuiltInFamilies.Json();
        IReadOnlyList<FamilySpec> families = CorpusSpecLoader.Parse(specJson);
        string? only = line.Option("--family");
        if (only != null)
        {
            string[] names = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (string name in names)
            {
                if (families.All(f => f.Name != name))
                {
                    throw new UsageException("--family: no family '" + name + "' (" + string.Join(", ", families.Select(f => f.Name)) + ")");
                }
            }

            families = families.Where(f => names.Contains(f.Name)).ToList();
        }

        string? specDirectory = specPath != null ? Path.GetDirectoryName(Path.GetFullPath(specPath)) : null;
        CorpusManifest manifest = CorpusGenerator.Write(outDir, specJson, families, seed, runs, specDirectory);
        foreach (string family in manifest.Families)
        {
            List<CorpusRun> own = manifest.Runs.Where(r => r.Family == family).ToList();
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0}: {1} draws x {2} variants = {3} scenarios", family, own.Select(r => r.Draw).Distinct().Count(), own.Select(r => r.Variant).Distinct().Count(), own.Count));
        }

        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "corpus of {0} scenarios, seed {1}: {2}", manifest.Runs.Count, seed, Path.GetFullPath(Path.Combine(outDir, CorpusManifest.FileName))));
        return 0;
    }

    public static int Score(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        if (line.Positional.Count != 1)
        {
            throw new UsageException("score needs exactly one corpus directory");
        }

        string corpusDir = line.Positional[0];
        string outDir = line.Option("--out") ?? Path.Combine(corpusDir, "score");
        int parallel = (int)(ParseLong(line.Option("--parallel"), "--parallel", 1, 1024) ?? 0);
        LoadedCorpus corpus = ScoreRunner.Load(corpusDir);
        bool progress = !line.Flag("--quiet") && !Console.IsErrorRedirected;
        System.Diagnostics.Stopwatch wall = System.Diagnostics.Stopwatch.StartNew();
        if (progress)
        {
            stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "score: {0} runs of {1} families on {2} cores", corpus.Scenarios.Count, corpus.Families.Count, parallel > 0 ? parallel : Environment.ProcessorCount));
        }

        using CancellationTokenSource cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += handler;
        ScoreResult result;
        try
        {
            result = ScoreRunner.Run(corpus, parallel, progress ? (done, total, run) => stderr.WriteLine(Progress(done, total, run, wall.Elapsed.TotalSeconds)) : null, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }

        IReadOnlyList<string> plots = ScoreReportWriter.WriteAll(outDir, result);
        stdout.Write(ScoreReportWriter.ConsoleSummary(result));
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "score wall time {0:0.#} s{1}", result.WallS, result.Cancelled ? " (cancelled: partial score)" : string.Empty));
        stdout.WriteLine("report: " + Path.GetFullPath(Path.Combine(outDir, ScoreReportWriter.MarkdownFile)));
        stdout.WriteLine("scores: " + Path.GetFullPath(Path.Combine(outDir, ScoreReportWriter.JsonFile)));
        stdout.WriteLine("plots:  " + string.Join(", ", plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFullPath)));
        return result.Cancelled ? 1 : 0;
    }

    private static string Progress(int done, int total, RunOutcome run, double wallS)
    {
        double etaS = done > 0 ? wallS / done * (total - done) : 0;
        return string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}: {3:0.##} mAh/cm2, {4} ({5:0.#} s wall); {6:0} s elapsed, about {7:0} s left", done, total, run.File, run.CapacityMAhPerCm2, run.Modules.Count > 0 ? run.Modules[0].StopReason : run.TerminatedBy, run.WallS, wallS, etaS);
    }

    private static string ReadSpec(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new CorpusException(string.Empty, "cannot read spec '" + path + "': " + e.Message);
        }
    }

    private static long? ParseLong(string? text, string option, long minimum, long maximum)
    {
        if (text == null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < minimum || value > maximum)
        {
            throw new UsageException(option + " must be an integer from " + minimum.ToString(CultureInfo.InvariantCulture) + " to " + maximum.ToString(CultureInfo.InvariantCulture) + ", not '" + text + "'");
        }

        return value;
    }
}
