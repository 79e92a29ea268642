// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// Every argument is checked before any work, through the real executable: exit 2, one line on stderr that
/// names the argument, no stack trace, nothing written (the long scenario would run for a minute).
/// </summary>
public sealed class CliArgumentTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void OutputThatIsAFileIsRejectedBeforeTheRun()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        string file = _scratch.Write("taken", "a file");

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", file);

        AssertRejected(run, "--out", "is a file");
        Assert.Equal("a file", File.ReadAllText(file));
    }

    [Fact]
    public void RunIntoTheScenariosOwnFolderUnderAnOutputNameIsRefusedAndTheScenarioKept()
    {
        // The scenario saved as summary.json next to where the run writes its own summary.json.
        string scenario = _scratch.Write("summary.json", CliScratch.ShortScenario);

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Root);

        AssertRejected(run, "--out", "would write over the scenario");
        Assert.Equal(CliScratch.ShortScenario, File.ReadAllText(scenario));
        Assert.False(File.Exists(_scratch.Path2("events.jsonl")));
    }

    [Fact]
    public void OutputUnderAFileIsRejected()
    {
        string file = _scratch.Write("taken", "a file");

        using EdgeSimProcess run = EdgeSimProcess.Run("run", "--out", Path.Combine(file, "out"));

        AssertRejected(run, "--out", "which is a file");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ReadOnlyOutputFolderIsRejectedBeforeTheRun()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        string folder = _scratch.Path2("locked");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", Path.Combine(folder, "out"));

        AssertRejected(run, "--out", "read-only");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void ProcOutputIsRejectedBeforeTheSweep()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "1,2", "--out", "/proc/edge-sim-out");

        AssertRejected(sweep, "--out", "/proc");
    }

    [Theory]
    [InlineData("NaN", "not a finite number")]
    [InlineData("1,,2,", "entry 2 of '1,,2,' is empty")]
    [InlineData("1,1", "1 is given twice")]
    [InlineData("1,1.0", "is given twice")]
    [InlineData("Infinity", "not a finite number")]
    [InlineData("-1", "outside 0 to 86400 s")]
    [InlineData("1;2", "'1;2' is not a number")]
    [InlineData("0.0004", "0.0004 s is no whole number of milliseconds (at least 0.001 s, or 0 for continuous current)")]
    [InlineData("1,0.0015", "0.0015 s is no whole number of milliseconds")]
    [InlineData("0.005", "0.005 s is not a whole number of the scenario's 10 ms samples (it would rest 0.01 s); give multiples of 0.01 s")]
    [InlineData("1,0.015", "0.015 s is not a whole number of the scenario's 10 ms samples (it would rest 0.02 s)")]
    public void RestListsMustBeFiniteUniqueNumbers(string rests, string problem)
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", rests, "--out", _scratch.Path2("out"));

        AssertRejected(sweep, "--rest", problem);
    }

    [Fact]
    public void SweepOfAScenarioWithoutARestStepIsRefused()
    {
        // Nothing to replace: every variant would run the same protocol under another rest's label.
        string scenario = _scratch.Write("continuous.json", CliScratch.LongScenario.Replace("[ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ]", "[ \"Strip at 0.25 mA/cm2\" ]", StringComparison.Ordinal));

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "1,2", "--out", _scratch.Path2("out"));

        AssertRejected(sweep, "--rest", "has no rest step to replace");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Theory]
    [InlineData("no.such.host.invalid:1883", "cannot resolve the host name 'no.such.host.invalid'")]
    [InlineData("127.0.0.1:1", "nothing accepts connections at 127.0.0.1:1")]
    public void UnreachableBrokerIsRejectedBeforeTheRun(string address, string problem)
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"), "--mqtt", address);

        AssertRejected(run, "--mqtt", problem);
        Assert.Contains("--mqtt-allow-unreachable", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowUnreachableRunsWithoutTheBroker()
    {
        string scenario = _scratch.Write("short.json", CliScratch.ShortScenario);
        int port = ClosedPort();

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"), "--quiet", "--mqtt", "127.0.0.1:" + port, "--mqtt-allow-unreachable");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("0 handed to the broker", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(_scratch.Path2("out/summary.json")));
    }

    [Theory]
    [InlineData("abc", "--realtime: 'abc' is not a speed factor")]
    [InlineData("0", "--realtime: the factor must be above 0")]
    [InlineData("s.json", "put the scenario before --realtime")]
    public void RealtimeFactorIsNamedWhenWrong(string factor, string problem)
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", "--out", _scratch.Path2("out"), "--realtime", factor);

        AssertRejected(run, "--realtime", problem);
    }

    [Fact]
    public void UnknownOptionIsNamedRatherThanTheMissingOut()
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", "--ot", _scratch.Path2("out"));

        AssertRejected(run, "--ot", "unknown option '--ot'");
    }

    [Fact]
    public void SecondScenarioIsOneArgumentTooMany()
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", "a.json", "b.json", "--out", _scratch.Path2("out"));

        AssertRejected(run, "'b.json'", "one argument too many");
    }

    internal static void AssertRejected(EdgeSimProcess process, string argument, string problem)
    {
        string[] lines = process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 2, "exit " + process.ExitCode + ", stderr: " + process.Stderr);
        Assert.True(lines.Length == 1, "one line expected: " + process.Stderr);
        Assert.Contains(argument, lines[0], StringComparison.Ordinal);
        Assert.Contains(problem, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("summary:", process.Stdout, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
