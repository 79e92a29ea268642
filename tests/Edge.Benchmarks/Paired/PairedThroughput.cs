using System.Diagnostics;
using System.Globalization;

namespace Edge.Benchmarks.Paired;

/// <summary>
/// Closed-loop throughput of two builds of the simulator, compared in one process. On a shared VM whole processes
/// run at different speeds (a third apart or more on the same code), so two separate benchmark runs can show a
/// difference that is only the machine's. Here both builds' Edge.HostSim load side by side (one load context each),
/// their runs alternate with the order swapped every round, each turn keeps the best of three runs, and the figure
/// is the median over the rounds of B's time over A's.
/// </summary>
/// <remarks>
/// Usage: <c>paired DIR_A DIR_B [--rounds N] [--cells N] [--seconds S]</c>, each DIR a build output holding
/// Edge.HostSim.dll (for example hostsim/Edge.HostSim.Cli/bin/Release/net10.0 of two checkouts). The run is the
/// ClosedLoopBenchmark's: NaK50 1 s / 5 s pulses at 10 ms samples in observe mode, one module of the given cells,
/// the trace off.
/// </remarks>
public static class PairedThroughput
{
    private const int WarmUpRuns = 3;

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            return Usage("two build folders are needed");
        }

        int rounds = 6;
        int cells = 1;
        int seconds = 30000;
        for (int i = 2; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                return Usage($"{args[i]} needs a whole number of at least 1");
            }

            switch (args[i])
            {
                case "--rounds": rounds = value; break;
                case "--cells": cells = value; break;
                case "--seconds": seconds = value; break;
                default: return Usage($"unknown option '{args[i]}'");
            }
        }

        string scenario = BuildRun.Scenario(cells, seconds);
        var builds = new Func<long>[2];
        for (int b = 0; b < 2; b++)
        {
            string directory = Path.GetFullPath(args[b]);
            if (!File.Exists(Path.Combine(directory, "Edge.HostSim.dll")))
            {
                return Usage($"{args[b]}: no Edge.HostSim.dll there");
            }

            builds[b] = BuildRun.Load(directory, scenario, "build" + b);
        }

        // Unmeasured runs first, until each build's loop has reached its optimised code: the runner's loop is compiled on
        // the stack and the core's methods tier up on a timer, so early runs time the JIT. With 3,000 s runs and no
        // warm-up, one build's time over another's came out 1.213 with the other as A and 0.957 with it as B on one quiet
        // machine; with 30,000 s runs after this warm-up, 0.976 and 0.964.
        for (int w = 0; w < WarmUpRuns; w++)
        {
            builds[0]();
            builds[1]();
        }

        var best = new[] { double.MaxValue, double.MaxValue };
        var ratios = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            var ns = new double[2];
            foreach (int b in r % 2 == 0 ? new[] { 0, 1 } : new[] { 1, 0 })
            {
                double turn = double.MaxValue;
                for (int k = 0; k < 3; k++)
                {
                    long start = Stopwatch.GetTimestamp();
                    long steps = builds[b]();
                    turn = Math.Min(turn, Stopwatch.GetElapsedTime(start).TotalNanoseconds / steps);
                }

                ns[b] = turn;
                best[b] = Math.Min(best[b], turn);
            }

            ratios.Add(ns[1] / ns[0]);
            Console.WriteLine($"round {r + 1}: A {ns[0]:F1}  B {ns[1]:F1} ns per cell-step  B/A {ns[1] / ns[0]:F3}");
        }

        ratios.Sort();
        double median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        Console.WriteLine($"{cells} cell(s), {seconds} s simulated per run: best A {best[0]:F1}, B {best[1]:F1} ns per cell-step; median B/A {median:F3} over {rounds} rounds (measured on this machine)");
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"paired: {problem}");
        Console.Error.WriteLine("usage: paired DIR_A DIR_B [--rounds N] [--cells N] [--seconds S]");
        return 2;
    }
}
