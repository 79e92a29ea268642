// Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Cli.Terminal;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Spectre.Console;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim run: one scenario (or the built-in demo) in closed loop; writes summary, events, trace and plot.</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string?> scenario = new Argument<string?>("scenario")
        {
            Description = "Scenario file (JSON, see hostsim/README.md). Without it: the built-in demo (NaK50, 1 s pulses at 1 mA/cm2, adaptive rest, act mode, soft and hard short injected).",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "scenario.json",
        };
        EdgeSimCommand.RejectOptionLikeValues(scenario);
        Option<string> output = CommonOptions.Out("Folder for summary.json, events.jsonl, trace.csv, plot.svg/png and report.html (created if missing).");
        Option<double?> realtime = new Option<double?>("--realtime")
        {
            Description = "Pace simulated time against the wall clock: 1 = real time (the value when no factor follows), 10 = ten times faster. The factor is optional: give the scenario before --realtime.",
            HelpName = "factor",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = ParseRealtime,
        };
        Option<ProgressMode> progress = CommonOptions.Progress();
        Option<bool> quiet = CommonOptions.Quiet();
        Option<string?> mqtt = new Option<string?>("--mqtt") { Description = "Publish telemetry and accept commands through this MQTT broker (contract v1). The broker must answer before the run starts.", HelpName = "host:port" };
        Option<bool> allowUnreachable = new Option<bool>("--mqtt-allow-unreachable") { Description = "Start even if the --mqtt broker does not answer yet; the bridge keeps reconnecting." };
        Option<string?> user = new Option<string?>("--mqtt-user") { Description = "Broker user name (with --mqtt-password).", HelpName = "USER" };
        Option<string?> password = new Option<string?>("--mqtt-password") { Description = "Broker password (with --mqtt-user).", HelpName = "PASSWORD" };
        Option<string?> ca = new Option<string?>("--mqtt-ca") { Description = "CA certificate (PEM) for a TLS --mqtt broker (not with --dashboard, whose broker has no TLS).", HelpName = "FILE" };
        Option<string?> deviceId = new Option<string?>("--device-id") { Description = "Device id in the topics edge/<id>/... (default sim-1).", HelpName = "ID" };
        Option<bool> dashboard = new Option<bool>("--dashboard") { Description = "Start a private loopback broker and the live dashboard, print its address (use with --realtime). When the run ends the simulated device goes offline and broker and page stay up until Ctrl-C, when standard input is a terminal; from a script the command ends with the run." };
        Option<int?> healthPeriod = new Option<int?>("--health-period-s") { Description = "Device time between the device's health messages, s (its health_period_s: 1 to 3600, default 30); with --mqtt or --dashboard.", HelpName = "SECONDS" };
        Option<int?> dashboardPort = new Option<int?>("--dashboard-port")
        {
            Description = "The dashboard's HTTP port on 127.0.0.1 (default: a free one at each start). A run started again on the same port serves the same address, and a page left open finds the new run by itself.",
            HelpName = "PORT",
            CustomParser = r => CommonOptions.PositiveInt(r, "--dashboard-port", 1, 65535),
        };
        Option<string?> dashboardDir = new Option<string?>("--dashboard-dir") { Description = "Where the dashboard's files are (default: hostsim/dashboard above the working folder).", HelpName = "DIR" };

        Command command = new Command("run", "Run one scenario in closed loop: the shared control core against simulated cells.")
        {
            scenario, output, realtime, progress, quiet, mqtt, allowUnreachable, user, password, ca, deviceId, healthPeriod, dashboard, dashboardPort, dashboardDir,
        };
        command.SetAction(result =>
        {
            LiveConnectionSettings live = new LiveConnectionSettings
            {
                Mqtt = result.GetValue(mqtt),
                User = result.GetValue(user),
                Password = result.GetValue(password),
                CaFile = result.GetValue(ca),
                DeviceId = result.GetValue(deviceId),
                AllowUnreachable = result.GetValue(allowUnreachable),
                Dashboard = result.GetValue(dashboard),
                DashboardDirectory = result.GetValue(dashboardDir),
                DashboardPort = result.GetValue(dashboardPort),
                HealthPeriodS = result.GetValue(healthPeriod),
            };
            return Execute(context, result.GetValue(scenario), result.GetRequiredValue(output), result.GetValue(realtime) ?? 0, CommonOptions.ProgressOf(result, progress, quiet), live);
        });
        return command;
    }

    private static double? ParseRealtime(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return 1;
        }

        string text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) || !double.IsFinite(factor))
        {
            string hint = text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "; put the scenario before --realtime" : string.Empty;
            result.AddError("--realtime: '" + text + "' is not a speed factor (a number above 0: 1 = real time, 10 = ten times faster)" + hint);
            return null;
        }

        if (!(factor > 0) || factor > 1e9)
        {
            result.AddError("--realtime: the factor must be above 0 and at most 1e9, not " + text);
            return null;
        }

        return factor;
    }

    private static int Execute(CliContext context, string? scenarioPath, string outDir, double realtime, ProgressMode progressMode, LiveConnectionSettings liveSettings)
    {
        // Everything the user gave is checked before any work: scenario, output folder, broker.
        Scenario scenario = scenarioPath != null ? ScenarioLoader.LoadFile(scenarioPath) : BuiltInScenarios.Demo();
        OutputFolder.Check(outDir, "--out");
        if (scenarioPath != null)
        {
            OutputFolder.CheckKeeps(outDir, "--out", scenarioPath, "the scenario", RunOutputWriter.FileNames);
        }

        LiveConnection.Create(liveSettings, context.Console.Out, connect: false);

        CliConsole console = context.Console;

        // Fields that load but do nothing in this configuration, and a board too coarse for the detectors at the run's
        // noise: said before the run, kept in summary.json and report.html.
        IReadOnlyList<string> warnings = SimulatorWarnings.Find(scenario, liveSettings.Mqtt != null || liveSettings.Dashboard ? ScenarioUse.RunWithBroker : ScenarioUse.Run);
        WriteWarnings(console.Error, warnings);
        RunOptions options = new RunOptions { RealtimeFactor = realtime, Cancellation = context.Cancellation };
        SimulationResult result;
        using (LiveConnection? live = LiveConnection.Create(liveSettings, console.Out))
        {
            if (live != null)
            {
                live.Bridge.ScheduleBrokerOutages(scenario.Faults);
                options.Observer = live.Bridge.Observer(options.Observer);
                options.CellVoltagePeriodMs = 1000;

                // Paced for an operator, the device waits for commands when every module has stopped, as the firmware
                // does: an operator's stop or setProtocol without start must not take it offline.
                options.RunOnWhenAllModulesStop = realtime > 0;
            }

            // The legend waits for the first progress line: the unit's calibration, which can still refuse the scenario
            // (exit 2, nothing written), runs first, and then the refusal is all that is printed.
            using (ProgressDisplay display = ProgressDisplay.Start(progressMode, console, scenario.Name, RunProgressText.Note, deferNote: true))
            {
                options.Progress = p => display.Update(p.Fraction, RunProgressText.Describe(scenario.Name, p), RunProgressText.Compact(scenario.Name, p));
                result = new ClosedLoopRunner(scenario, options).Run();
            }

            if (live != null)
            {
                // A run whose telemetry was partly lost or unsent is still a completed simulation: exit 0, with the counts
                // and a warning line, not a failure (hostsim/README.md, exit codes).
                bool flushed = live.Bridge.Flush(LiveConnection.FlushTimeout);
                double? timesRealTime = realtime <= 0 && result.WallS > 0 ? result.SimulatedS / result.WallS : null;
                BridgeDeliveryText.Write(console.Out, live.Bridge, flushed, LiveConnection.FlushTimeout, timesRealTime);

                // The page is still worth looking at after the run: keep broker and server up until Ctrl-C. The simulated
                // device is not: it goes offline as a device shut down does (the retained status "offline"), so the page
                // shows its modules as they ended, greyed, instead of a live device that no longer runs.
                if (liveSettings.Dashboard && !context.Cancellation.IsCancellationRequested && context.ServesUntilInterrupted)
                {
                    live.EndDevice();
                    console.Out.WriteLine("run finished; device " + live.Bridge.DeviceId + " is offline, the dashboard stays up, press Ctrl-C to stop it");
                    context.Cancellation.WaitHandle.WaitOne();
                    return Report(console, outDir, scenario, result, warnings, realtime, ExitCodes.Ok);
                }
            }
        }

        return Report(console, outDir, scenario, result, warnings, realtime, result.TerminatedBy == "cancelled" ? ExitCodes.Cancelled : ExitCodes.Ok);
    }

    /// <summary>
    /// One line per module the run ended with in hold: since when, the diagnosis that latched it and the cell it is on
    /// (counted in the module from 0, as the dashboard's card says it: "hardShort on cell 2"), or "module-wide" for a
    /// diagnosis about no one cell. Then one per module whose hardShort report no simulated cell's own short stands
    /// behind (none in a replay).
    /// </summary>
    internal static void WriteHeldModules(TextWriter output, SimulationResult result)
    {
        foreach (ModuleResult m in result.Modules.Where(m => m.HoldDiagnosis != null))
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "module {0} held since {1} s: {2}", m.Index, m.StoppedAtS is double at ? SimulatedTime.Seconds(at) : "-", m.HoldText));
        }

        foreach (string note in HardShortTruth.Notes(result))
        {
            output.WriteLine(note);
        }
    }

    /// <summary>The pulse current at the end, percent of the protocol's, with the protection derates not yet lifted.</summary>
    internal static string CurrentAtEnd(ModuleResult m) =>
        m.DerateSteps > 0
            ? m.CurrentPercent.ToString(CultureInfo.InvariantCulture) + " (" + m.DerateSteps.ToString(CultureInfo.InvariantCulture) + (m.DerateSteps == 1 ? " derate)" : " derates)")
            : m.CurrentPercent.ToString(CultureInfo.InvariantCulture);

    // The table's mAh/cm2 is the net stripped charge: a strip/plate cycle nets about 0, which alone reads as nothing done.
    // A module that plated gets its stripped and plated charges on a line of their own.
    private static void WritePlatedModules(TextWriter output, SimulationResult result)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        foreach (ModuleResult m in result.Modules.Where(m => m.PlatedMAhPerCm2 > 0))
        {
            output.WriteLine(string.Format(inv, "module {0}: stripped {1:0.###}, plated {2:0.###} mAh/cm2 (net {3:0.###}, the table's)", m.Index, m.StrippedMAhPerCm2, m.PlatedMAhPerCm2, m.CapacityMAhPerCm2));
        }
    }

    /// <summary>One line a warning on stderr, "warning: " first, as a script greps for it.</summary>
    internal static void WriteWarnings(TextWriter error, IEnumerable<string> warnings)
    {
        foreach (string warning in warnings)
        {
            error.WriteLine("warning: " + warning);
        }
    }

    private static int Report(CliConsole console, string outDir, Scenario scenario, SimulationResult result, IReadOnlyList<string> warnings, double realtime, int exitCode)
    {
        RunOutputWriter.WriteAll(outDir, scenario, result, warnings);
        CultureInfo inv = CultureInfo.InvariantCulture;
        // A paced run's wall time is the pacing's, not the simulator's speed.
        string speed = realtime > 0
            ? string.Format(inv, "paced at {0:0.###}x real time", realtime)
            : string.Format(inv, "{0:0.0} M cell-steps/s", result.CellSteps / Math.Max(result.WallS, 1e-9) / 1e6);
        console.Out.WriteLine(string.Format(inv, "scenario {0}: {1} after {2} s simulated in {3:0.##} s wall ({4})", result.Scenario, result.TerminatedBy, SimulatedTime.Seconds(result.SimulatedS), result.WallS, speed));
        Table table = new Table().AddColumns("module", "mAh/cm2", "duty cycle", "mean rest (s)", "current (%)", "stop");
        foreach (ModuleResult m in result.Modules)
        {
            table.AddRow(m.Index.ToString(inv), Markup.Escape(RunningAtEnd.Capacity(m, result.TerminatedBy, "0.###")), m.DutyCycle.ToString("0.###", inv), m.MeanRestS.ToString("0.##", inv), CurrentAtEnd(m),
                m.StopReason);
        }

        console.Results.Write(table);
        if (result.Modules.Any(m => RunningAtEnd.IsLowerBound(m, result.TerminatedBy)))
        {
            console.Out.WriteLine(RunningAtEnd.Note(result.TerminatedBy));
        }

        WritePlatedModules(console.Out, result);
        WriteHeldModules(console.Out, result);

        // Every event of the run: past the events a run keeps the rest are counted only (summary.json's eventsDropped),
        // and the line gave the kept count alone, 100000 for a run of 100,002.
        console.Out.WriteLine(result.EventsDropped > 0
            ? string.Format(inv, "events: {0} ({1} kept in {2}, {3} more counted only)", result.Events.Count + result.EventsDropped, result.Events.Count, RunOutputWriter.EventsFile, result.EventsDropped)
            : string.Format(inv, "events: {0}", result.Events.Count));
        if (exitCode == ExitCodes.Cancelled)
        {
            console.Out.WriteLine("cancelled: the outputs hold the run up to " + SimulatedTime.Seconds(result.SimulatedS) + " s (terminatedBy \"cancelled\")");
        }

        console.Out.WriteLine("summary: " + Path.GetFullPath(Path.Combine(outDir, RunOutputWriter.SummaryFile)));
        console.Out.WriteLine("plot:    " + Path.GetFullPath(Path.Combine(outDir, RunOutputWriter.PlotFile)));
        return exitCode;
    }
}
