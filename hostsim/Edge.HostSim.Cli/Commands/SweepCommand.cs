// Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Cli.Terminal;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Spectre.Console;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim sweep: one variant of a scenario per rest length, in parallel; sweep.csv, sweep.md, sweep.svg/png and report.html.</summary>
public static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> scenario = new Argument<string>("scenario") { Description = "Scenario file whose rest steps are replaced.", HelpName = "scenario.json" };
        Option<double[]> rests = new Option<double[]>("--rest")
        {
            Description = "Rest lengths in seconds, comma-separated, each once (0 = continuous current: rest steps removed).",
            HelpName = "0,0.1,1,2,5,10",
            Required = true,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                double[]? values = NumberList.TryParse(text, 0, 86400, "s", out string? problem);
                if (values == null)
                {
                    result.AddError("--rest: " + problem);
                    return Array.Empty<double>();
                }

                // A rest step is whole milliseconds: anything else would run another rest than its row says.
                foreach (double restS in values)
                {
                    double ms = restS * 1000;
                    if (restS > 0 && (ms < 1 || Math.Abs(ms - Math.Round(ms)) > 1e-6))
                    {
                        result.AddError("--rest: " + restS.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " s is no whole number of milliseconds (at least 0.001 s, or 0 for continuous current)");
                        return Array.Empty<double>();
                    }
                }

                return values;
            },
        };
        EdgeSimCommand.RejectOptionLikeValues(scenario);
        Option<string> output = CommonOptions.Out("Folder for sweep.csv, sweep.md, sweep.svg/png and report.html (created if missing).");
        Option<int> parallel = CommonOptions.Parallel("variants");
        Option<ProgressMode> progress = CommonOptions.Progress();
        Option<bool> quiet = CommonOptions.Quiet();
        Command command = new Command("sweep", "Run one variant of a scenario per rest length, in parallel over the cores.")
        {
            scenario, rests, output, parallel, progress, quiet,
        };
        command.SetAction(result => Execute(context, result.GetRequiredValue(scenario), result.GetRequiredValue(rests), result.GetRequiredValue(output), result.GetValue(parallel), CommonOptions.ProgressOf(result, progress, quiet)));
        return command;
    }

    private static int Execute(CliContext context, string scenarioPath, double[] rests, string outDir, int parallel, ProgressMode progressMode)
    {
        Scenario scenario = ScenarioLoader.LoadFile(scenarioPath);

        if (!SweepRunner.HasRestStep(scenario))
        {
            throw new UsageException("--rest: scenario '" + scenario.Name + "' has no rest step to replace (protocol.steps: " + string.Join(", ", scenario.Protocol.Steps) + "), so every variant would run the same protocol; give a scenario with a \"Rest for ...\" step");
        }

        // A rest ends at a sample: one between two samples runs to the next, so its row would name a rest that did not run.
        int periodMs = scenario.SamplePeriodMs;
        foreach (double restS in rests)
        {
            long ms = (long)Math.Round(restS * 1000);
            if (ms % periodMs != 0)
            {
                long ranMs = ((ms / periodMs) + 1) * periodMs;
                throw new UsageException(string.Format(CultureInfo.InvariantCulture, "--rest: {0:R} s is not a whole number of the scenario's {1} ms samples (it would rest {2:0.###} s); give multiples of {3:0.###} s", restS, periodMs, ranMs / 1000.0, periodMs / 1000.0));
            }
        }

        // The simulated unit is calibrated as each variant starts, the same unit for every rest: a board it cannot be
        // calibrated on stopped the sweep part-way with exit 1 and the reason once per variant in an AggregateException.
        if (ClosedLoopRunner.UnitCalibrationProblem(scenario) is string problem)
        {
            throw new ScenarioException(string.Empty, problem);
        }

        List<Scenario> variants = rests.Select(r => VariantOf(scenario, r)).ToList();
        OutputFolder.Check(outDir, "--out");

        CliConsole console = context.Console;

        // Each distinct field without effect or coarse board channel once, not once a variant; sweep.md and report.html keep them.
        IReadOnlyList<string> warnings = SimulatorWarnings.Across(variants, ScenarioUse.Sweep);
        RunCommand.WriteWarnings(console.Error, warnings);
        int cores = parallel > 0 ? parallel : Environment.ProcessorCount;
        double[] fractions = new double[variants.Count];
        int[] finished = new int[variants.Count];
        Stopwatch wall = Stopwatch.StartNew();
        SweepPoint?[] points;
        using (ProgressDisplay display = ProgressDisplay.Start(progressMode, console, "sweep " + scenario.Name, "progress: variants finished, and each running variant against its expected stop (a cut-off can end one earlier)"))
        {
            void Show()
            {
                int done = finished.Sum();
                display.Update(
                    fractions.Average(),
                    string.Format(CultureInfo.InvariantCulture, "sweep {0}: {1} of {2} variants done on {3} cores, {4:0.#} s", scenario.Name, done, variants.Count, cores, wall.Elapsed.TotalSeconds),
                    string.Format(CultureInfo.InvariantCulture, "sweep {0}: {1}/{2} done", scenario.Name, done, variants.Count));
            }

            RunOptions template = new RunOptions { Cancellation = context.Cancellation, ProgressIntervalS = 0.25 };
            points = SweepRunner.Run(variants, rests, parallel, template, (i, p) =>
            {
                lock (fractions)
                {
                    fractions[i] = p.Fraction;
                    Show();
                }
            }, (i, point) =>
            {
                lock (fractions)
                {
                    fractions[i] = 1;
                    finished[i] = point.StopReason == "cancelled" ? 0 : 1;
                    Show();
                }
            });
        }

        SweepPoint[] ran = points.Where(p => p != null).Select(p => p!).ToArray();
        bool cancelled = context.Cancellation.IsCancellationRequested;
        if (ran.Length > 0)
        {
            SweepOutputWriter.WriteAll(outDir, scenario.Name, ran, warnings);
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        Table table = new Table().AddColumns("rest (s)", "mAh/cm2", "duty cycle", "stop", "wall (s)");
        foreach (SweepPoint p in ran)
        {
            table.AddRow(p.RestS.ToString("0.###", inv), Markup.Escape(LowerBoundCapacity.Text(p.CapacityMAhPerCm2, p.CapacityIsLowerBound, "0.###")), p.DutyCycle.ToString("0.###", inv), Markup.Escape(p.StopText), p.Result.WallS.ToString("0.##", inv));
        }

        // The printed table travels without sweep.md: its first line says, as sweep.md's does, that the figures are simulated.
        console.Out.WriteLine(SweepOutputWriter.Provenance(scenario.Name, ran).TrimStart('#', ' '));
        console.Results.Write(table);
        if (ran.Any(p => p.CapacityIsLowerBound))
        {
            console.Out.WriteLine(LowerBoundCapacity.Note);
        }

        console.Out.WriteLine(string.Format(inv, "sweep wall time {0:0.##} s", wall.Elapsed.TotalSeconds));
        if (cancelled)
        {
            int complete = ran.Count(p => p.StopReason != "cancelled");
            console.Out.WriteLine(string.Format(inv, "cancelled: {0} of {1} variants finished; interrupted ones are marked 'cancelled', {2} never started", complete, variants.Count, variants.Count - ran.Length));
        }

        if (ran.Length > 0)
        {
            console.Out.WriteLine("table: " + Path.GetFullPath(Path.Combine(outDir, SweepOutputWriter.CsvFile)));
            console.Out.WriteLine("plot:  " + Path.GetFullPath(Path.Combine(outDir, SweepOutputWriter.PlotFile)));
        }

        return cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    /// <summary>
    /// The variant of one rest value. The scenario itself loaded, so a variant that is invalid was made so by the rest
    /// the sweep gave it: the message names that rest and what its variant runs, where it blamed the scenario's own
    /// step (`invalid scenario: protocol.steps[0]: pack scheduling needs a timed strip pulse` for a step timed in the file).
    /// </summary>
    private static Scenario VariantOf(Scenario scenario, double restS)
    {
        try
        {
            return SweepRunner.Variant(scenario, restS);
        }
        catch (ScenarioException e)
        {
            string rest = restS > 0
                ? string.Format(CultureInfo.InvariantCulture, "{0:R} s (every rest step a fixed rest of that length)", restS)
                : "0 s (continuous current: the rest steps removed, each current step without its length, run until a stop condition)";
            string hint = restS == 0 && scenario.Pack.Demand != null
                ? "; pack.demand's scheduler hands out timed strip pulses between rests, so leave 0 out of --rest, or pack.demand out of the scenario"
                : string.Empty;
            throw new UsageException("--rest: " + rest + " makes an invalid variant of scenario '" + scenario.Name + "': " + e.Message + hint);
        }
    }
}
