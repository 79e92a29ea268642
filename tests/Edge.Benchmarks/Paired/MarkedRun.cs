using System.Globalization;
using System.Runtime.InteropServices;

namespace Edge.Benchmarks.Paired;

/// <summary>
/// The closed-loop run of one build between two markers, for an instruction count that the machine's load does not
/// move (wall time on a shared VM moves by a factor of two from one minute to the next). The warm-up runs bring
/// the JIT to its steady tiers; then a call to libc's <c>getpgrp</c>, which nothing else in the process makes,
/// the measured runs, and the call again. Under callgrind with <c>--dump-before=getpgrp</c> the second dump
/// holds exactly the measured runs; its total over the ticks printed is the build's instructions per tick.
/// </summary>
/// <remarks>
/// Usage: <c>marked DIR [--cells N] [--seconds S] [--warmup N] [--rounds N]</c> (defaults 1 cell, 1,000 s,
/// 5 warm-up runs, 2 measured runs); DIR as for <c>paired</c>. Repeated counts of one build agree within about
/// 2 %, but the JIT's tiering runs on the wall clock: with 3 warm-up runs and half a second before the marker, one
/// count in six (16 cells) came out 2.7 times the others. Count twice. Under valgrind 3.19 the JIT's optimising
/// compile fails for about 200 of the run's methods (the core's measurement and detectors among them), which then
/// run unoptimised: the count compares builds, it is no absolute figure of the optimised tick (top README).
/// </remarks>
public static class MarkedRun
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            return Usage("a build folder is needed");
        }

        int cells = 1;
        int seconds = 1000;
        int warmup = 5;
        int rounds = 2;
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                return Usage($"{args[i]} needs a whole number of at least 1");
            }

            switch (args[i])
            {
                case "--cells": cells = value; break;
                case "--seconds": seconds = value; break;
                case "--warmup": warmup = value; break;
                case "--rounds": rounds = value; break;
                default: return Usage($"unknown option '{args[i]}'");
            }
        }

        string directory = Path.GetFullPath(args[0]);
        if (!File.Exists(Path.Combine(directory, "Edge.HostSim.dll")))
        {
            return Usage($"{args[0]}: no Edge.HostSim.dll there");
        }

        Func<long> run = BuildRun.Load(directory, BuildRun.Scenario(cells, seconds), "build");
        for (int r = 0; r < warmup; r++)
        {
            run();
        }

        // The JIT's background tier-up runs on the wall clock, which callgrind slows some fifty times: give it time.
        Thread.Sleep(3000);
        Marker();
        long cellSteps = 0;
        for (int r = 0; r < rounds; r++)
        {
            cellSteps += run();
        }

        Marker();
        long ticks = cellSteps / cells;
        Console.WriteLine($"measured between the markers: {rounds} runs, {ticks} ticks of {cells} cell(s); instructions of callgrind's second dump / {ticks} = instructions per tick");
        return 0;
    }

    private static void Marker() => NativeMethods.getpgrp();

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"marked: {problem}");
        Console.Error.WriteLine("usage: marked DIR [--cells N] [--seconds S] [--warmup N] [--rounds N]");
        return 2;
    }

    private static class NativeMethods
    {
        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int getpgrp();
    }
}
