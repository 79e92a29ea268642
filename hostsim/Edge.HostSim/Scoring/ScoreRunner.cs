// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Scoring.Corpus;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Scoring;

/// <summary>A loaded corpus: its manifest, the families' definitions and every scenario, validated.</summary>
public sealed class LoadedCorpus
{
    public string Directory { get; init; } = string.Empty;

    public CorpusManifest Manifest { get; init; } = new CorpusManifest();

    public IReadOnlyList<FamilySpec> Families { get; init; } = Array.Empty<FamilySpec>();

    public IReadOnlyList<Scenario> Scenarios { get; init; } = Array.Empty<Scenario>();
}

/// <summary>Everything a score run produced.</summary>
public sealed class ScoreResult
{
    public long Seed { get; init; }

    public IReadOnlyList<FamilyScore> Families { get; init; } = Array.Empty<FamilyScore>();

    public IReadOnlyList<RunOutcome> Runs { get; init; } = Array.Empty<RunOutcome>();

    public double WallS { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>Runs the cancel cut short: left out of <see cref="Runs"/> and every figure, as they did not run to their end.</summary>
    public int RunsCutShort { get; init; }

    /// <summary>Runs the cancel came before: never started, so in no figure either; with the others, the corpus's count.</summary>
    public int RunsNotStarted { get; init; }
}

/// <summary>
/// Runs a corpus: every scenario closed-loop, in parallel over the cores (longest first, by time limit times
/// cells), then scores every family. Loading validates everything before the first run starts.
/// </summary>
public static class ScoreRunner
{
    /// <summary>Events one run keeps; the rest are counted (<see cref="RunOutcome.EventsDropped"/>) and said in the report.</summary>
    public const int MaximumEventsPerRun = 200000;

    public static LoadedCorpus Load(string directory)
    {
        string manifestPath = Path.Combine(directory, CorpusManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new CorpusException(manifestPath, "no corpus here (generate one with 'corpus --out DIR')");
        }

        CorpusManifest? manifest;
        try
        {
            string text = File.ReadAllText(manifestPath);
            RejectDuplicateKeys(text, manifestPath);
            manifest = JsonSerializer.Deserialize<CorpusManifest>(text, OutputJson.Indented);
        }
        catch (JsonException e)
        {
            throw new CorpusException(manifestPath, "not a corpus manifest: " + e.Message);
        }

        if (manifest == null || manifest.Format != 1 || manifest.Runs == null || manifest.Runs.Count == 0)
        {
            throw new CorpusException(manifestPath, "not a corpus manifest of format 1 with runs");
        }

        CheckFields(manifest, manifestPath);

        List<FamilySpec> families;
        try
        {
            families = CorpusSpecLoader.LoadFile(Path.Combine(directory, manifest.SpecFile)).Where(f => manifest.Families.Contains(f.Name)).ToList();
        }
        catch (CorpusException e)
        {
            throw new CorpusException(Path.Combine(directory, manifest.SpecFile) + (e.Path.Length > 0 ? ": " + e.Path : string.Empty), e.Problem);
        }

        List<Scenario> scenarios = new List<Scenario>();
        foreach (CorpusRun run in manifest.Runs)
        {
            FamilySpec? family = families.FirstOrDefault(f => f.Name == run.Family);
            if (family == null || family.Variants.All(v => v.Name != run.Variant))
            {
                throw new CorpusException(run.File, "family '" + run.Family + "' / variant '" + run.Variant + "' is not in " + manifest.SpecFile);
            }

            string path = Path.Combine(directory, run.File);
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.LoadFile(path);
            }
            catch (ScenarioException e)
            {
                throw new CorpusException(run.File, "invalid scenario: " + e.Message);
            }

            // The draw's seed is in both: a file from another corpus (another --seed, or one written over) would be
            // scored under this one's draw, its parameters and pairing wrong.
            if (run.Seed < 0 || scenario.Seed != (ulong)run.Seed)
            {
                throw new CorpusException(run.File, "seed " + scenario.Seed + ", but " + CorpusManifest.FileName + " lists seed " + run.Seed + " for this run: the file is another corpus's; make the corpus again into an empty folder");
            }

            scenarios.Add(scenario);
        }

        return new LoadedCorpus { Directory = directory, Manifest = manifest, Families = families, Scenarios = scenarios };
    }

    /// <summary>A hand-edited corpus.json with a key given twice: the deserializer would keep the last one, silently.</summary>
    private static void RejectDuplicateKeys(string text, string manifestPath)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        try
        {
            JsonSyntax.RejectDuplicateKeys(document.RootElement, string.Empty);
        }
        catch (ScenarioException e)
        {
            throw new CorpusException(manifestPath + ": " + e.Path, e.Problem);
        }
    }

    /// <summary>
    /// A hand-edited corpus.json with null where a name or a list belongs: named here, not a NullReferenceException
    /// (exit 1) from deep in the loading.
    /// </summary>
    private static void CheckFields(CorpusManifest manifest, string manifestPath)
    {
        if (string.IsNullOrWhiteSpace(manifest.SpecFile))
        {
            throw new CorpusException(manifestPath, "specFile: missing (the families' spec beside it, " + CorpusManifest.SpecFileName + ")");
        }

        if (manifest.Families == null || manifest.Families.Any(f => f == null))
        {
            throw new CorpusException(manifestPath, "families: missing, or a name in it is null");
        }

        // A run listed twice would be run and counted twice: its cut-offs, alarms and cell-hours doubled, its draw
        // paired with itself. Keyed by draw and by file, the first listing of each.
        Dictionary<string, int> firstOfDraw = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int> firstOfFile = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < manifest.Runs.Count; i++)
        {
            CorpusRun? run = manifest.Runs[i];
            string at = "runs[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            if (run == null)
            {
                throw new CorpusException(manifestPath, at + ": missing (null)");
            }

            if (string.IsNullOrWhiteSpace(run.File))
            {
                throw new CorpusException(manifestPath, at + ".file: missing (the run's scenario file)");
            }

            if (run.Family == null || run.Variant == null || run.Parameters == null)
            {
                throw new CorpusException(manifestPath, at + "." + (run.Family == null ? "family" : run.Variant == null ? "variant" : "parameters") + ": missing (null)");
            }

            string draw = run.Family + " draw " + run.Draw.ToString(System.Globalization.CultureInfo.InvariantCulture) + " variant " + run.Variant;
            if (firstOfDraw.TryGetValue(draw, out int earlier) || firstOfFile.TryGetValue(run.File, out earlier))
            {
                throw new CorpusException(manifestPath, at + ": " + draw + " (" + run.File + ") is listed already as runs[" + earlier.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]; each run once");
            }

            firstOfDraw[draw] = i;
            firstOfFile[run.File] = i;
        }
    }

    /// <summary>
    /// Runs every scenario of <paramref name="corpus"/> and scores its families. <paramref name="progress"/> is
    /// called after each finished run with (runs done, runs in all, the finished run).
    /// </summary>
    public static ScoreResult Run(LoadedCorpus corpus, int maximumParallelism = 0, Action<int, int, RunOutcome>? progress = null, CancellationToken cancellation = default)
    {
        Stopwatch wall = Stopwatch.StartNew();
        int count = corpus.Scenarios.Count;
        RunOutcome?[] outcomes = new RunOutcome?[count];
        int[] order = Enumerable.Range(0, count)
            .OrderByDescending(i => corpus.Scenarios[i].TimeLimitS * corpus.Scenarios[i].Pack.Modules * corpus.Scenarios[i].Pack.CellsPerModule / corpus.Scenarios[i].SamplePeriodMs)
            .ToArray();
        ParallelOptions parallel = new ParallelOptions { MaxDegreeOfParallelism = maximumParallelism > 0 ? maximumParallelism : Environment.ProcessorCount };
        int done = 0;
        object gate = new object();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, (i, state) =>
        {
            if (cancellation.IsCancellationRequested)
            {
                state.Stop();
                return;
            }

            RunOutcome outcome = RunOne(corpus.Manifest.Runs[i], corpus.Scenarios[i], cancellation);
            outcomes[i] = outcome;
            lock (gate)
            {
                done++;
                progress?.Invoke(done, count, outcome);
            }
        });

        bool cancelled = cancellation.IsCancellationRequested || outcomes.Any(o => o == null || o.TerminatedBy == "cancelled");
        // A run the cancel cut short stopped at no stop condition of its own: counted, it entered capacities, cell-hours
        // and targets as if its cells had been still running at a time limit.
        List<RunOutcome> finished = outcomes.Where(o => o != null && o.TerminatedBy != "cancelled").Select(o => o!).ToList();
        int cutShort = outcomes.Count(o => o != null && o.TerminatedBy == "cancelled");
        int notStarted = outcomes.Count(o => o == null);
        List<FamilyScore> scores = corpus.Families.Select(f => FamilyScorer.Score(f, finished)).ToList();
        return new ScoreResult { Seed = corpus.Manifest.Seed, Families = scores, Runs = finished, WallS = wall.Elapsed.TotalSeconds, Cancelled = cancelled, RunsCutShort = cutShort, RunsNotStarted = notStarted };
    }

    /// <summary>One run of the corpus, closed loop, without trace.</summary>
    public static RunOutcome RunOne(CorpusRun run, Scenario scenario, CancellationToken cancellation = default, int maximumEvents = MaximumEventsPerRun)
    {
        RunOptions options = new RunOptions { RecordTrace = false, MaximumEvents = maximumEvents, Cancellation = cancellation };
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        return new RunOutcome
        {
            Family = run.Family,
            Draw = run.Draw,
            Variant = run.Variant,
            Seed = run.Seed,
            File = run.File,
            Preset = scenario.Pack.Preset,
            Act = scenario.Controller.Act,
            CellsPerModule = scenario.Pack.CellsPerModule,
            SimulatedS = result.SimulatedS,
            WallS = result.WallS,
            TerminatedBy = result.TerminatedBy,
            Parameters = run.Parameters,
            Modules = result.Modules,
            CellGroundTruth = true,
            Events = result.Events,
            EventsDropped = result.EventsDropped,
            Pack = result.Pack,
        };
    }
}
