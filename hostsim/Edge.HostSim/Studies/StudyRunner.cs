// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Studies;

/// <summary>
/// Runs the variants of a study (or of one shard) that have no result yet, in parallel, each on one core,
/// saving each as it finishes: an interrupted study loses only the variants that were running, and a rerun
/// into the same folder skips the finished ones (those whose result passes <see cref="StudyResultCheck"/>).
/// </summary>
public sealed class StudyRunner
{
    private readonly IReadOnlyList<StudyVariant> _variants;
    private readonly StudyFolder _folder;

    public StudyRunner(IReadOnlyList<StudyVariant> variants, StudyFolder folder)
    {
        _variants = variants;
        _folder = folder;
    }

    public ShardSelection Shard { get; init; } = ShardSelection.All;

    public int MaximumParallelism { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Called from the workers: (variants of the shard finished or skipped, of how many, mean fraction including running ones).</summary>
    public Action<int, int, double>? Progress { get; init; }

    /// <summary>The shard's variants.</summary>
    public IReadOnlyList<StudyVariant> Selected => _variants.Where(v => Shard.Contains(v.Index)).ToList();

    /// <summary>
    /// The shard's variants whose result.json fails the check (<see cref="StudyResultCheck"/>): (variant, result file,
    /// what is wrong). They are not taken: <see cref="Run"/> runs them again, and their new result replaces the file.
    /// </summary>
    public IReadOnlyList<(StudyVariant Variant, string File, string Problem)> RejectedResults()
    {
        List<(StudyVariant, string, string)> rejected = new List<(StudyVariant, string, string)>();
        foreach (StudyVariant variant in Selected)
        {
            if (_folder.ReadResult(variant, out string? problem) == null && problem != null)
            {
                rejected.Add((variant, _folder.ResultPath(variant.Id), problem));
            }
        }

        return rejected;
    }

    /// <summary>Runs what is left (no result, or one that fails the check); returns (ran now, already finished before, not finished).</summary>
    public (int Ran, int Skipped, int Unfinished) Run()
    {
        IReadOnlyList<StudyVariant> selected = Selected;
        List<StudyVariant> todo = selected.Where(v => _folder.ReadResult(v, out _) == null).ToList();
        int skipped = selected.Count - todo.Count;
        double[] fractions = new double[todo.Count];
        int done = 0;
        int ran = 0;
        object gate = new object();

        void Report()
        {
            Progress?.Invoke(skipped + done, selected.Count, selected.Count == 0 ? 1 : (skipped + fractions.Sum()) / selected.Count);
        }

        lock (gate)
        {
            Report();
        }

        // Longest first is unknown in general; the manifest order interleaves axes, so hand out one at a time.
        ParallelOptions parallel = new ParallelOptions { MaxDegreeOfParallelism = MaximumParallelism > 0 ? MaximumParallelism : Environment.ProcessorCount };
        try
        {
            RunAll();
        }
        catch (AggregateException e)
        {
            // A variant that cannot be saved (a full disk, a file where its folder goes) stops the study: say what
            // stopped it, as a run does, not "one or more errors occurred" around it.
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        return (ran, skipped, selected.Count - skipped - ran);

        void RunAll() => Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, todo.Count), EnumerablePartitionerOptions.NoBuffering), parallel, (k, state) =>
        {
            if (Cancellation.IsCancellationRequested)
            {
                state.Stop();
                return;
            }

            RunOptions options = new RunOptions
            {
                RecordTrace = false,
                Cancellation = Cancellation,
                ProgressIntervalS = 0.25,
                Progress = p =>
                {
                    lock (gate)
                    {
                        fractions[k] = p.Fraction;
                        Report();
                    }
                },
            };
            SimulationResult result = new ClosedLoopRunner(todo[k].Scenario, options).Run();
            if (result.TerminatedBy == "cancelled")
            {
                return;
            }

            _folder.Save(StudyRow.From(todo[k], result), result.WallS, result.CellSteps);
            lock (gate)
            {
                fractions[k] = 1;
                done++;
                ran++;
                Report();
            }
        });
    }
}
