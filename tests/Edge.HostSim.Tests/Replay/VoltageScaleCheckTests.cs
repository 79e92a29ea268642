// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// The voltage scale and few-pulse current sign checks on hand-made recordings: 1 s pulses of 0.385 mA (1 mA/cm2 on
/// 0.385 cm2) and 2 s rests sampled every 0.1 s, a symmetric cell at 0 V at rest.
/// </summary>
public sealed class VoltageScaleCheckTests
{
    private const double NaK50OhmCm2 = 170;
    private static readonly (double V, string Setting) s_cutoff = (3.0, "--cutoff");

    [Theory]
    // Volts read as millivolts: 0.2 V pulses at 0.0002 V, a thousandth of the 0.17 V a healthy cell polarises.
    [InlineData(0.0002, "mV", true)]
    // The same pulses read right, and a NASICON cell at the cut-off: both a cell's.
    [InlineData(0.2, "V", false)]
    [InlineData(2.9, "V", false)]
    // A cell shorted from its first sample (1 ohm cm2 x 1 mA/cm2 = 1 mV) read in V: no larger unit makes it a healthy
    // cell's, so it replays as the short it is; read in mV, 1 uV, a thousand times that is still a short's.
    [InlineData(0.001, "V", false)]
    [InlineData(0.000001, "mV", false)]
    public void PulsesUnderAThirtiethOfTheHealthyPolarisationAreRefusedWhereALargerUnitFitsThem(double pulseV, string unit, bool refused)
    {
        LabRecording recording = Pulses(pulseV, unit, pulses: 10, shortFrom: int.MaxValue);

        string? refusal = VoltageScaleCheck.Refusal(recording, "nak50-nasicon", 1.0, NaK50OhmCm2, 5.0, s_cutoff);

        Assert.Equal(refused, refusal != null);
        if (refused)
        {
            Assert.Contains("if it is in V, give --voltage-unit V", refusal, StringComparison.Ordinal);
            Assert.Contains("read in V it is median 0.2 V", refusal, StringComparison.Ordinal);
        }
    }

    [Theory]
    // Shorted (1 mV) from the 2nd, 6th or 9th of 10 pulses: a healthy pulse before the short keeps one sample in ten
    // above the lower bound, so the recording replays and the core finds the short.
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void ACellThatShortsWithinTheRecordingIsNotRefused(int shortFrom)
    {
        LabRecording recording = Pulses(0.2, "mV", pulses: 10, shortFrom: shortFrom, shortV: 0.001);

        Assert.Null(VoltageScaleCheck.Refusal(recording, "nak50-nasicon", 1.0, NaK50OhmCm2, 5.0, s_cutoff));
    }

    [Theory]
    // A K cell's 42 mV at 2 mA/cm2 read as 42 V: past any cell's polarisation.
    [InlineData(42.0, 2.0, "above the 5 V any k-betaalumina cell polarises to; read in mV it is median 0.042 V")]
    // Its 4.2 mV at 0.2 mA/cm2 read as 4.2 V: past the cut-off and over 31 times the 4.2 mV expected.
    [InlineData(4.2, 0.2, "above the 3 V cut-off (--cutoff) and over 31 times the 0.0042 V")]
    public void MillivoltsReadAsVoltsAreRefused(double pulseV, double currentDensity, string problem)
    {
        LabRecording recording = Pulses(pulseV, "V", pulses: 10, shortFrom: int.MaxValue);

        string? refusal = VoltageScaleCheck.Refusal(recording, "k-betaalumina", currentDensity, 21, 5.0, s_cutoff);

        Assert.NotNull(refusal);
        Assert.Contains(problem, refusal, StringComparison.Ordinal);
        Assert.Contains("if it is in mV, give --voltage-unit mV", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ANaK65CellAtItsCutOffIsNotRefused()
    {
        // NaK65 reaches 3 V at 0.05 mA/cm2 at once ([W]): 2.9 V is 341 times its 8.5 mV healthy polarisation, under the cut-off.
        LabRecording recording = Pulses(2.9, "V", pulses: 10, shortFrom: int.MaxValue);

        Assert.Null(VoltageScaleCheck.Refusal(recording, "nak65-nasicon", 0.05, NaK50OhmCm2, 5.0, s_cutoff));
    }

    [Fact]
    public void ARecordingWhoseFormatFixesItsUnitsIsNotJudged()
    {
        LabRecording recording = Pulses(0.0002, "mV", pulses: 10, shortFrom: int.MaxValue, reading: false);

        Assert.Null(VoltageScaleCheck.Refusal(recording, "nak50-nasicon", 1.0, NaK50OhmCm2, 5.0, s_cutoff));
    }

    [Theory]
    // One or two pulse starts, each a 0.2 V jump down under a positive current: reversed.
    [InlineData(1, -0.2, true)]
    [InlineData(2, -0.2, true)]
    // A jump under the core's 5 mV hard-short ceiling (a shorted or noisy cell) is not judged on so few starts.
    [InlineData(2, -0.002, false)]
    // Jumps with the current: a stripping cell.
    [InlineData(2, 0.2, false)]
    public void FewerThanThreePulseStartsAreJudgedOnClearJumps(int starts, double jumpV, bool reversed)
    {
        // The first pulse at the first sample has no sample before it, so pulses + 1 pulses give that many starts.
        LabRecording recording = Pulses(jumpV, "V", pulses: starts + 1, shortFrom: int.MaxValue);

        (int Against, int Pulses, int ClearAgainst) check = CurrentSign.Check(recording);

        Assert.Equal(starts, check.Pulses);
        Assert.Equal(reversed, CurrentSign.LooksReversed(check));
    }

    /// <summary>
    /// 1 s pulses of 0.385 mA and 2 s rests every 0.1 s, starting with a pulse, at <paramref name="pulseV"/> under current
    /// and 0 V at rest (in V, as read); from pulse <paramref name="shortFrom"/> on the pulses read <paramref name="shortV"/>.
    /// </summary>
    private static LabRecording Pulses(double pulseV, string unit, int pulses, int shortFrom, double shortV = 0, bool reading = true)
    {
        int samples = pulses * 30;
        LabRecording recording = new LabRecording("csv", 1, 1, samples)
        {
            VoltageReading = reading ? new ColumnReading("voltage", unit, unit == "mV" ? 0.001 : 1, ColumnUnitSource.Option) : null,
        };
        for (int k = 0; k < samples; k++)
        {
            bool pulse = k % 30 < 10;
            recording.TimeS[k] = k * 0.1;
            recording.ModuleCurrentMA[0][k] = pulse ? 0.385 : 0;
            recording.CellVoltageV[0][k] = !pulse ? 0 : k / 30 >= shortFrom ? shortV : pulseV;
        }

        return recording;
    }
}
