// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>Progress of run, sweep and replay on stderr: plain lines when not a terminal, one updating line with --progress live.</summary>
public sealed class CliProgressTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>For a condition on what a run has simulated: a machine loaded by other work runs it many times slower.</summary>
    private static readonly TimeSpan SlowRunPatience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void RunProgressIsAgainstTheCapacityLimitItWillReachFirst()
    {
        // 1 s of 1 mA/cm2 in every 6 s: 20 mAh/cm2 after 432,000 s, well before the 700,000 s time limit. Percent of
        // the time limit would be 0.617 times the percent of the expected stop.
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        using EdgeSimProcess run = EdgeSimProcess.Start(null, "run", scenario, "--out", _scratch.Path2("out"));

        // The expected stop is the mean rate so far carried on: after n of the 6 s cycles it can be off by about 1/n, and
        // a line's percent is shown in tenths. How much was simulated by the first line (2 s of wall time) depends on the
        // machine's speed, so the test takes the first line past 1 h simulated (600 cycles: off by at most 0.2 %, and
        // 0.83 % against 0.51 % of the time limit), however long a slow machine takes to get there.
        Regex pattern = new Regex(@"\[\s*([\d.]+) %\] long: ([\d.]+) (s|min|h|d) simulated, [\d.]+ of 20 mAh/cm2 capacity limit \(about ([\d.]+) d simulated\)");
        Func<string, Match?> pastOneHour = stderr => pattern.Matches(stderr).FirstOrDefault(m => SimulatedS(m.Groups[2].Value, m.Groups[3].Value) >= 3600);
        bool reached = run.WaitForStderr(e => pastOneHour(e) != null, SlowRunPatience);
        Match? line = pastOneHour(run.Stderr);
        run.Interrupt();
        run.WaitForExit(Patience);

        Assert.True(reached && line != null, "no progress line against the capacity limit past 1 h simulated: " + run.Stderr);
        double percent = double.Parse(line!.Groups[1].Value, CultureInfo.InvariantCulture);
        double expectedStopD = double.Parse(line.Groups[4].Value, CultureInfo.InvariantCulture);
        Assert.InRange(expectedStopD, 4.9, 5.1);
        double simulatedS = SimulatedS(line.Groups[2].Value, line.Groups[3].Value);
        // The line shows tenths of a percent and the simulated time to one decimal of its unit (1.0 h: 0.95 to 1.05 h).
        Assert.InRange(percent, (100 * simulatedS / 432000 * 0.95) - 0.05, (100 * simulatedS / 432000 * 1.05) + 0.05);
        Assert.StartsWith("progress: percent of the expected stop", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepShowsProgressWhileItRuns()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        using EdgeSimProcess sweep = EdgeSimProcess.Start(null, "sweep", scenario, "--rest", "2,5", "--out", _scratch.Path2("out"));

        // A progress line while the sweep runs (its table not written yet); on a fast machine the 2 s rest is done
        // before the first line, which then says 1 of 2.
        Assert.True(sweep.WaitForStderr(" of 2 variants done", Patience), sweep.Stderr);
        Assert.Equal(string.Empty, sweep.Stdout);
        sweep.Interrupt();
        sweep.WaitForExit(Patience);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--progress plain")]
    public void ARunRefusedBeforeItStartsSaysOnlyWhy(string progress)
    {
        // Without --quiet the progress legend came first, on a run that never ran (exit 2, nothing written).
        string scenario = ScenarioOnUncalibratableBoard();
        string output = _scratch.Path2("run");

        using EdgeSimProcess run = EdgeSimProcess.Run(new[] { "run", scenario, "--out", output }.Concat(progress.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray());

        AssertRefusedForItsUnit(run, "run", output);
    }

    [Fact]
    public void ASweepOnABoardItsUnitCannotBeCalibratedOnIsRefusedBeforeAnyVariantRuns()
    {
        // Each variant calibrated the unit as it started: the sweep stopped with exit 1 and an AggregateException that gave
        // the reason once per variant, after its progress legend.
        string scenario = ScenarioOnUncalibratableBoard();
        string output = _scratch.Path2("sweep");

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "1,2", "--out", output, "--progress", "plain");

        AssertRefusedForItsUnit(sweep, "sweep", output);
    }

    /// <summary>
    /// A scenario on the DevKitC with cell 1's divider as 0.2 against its points for 0.3297: the board parses, but its
    /// simulated unit cannot be calibrated, which a run finds only once it starts.
    /// </summary>
    private string ScenarioOnUncalibratableBoard()
    {
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        const string Divider = "divider_ratio = 0.3297 ";
        Assert.Contains(Divider, text, StringComparison.Ordinal);
        _scratch.Write("divider.board", text.Replace(Divider, "divider_ratio = 0.2    ", StringComparison.Ordinal));
        return _scratch.Write("on-divider.json", "{ \"name\": \"d\", \"seed\": 1, \"timeLimitS\": 3, "
            + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"rest\": \"fixed\" }, "
            + "\"measurement\": { \"board\": \"divider.board\" } }");
    }

    private static void AssertRefusedForItsUnit(EdgeSimProcess process, string verb, string output)
    {
        Assert.Equal(2, process.ExitCode);

        // The 0.2 divider is also too coarse for the detectors' floors: a run warns of it before it starts, as of a field
        // without effect. No progress line may come.
        string line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("warning: [cell 1] divider_ratio: 0.2 gives", StringComparison.Ordinal));
        Assert.StartsWith("edge-sim " + verb + ": invalid scenario: measurement.board: esp32-devkitc-4s2m: the simulated unit cannot be calibrated", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, process.Stdout);
        Assert.False(Directory.Exists(output), "a refused " + verb + " wrote its folder");
    }

    [Fact]
    public void LiveProgressUpdatesOneLine()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        using EdgeSimProcess run = EdgeSimProcess.Start(null, "run", scenario, "--out", _scratch.Path2("out"), "--progress", "live");
        Assert.True(run.WaitForStderr("(capacity limit)", Patience), run.Stderr);
        Thread.Sleep(1500);
        run.Interrupt();
        run.WaitForExit(Patience);

        // Several refreshes of the same line: cursor movements, no new line per update.
        Assert.True(run.ExitCode == 130, "exit code " + run.ExitCode + ", not 130; stdout: " + run.Stdout + "; stderr: " + run.Stderr);
        Assert.Contains("\u001b[", run.Stderr, StringComparison.Ordinal);
        Assert.True(Regex.Matches(run.Stderr, "capacity limit").Count >= 2, run.Stderr);
        Assert.Matches("\u001b\\[\\d+A", run.Stderr);
        Assert.DoesNotContain("[ ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayShowsHowMuchOfTheRecordingIsDoneAndStopsOnCtrlC()
    {
        string file = WriteThirtyDays();
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess replay = EdgeSimProcess.Start(null, "replay", file, "--out", outDir, "--progress", "plain");
        Assert.True(replay.WaitForStderr(" replayed", Patience), replay.Stderr);
        replay.Interrupt();
        replay.WaitForExit(Patience);

        Assert.True(replay.ExitCode == 130, "exit code " + replay.ExitCode + ", not 130; stdout: " + replay.Stdout + "; stderr: " + replay.Stderr);
        Assert.StartsWith("progress: percent of the file's bytes read, then of the recording's samples fed to the core", replay.Stderr, StringComparison.Ordinal);
        Match line = Regex.Match(replay.Stderr, @"\[\s*([\d.]+) %\] replay thirty-days\.mpt: ([\d.]+) (s|min|h|d) of the recording's 30 d replayed");
        Assert.True(line.Success, replay.Stderr);

        // The percentage is the share of the thirty days replayed so far.
        double doneS = double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture) * line.Groups[3].Value switch { "s" => 1, "min" => 60, "h" => 3600, _ => 86400 };
        double percent = double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(percent, (100 * doneS / (30 * 86400) * 0.9) - 0.2, (100 * doneS / (30 * 86400) * 1.1) + 0.2);
        using System.Text.Json.JsonDocument summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("cancelled", summary.RootElement.GetProperty("terminatedBy").GetString());
    }

    [Fact]
    public void ReplayShowsTheBytesReadWhileItReadsTheFile()
    {
        // 11 MB, read in about a second before the replay starts: the live line said nothing in that time.
        string file = WriteThirtyDays();
        double sizeMb = new FileInfo(file).Length / 1e6;
        using EdgeSimProcess replay = EdgeSimProcess.Start(null, "replay", file, "--out", _scratch.Path2("out"), "--progress", "live");
        Assert.True(replay.WaitForStderr("replay thirty-days.mpt ", Patience), replay.Stderr);
        replay.Interrupt();
        replay.WaitForExit(Patience);

        // The bytes read so far of the file's size, rising, on the line the replay then goes on with.
        MatchCollection lines = Regex.Matches(replay.Stderr, @"reading thirty-days\.mpt: ([\d.]+) of ([\d.]+) MB");
        Assert.True(lines.Count > 0, replay.Stderr);
        double[] done = lines.Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.All(lines, m => Assert.Equal(sizeMb, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 0.05));
        Assert.All(done, d => Assert.InRange(d, 0, sizeMb + 0.05));
        Assert.Equal(done.Order(), done);
        Assert.Contains(done, d => d > 0);
    }

    [Fact]
    public void QuietRunPrintsNoProgress()
    {
        string scenario = _scratch.Write("short.json", CliScratch.ShortScenario);

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"), "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
    }

    /// <summary>A simulated time as a progress line shows it ("12.5 min"), in seconds.</summary>
    private static double SimulatedS(string value, string unit)
    {
        return double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "s" => 1, "min" => 60, "h" => 3600, _ => 86400 };
    }

    /// <summary>
    /// Thirty days of 10 s / 20 s pulses logged every 5 s as an EC-Lab file (11 MB): 259 million ticks, a minute or more of
    /// replay, so that a test host slowed by a loaded machine still interrupts it mid-run.
    /// </summary>
    private string WriteThirtyDays()
    {
        System.Text.StringBuilder text = new System.Text.StringBuilder("EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n");
        for (int i = 0; i <= 30 * 86400 / 5; i++)
        {
            bool pulse = i % 6 < 2;
            text.Append((i * 5).ToString(CultureInfo.InvariantCulture)).Append(pulse ? "\t0.120000\t0.385000\n" : "\t0.004000\t0.000000\n");
        }

        return _scratch.Write("thirty-days.mpt", text.ToString());
    }
}
