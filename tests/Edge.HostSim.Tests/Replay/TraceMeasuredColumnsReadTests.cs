// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// An edge-sim trace's measured columns (what the run's core read) are read with its true columns, as a set: one per
/// cell and one per module, whole mV and uA. A trace with some of them only, or a value the core cannot have read, is
/// refused naming the column: fed in part, the core would meet a mix of the run's readings and the model's values.
/// </summary>
public sealed class TraceMeasuredColumnsReadTests : IDisposable
{
    private const string Header = "tS,module0CurrentMAPerCm2,module0Cell0V,module0State";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void MeasuredColumnsAreReadBesideTheTrueOnes()
    {
        string file = _scratch.Write("trace.csv", Header + ",module0Cell0MeasuredMV,module0MeasuredCurrentUA\n"
            + "0,1.00052,0,pulse,0,-1\n0.01,1.00052,0.19773,pulse,200,385\n0.02,0,0.19801,rest,197,384\n");

        LabRecording recording = LabFileReader.Read(file, null, 0.3848);

        Assert.Equal(new[] { 0, 200, 197 }, recording.MeasuredCellVoltageMv![0]);
        Assert.Equal(new[] { -1, 385, 384 }, recording.MeasuredModuleCurrentUa![0]);
        Assert.Equal(0.19773, recording.CellVoltageV[0][1], 9);
    }

    [Fact]
    public void ATraceWithoutMeasuredColumnsHasNone()
    {
        string file = _scratch.Write("trace.csv", Header + "\n0,1.00052,0,pulse\n0.01,1.00052,0.19773,pulse\n");

        LabRecording recording = LabFileReader.Read(file, null, 0.3848);

        Assert.Null(recording.MeasuredCellVoltageMv);
        Assert.Null(recording.MeasuredModuleCurrentUa);
    }

    [Fact]
    public void ATraceWithSomeMeasuredColumnsIsRefusedNamingTheOneMissing()
    {
        string file = _scratch.Write("trace.csv", Header + ",module0Cell0MeasuredMV\n0,1.00052,0,pulse,0\n0.01,1.00052,0.19773,pulse,200\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));

        Assert.Contains("without 'module0MeasuredCurrentUA'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMeasuredColumnOfACellTheTraceLacksIsRefused()
    {
        string file = _scratch.Write("trace.csv", Header + ",module0Cell0MeasuredMV,module0Cell1MeasuredMV,module0MeasuredCurrentUA\n0,1,0,pulse,0,0,0\n0.01,1,0.19,pulse,190,190,385\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));

        Assert.Contains("'module0Cell1MeasuredMV' of no cell or module of the trace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMeasuredValueThatIsNoWholeNumberIsRefusedWithItsLineAndColumn()
    {
        string file = _scratch.Write("trace.csv", Header + ",module0Cell0MeasuredMV,module0MeasuredCurrentUA\n0,1.00052,0,pulse,0,0\n0.01,1.00052,0.19773,pulse,197.5,385\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 0.3848));

        Assert.Contains("line 3: '197.5' in column 'module0Cell0MeasuredMV' is not a whole number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayRefusesAPartialSetWithExitTwoAndWritesNothing()
    {
        string file = _scratch.Write("trace.csv", Header + ",module0MeasuredCurrentUA\n0,1.00052,0,pulse,0\n0.01,1.00052,0.19773,pulse,385\n");
        string outDir = _scratch.Path2("out");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "replay", file, "--out", outDir }, new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Contains("without 'module0Cell0MeasuredMV'", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
