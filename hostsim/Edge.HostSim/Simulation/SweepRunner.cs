// Licensed under the MIT License.

using System.Collections.Concurrent;
using Edge.Core.Configuration.Protocol;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Simulation;

/// <summary>
/// Runs variants of a scenario with every rest step replaced by each given rest (0 = continuous current:
/// the rest steps are removed and current steps lose their duration), in parallel over the cores.
/// </summary>
public static class SweepRunner
{
    /// <summary>One variant of the scenario per rest value (s).</summary>
    public static Scenario Variant(Scenario scenario, double restS)
    {
        Scenario variant = scenario.Clone();
        variant.Name = scenario.Name + (restS > 0 ? "-rest-" + restS.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s" : "-continuous");
        List<string> steps = new List<string>();
        foreach (string text in scenario.Protocol.Steps)
        {
            if (!ProtocolStepParser.TryParse(text, scenario.Pack.AreaCm2, out ProtocolStep step, out string error))
            {
                throw new ScenarioException("protocol.steps", error);
            }

            if (step.Kind == ProtocolStepKind.Rest)
            {
                if (restS > 0)
                {
                    steps.Add("Rest for " + (restS * 1000).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms");
                }
            }
            else if (restS > 0)
            {
                steps.Add(text);
            }
            else
            {
                // Continuous: the same current until a stop condition.
                steps.Add((step.Kind == ProtocolStepKind.Strip ? "Strip" : "Plate") + " at " + step.CurrentUa + " uA");
            }
        }

        variant.Protocol.Steps = steps;
        variant.Protocol.AdaptiveRest = false;
        ScenarioCompiler.Validate(variant);
        return variant;
    }

    /// <summary>Whether the protocol has a rest step for a sweep to replace (without one every variant runs the same).</summary>
    public static bool HasRestStep(Scenario scenario) =>
        scenario.Protocol.Steps.Any(text => ProtocolStepParser.TryParse(text, scenario.Pack.AreaCm2, out ProtocolStep step, out _) && step.Kind == ProtocolStepKind.Rest);

    public static SweepPoint?[] Run(Scenario scenario, IReadOnlyList<double> restsS, int maximumParallelism = 0, RunOptions? template = null)
    {
        Scenario[] variants = new Scenario[restsS.Count];
        for (int i = 0; i < variants.Length; i++)
        {
            variants[i] = Variant(scenario, restsS[i]);
        }

        return Run(variants, restsS, maximumParallelism, template);
    }

    /// <summary>
    /// Runs given scenarios in parallel; <paramref name="restsS"/> labels them. Work is handed out one variant at
    /// a time, longest rest first (the longest runs), so the cores finish together; results keep the input order.
    /// When <c>template.Cancellation</c> fires, running variants stop (terminatedBy "cancelled") and variants not
    /// yet started are left null. <paramref name="finished"/> hears of each variant as it ends; <paramref name="progress"/> gets (variant index, where it stands) from the
    /// worker threads, at the template's progress interval.
    /// </summary>
    public static SweepPoint?[] Run(IReadOnlyList<Scenario> variants, IReadOnlyList<double> restsS, int maximumParallelism = 0, RunOptions? template = null, Action<int, RunProgress>? progress = null, Action<int, SweepPoint>? finished = null)
    {
        SweepPoint?[] points = new SweepPoint?[variants.Count];
        int[] order = Enumerable.Range(0, variants.Count).OrderByDescending(i => restsS[i]).ToArray();
        CancellationToken cancellation = template?.Cancellation ?? CancellationToken.None;
        ParallelOptions parallel = new ParallelOptions { MaxDegreeOfParallelism = maximumParallelism > 0 ? maximumParallelism : Environment.ProcessorCount };
        OrderablePartitioner<int> work = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(work, parallel, (i, state) =>
        {
            if (cancellation.IsCancellationRequested)
            {
                state.Stop();
                return;
            }

            RunOptions options = new RunOptions
            {
                RecordTrace = false,
                MaximumEvents = 1000,
                Cancellation = cancellation,
                ProgressIntervalS = template?.ProgressIntervalS ?? 1,
                Progress = progress == null ? null : p => progress(i, p),
            };
            SimulationResult result = new ClosedLoopRunner(variants[i], options).Run();
            points[i] = new SweepPoint(variants[i], restsS[i], result);
            finished?.Invoke(i, points[i]!);
        });
        return points;
    }
}
