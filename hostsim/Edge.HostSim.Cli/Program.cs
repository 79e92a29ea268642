using System.Globalization;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Cli;

/// <summary>Entry point of the edge-sim command line: run one scenario, or sweep the rest of one.</summary>
public static class Program
{
    private const string Usage =
        "usage:\n" +
        "  edge-sim run [scenario.json] --out DIR [--realtime [factor]] [--quiet]\n" +
        "               [--mqtt host:port [--mqtt-user U --mqtt-password P] [--mqtt-ca FILE]] [--device-id ID]\n" +
        "               [--dashboard [--dashboard-dir DIR]]\n" +
        "      --mqtt: publish telemetry and accept commands as device ID (default sim-1), MQTT contract v1\n" +
        "      --dashboard: start a local broker and the live dashboard, print its URL (use with --realtime)\n" +
        "      no scenario: the built-in demo (NaK50, 1 s pulses at 1 mA/cm2, adaptive rest, act mode)\n" +
        "  edge-sim sweep <scenario.json> --rest 0,0.1,1,2,5,10 --out DIR [--parallel N] [--quiet]\n" +
        "      rest 0 = continuous current\n" +
        "exit codes: 0 ok, 2 bad input, 1 failure";

    public static int Main(string[] args) => Execute(args, Console.Out, Console.Error);

    /// <summary>Runs a command line; returns the exit code. Tests call this directly.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            CommandLine line = CommandLine.Parse(args);
            if (line.Flag("--help") || line.Flag("-h") || line.Command == "help" || line.Command == "--help")
            {
                stdout.WriteLine(Usage);
                return 0;
            }

            return line.Command switch
            {
                "run" => RunCommand(line, stdout, stderr),
                "sweep" => SweepCommand(line, stdout, stderr),
                _ => throw new UsageException("unknown command '" + line.Command + "' (run or sweep)"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine("edge-sim: " + e.Message);
            stderr.WriteLine(Usage);
            return 2;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine("edge-sim: invalid scenario: " + e.Message);
            return 2;
        }
        catch (Edge.HostSim.Mqtt.BrokerConnectionException e)
        {
            stderr.WriteLine("edge-sim: cannot connect to the MQTT broker: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            stderr.WriteLine("edge-sim: failed: " + e);
            return 1;
        }
    }

    private static int RunCommand(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        if (line.Positional.Count > 1)
        {
            throw new UsageException("run takes at most one scenario file");
        }

        string outDir = line.Option("--out") ?? throw new UsageException("run needs --out DIR");
        Scenario scenario = line.Positional.Count == 1 ? ScenarioLoader.LoadFile(line.Positional[0]) : BuiltInScenarios.Demo();
        bool quiet = line.Flag("--quiet");
        RunOptions options = new RunOptions { RealtimeFactor = line.Realtime ?? 0 };
        if (!quiet && !Console.IsErrorRedirected)
        {
            options.Progress = (simS, limitS, wallS) => stderr.WriteLine(Progress(scenario.Name, simS, limitS, wallS));
        }

        using CancellationTokenSource cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += handler;
        options.Cancellation = cancel.Token;
        SimulationResult result;
        using (LiveConnection? live = LiveConnection.Create(line, stdout))
        {
            if (live != null)
            {
                live.Bridge.ScheduleBrokerOutages(scenario.Faults);
                options.Observer = live.Bridge.Observer(options.Observer);
                options.CellVoltagePeriodMs = 1000;
            }

            try
            {
                result = new ClosedLoopRunner(scenario, options).Run();
                if (live != null)
                {
                    live.Bridge.Flush(TimeSpan.FromSeconds(5));
                    stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "mqtt: {0} stream messages numbered, {1} handed to the broker, {2} connection(s)", live.Bridge.EnqueuedCount, live.Bridge.PublishedCount, live.Bridge.Connections));

                    // The page is still worth looking at after the run: keep broker and server up until Ctrl+C.
                    if (line.Flag("--dashboard") && !cancel.IsCancellationRequested && !Console.IsInputRedirected)
                    {
                        stdout.WriteLine("run finished; the dashboard stays up, press Ctrl+C to stop it");
                        cancel.Token.WaitHandle.WaitOne();
                    }
                }
            }
            finally
            {
                Console.CancelKeyPress -= handler;
            }
        }

        RunOutputWriter.WriteAll(outDir, scenario, result);
        CultureInfo inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(inv, "scenario {0}: {1} after {2:0.#} s simulated in {3:0.##} s wall ({4:0.0} M cell-steps/s)", result.Scenario, result.TerminatedBy, result.SimulatedS, result.WallS, result.CellSteps / Math.Max(result.WallS, 1e-9) / 1e6));
        foreach (ModuleResult m in result.Modules)
        {
            stdout.WriteLine(string.Format(inv, "  module {0}: {1:0.###} mAh/cm2, duty cycle {2:0.###}, mean rest {3:0.##} s, {4}", m.Index, m.CapacityMAhPerCm2, m.DutyCycle, m.MeanRestS, m.StopReason));
        }

        stdout.WriteLine(string.Format(inv, "  events: {0}", result.Events.Count));
        stdout.WriteLine("summary: " + Path.GetFullPath(Path.Combine(outDir, RunOutputWriter.SummaryFile)));
        stdout.WriteLine("plot:    " + Path.GetFullPath(Path.Combine(outDir, RunOutputWriter.PlotFile)));
        return 0;
    }

    private static int SweepCommand(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        if (line.Positional.Count != 1)
        {
            throw new UsageException("sweep needs exactly one scenario file");
        }

        string outDir = line.Option("--out") ?? throw new UsageException("sweep needs --out DIR");
        string restText = line.Option("--rest") ?? throw new UsageException("sweep needs --rest, e.g. --rest 0,0.1,1,2,5,10");
        List<double> rests = new List<double>();
        foreach (string part in restText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double rest) || rest < 0 || rest > 86400)
            {
                throw new UsageException("--rest: '" + part + "' is not a rest in seconds (0 to 86400)");
            }

            rests.Add(rest);
        }

        if (rests.Count == 0)
        {
            throw new UsageException("--rest needs at least one value");
        }

        int parallel = 0;
        string? parallelText = line.Option("--parallel");
        if (parallelText != null && (!int.TryParse(parallelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out parallel) || parallel < 1))
        {
            throw new UsageException("--parallel must be a positive integer");
        }

        Scenario scenario = ScenarioLoader.LoadFile(line.Positional[0]);
        List<Scenario> variants = rests.Select(r => SweepRunner.Variant(scenario, r)).ToList();
        if (!line.Flag("--quiet") && !Console.IsErrorRedirected)
        {
            stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "sweep {0}: {1} variants on {2} cores", scenario.Name, variants.Count, parallel > 0 ? parallel : Environment.ProcessorCount));
        }

        System.Diagnostics.Stopwatch wall = System.Diagnostics.Stopwatch.StartNew();
        SweepPoint[] points = SweepRunner.Run(variants, rests, parallel);
        SweepOutputWriter.WriteAll(outDir, scenario.Name, points);
        CultureInfo inv = CultureInfo.InvariantCulture;
        foreach (SweepPoint p in points)
        {
            stdout.WriteLine(string.Format(inv, "  rest {0,6:0.###} s: {1,8:0.###} mAh/cm2, duty cycle {2:0.###}, {3}", p.RestS, p.CapacityMAhPerCm2, p.DutyCycle, p.StopReason));
        }

        stdout.WriteLine(string.Format(inv, "sweep wall time {0:0.##} s", wall.Elapsed.TotalSeconds));
        stdout.WriteLine("table: " + Path.GetFullPath(Path.Combine(outDir, SweepOutputWriter.CsvFile)));
        stdout.WriteLine("plot:  " + Path.GetFullPath(Path.Combine(outDir, SweepOutputWriter.PlotFile)));
        return 0;
    }

    private static string Progress(string name, double simS, double limitS, double wallS) =>
        string.Format(CultureInfo.InvariantCulture, "{0}: {1:0.#} s simulated ({2:0.#} % of the time limit), {3:0.#}x real time", name, simS, 100.0 * simS / limitS, simS / Math.Max(wallS, 1e-9));
}
