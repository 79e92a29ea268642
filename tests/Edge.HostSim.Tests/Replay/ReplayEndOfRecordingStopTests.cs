// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A replay whose recording ends with a module still pulsing marks that module's capacity a lower bound, as run marks
/// one still running at its time limit, and says the recording's end ended it. Its table read "0.003 ... running", a
/// capacity as final as a cut-off's.
/// </summary>
public sealed class ReplayEndOfRecordingStopTests : IDisposable
{
    private const string Note = "A capacity marked >= is a lower bound: the module was still running at the end of the recording, so it had delivered that much and would have delivered more to its stop.";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheTableMarksTheCapacityALowerBoundAndTheLineUnderItNamesTheRecordingsEnd()
    {
        // Ten 1 s pulses at 1 mA/cm2: 10 mA s/cm2 = 0.00278 mAh/cm2, the cell still cycling when the file ends.
        string file = _scratch.Write("cell.csv", SymmetricCellTable.Of(SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (1.0, 1.0), (0.0, 2.0) }, 10)));

        using EdgeSimProcess replay = SymmetricCellTable.Replay(_scratch, file, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains(": endOfData after ", replay.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ 0\s+│ >= 0\.003 │ [0-9.]+\s+│ [0-9.]+\s+│ running │", replay.Stdout);
        Assert.Contains(Note, replay.Stdout, StringComparison.Ordinal);

        // report.html's modules table, shared with run's, names the same end.
        string report = File.ReadAllText(Path.Combine(_scratch.Path2("out"), "report.html"));
        Assert.Contains("running at the end of the recording", report, StringComparison.Ordinal);
    }
}
