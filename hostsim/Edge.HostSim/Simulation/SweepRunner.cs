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

    public static SweepPoint[] Run(Scenario scenario, IReadOnlyList<double> restsS, int maximumParallelism = 0, RunOptions? template = null)
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
    /// </summary>
    public static SweepPoint[] Run(IReadOnlyList<Scenario> variants, IReadOnlyList<double> restsS, int maximumParallelism = 0, RunOptions? template = null)
    {
        SweepPoint[] points = new SweepPoint[variants.Count];
        int[] order = Enumerable.Range(0, variants.Count).OrderByDescending(i => restsS[i]).ToArray();
        ParallelOptions parallel = new ParallelOptions { MaxDegreeOfParallelism = maximumParallelism > 0 ? maximumParallelism : Environment.ProcessorCount };
        OrderablePartitioner<int> work = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(work, parallel, i =>
        {
            RunOptions options = new RunOptions { RecordTrace = false, MaximumEvents = 1000, Cancellation = template?.Cancellation ?? CancellationToken.None };
            SimulationResult result = new ClosedLoopRunner(variants[i], options).Run();
            points[i] = new SweepPoint(variants[i], restsS[i], result);
        });
        return points;
    }
}
