// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>Resampling to the tick: which ticks are fed around a gap, and their numbers both ways.</summary>
public class TickSeriesTests
{
    /// <summary>
    /// One cell sampled every 0.1 s from 0 to 1 s and from 2 to 3 s, 0.25 mV plus 1 mV per 0.1 s (no tick's value
    /// lies half-way between two millivolts); 0.5 mA from 2.5 s on.
    /// </summary>
    private static LabRecording WithOneGap()
    {
        double[] times = Enumerable.Range(0, 11).Select(i => i / 10.0).Concat(Enumerable.Range(20, 11).Select(i => i / 10.0)).ToArray();
        LabRecording recording = new LabRecording("test", 1, 1, times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            recording.TimeS[i] = times[i];
            recording.CellVoltageV[0][i] = (times[i] / 100.0) + 0.00025;
            recording.ModuleCurrentMA[0][i] = times[i] >= 2.5 ? 0.5 : 0;
        }

        return recording;
    }

    [Fact]
    public void AGapThresholdAtOrUnderTheMedianSampleIntervalIsRefused()
    {
        // Samples every 0.1 s: at 0.05 s every interval of the recording was listed as a gap.
        LabFileException e = Assert.Throws<LabFileException>(() => TickSeries.Create(WithOneGap(), 10, 0, 0.05));

        Assert.Contains("--gap-s 0.05", e.Message, StringComparison.Ordinal);
        Assert.Contains("median sample interval is 0.1 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGapThresholdUnderOneTickIsRefused()
    {
        // Samples every 1 ms but one interval of 6 ms (11 to 17 ms), ticks of 10 ms: no tick lies inside it, so none is
        // left out, yet at 0.004 s it was listed as a gap.
        double[] times = Enumerable.Range(0, 12).Select(i => i / 1000.0).Concat(Enumerable.Range(17, 20).Select(i => i / 1000.0)).ToArray();
        LabRecording recording = new LabRecording("test", 1, 1, times.Length);
        Array.Copy(times, recording.TimeS, times.Length);

        LabFileException e = Assert.Throws<LabFileException>(() => TickSeries.Create(recording, 10, 0, 0.004));

        Assert.Contains("--gap-s 0.004", e.Message, StringComparison.Ordinal);
        Assert.Contains("10 ms tick", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ten 3 s cycles as a cycler logs them: every 10 ms through a 1 s pulse of 0.385 mA (and at its end), every 0.5 s
    /// through the 2 s rest. Without the samples strictly between <paramref name="outageFromS"/> and
    /// <paramref name="outageToS"/>.
    /// </summary>
    private static LabRecording DenseInPulsesSparseAtRest(double outageFromS = 0, double outageToS = 0)
    {
        List<(double T, double I)> samples = new List<(double, double)>();
        for (int cycle = 0; cycle < 10; cycle++)
        {
            samples.AddRange(Enumerable.Range(0, 100).Select(i => ((cycle * 300 + i) / 100.0, 0.385)));
            samples.AddRange(new[] { 100, 150, 200, 250 }.Select(i => ((cycle * 300 + i) / 100.0, 0.0)));
        }

        samples.RemoveAll(s => s.T > outageFromS && s.T < outageToS);
        LabRecording recording = new LabRecording("test", 1, 1, samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            recording.TimeS[i] = samples[i].T;
            recording.ModuleCurrentMA[0][i] = samples[i].I;
        }

        return recording;
    }

    [Fact]
    public void RestsLoggedLessOftenThanPulsesAreNoGaps()
    {
        // The median interval is the pulses' 10 ms; each rest's 0.5 s intervals are its own kind's usual ones.
        TickSeries series = TickSeries.Create(DenseInPulsesSparseAtRest(), 10, 0);

        Assert.Empty(series.Gaps);
        Assert.Equal(0.01, series.MedianSampleIntervalS, 9);
        Assert.Equal(2950 + 1, series.Count);   // every tick from 0 to the last sample, 29.5 s
    }

    [Fact]
    public void AnOutageInARestLoggedLessOftenIsStillAGap()
    {
        // No sample from the end of the pulse at 16 s until 21 s (the next pulse lost): 5 s, ten of the rest's intervals.
        TickSeries series = TickSeries.Create(DenseInPulsesSparseAtRest(16, 21), 10, 0);

        RecordingGap gap = Assert.Single(series.Gaps);
        Assert.Equal((16.0, 21.0), (gap.StartS, gap.EndS));
    }

    [Fact]
    public void TicksStrictlyInsideAGapAreLeftOutAndTheRestAreNumberedAroundIt()
    {
        TickSeries series = TickSeries.Create(WithOneGap(), 10, 0);

        // Ticks 0..300 at 10 ms; those strictly between 1.0 s and 2.0 s (101..199, 99 of them) were not recorded.
        RecordingGap gap = Assert.Single(series.Gaps);
        Assert.Equal((1.0, 2.0), (gap.StartS, gap.EndS));
        Assert.Equal(301 - 99, series.Count);
        Assert.Equal(100, series.TickIndex(100));
        Assert.Equal(200, series.TickIndex(101));
        Assert.Equal(300, series.TickIndex(series.Count - 1));
        Assert.Equal(-1, series.IndexOfTick(101));
        Assert.Equal(-1, series.IndexOfTick(199));
        Assert.Equal(101, series.IndexOfTick(200));
        Assert.Equal(-1, series.IndexOfTick(301));
        Assert.Equal(-1, series.IndexOfTick(-1));
        for (int k = 0; k < series.Count; k++)
        {
            Assert.Equal(k, series.IndexOfTick(series.TickIndex(k)));
        }
    }

    [Fact]
    public void ValuesAreTheSamplesAroundEachTickWhicheverOrderTheyAreAskedIn()
    {
        TickSeries series = TickSeries.Create(WithOneGap(), 10, 0);

        // The voltage rises 10 mV a second (interpolated between samples; a line, so the step at 2.5 s bends nothing).
        // The current over the interval ending at a tick is the last sample's strictly before it.
        int[] expectedMv = Enumerable.Range(0, series.Count).Select(k => (int)Math.Round((series.TickIndex(k) / 10.0) + 0.25)).ToArray();
        int[] expectedUa = Enumerable.Range(0, series.Count).Select(k => series.TickIndex(k) > 250 ? 500 : 0).ToArray();
        int[] backwards = Enumerable.Range(0, series.Count).Reverse().ToArray();
        foreach (int k in backwards.Concat(Enumerable.Range(0, series.Count)))
        {
            Assert.Equal(expectedMv[k], series.CellMv(k, 0));
            Assert.Equal(expectedUa[k], series.ModuleUa(k, 0));
        }
    }

    [Fact]
    public void NoVoltageIsCarriedAlongALineAcrossAGap()
    {
        // Every 0.1 s: a rest falling from 200 to 100 mV by 1 s, nothing until 2 s, a rest sample of 5 mV there and a
        // 0.5 mA pulse from 2.1 s at 50 mV. The ticks from 2.0 to 2.1 s hold the voltage from before that step; the
        // line through 1.0 and 2.0 s (95 mV a second down) would carry it to -3.6 mV at 2.09 s, below anything recorded.
        double[] times = Enumerable.Range(0, 11).Select(i => i / 10.0).Concat(Enumerable.Range(20, 6).Select(i => i / 10.0)).ToArray();
        LabRecording recording = new LabRecording("test", 1, 1, times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            recording.TimeS[i] = times[i];
            recording.CellVoltageV[0][i] = times[i] <= 1 ? 0.2 - (times[i] / 10.0) : times[i] < 2.05 ? 0.005 : 0.05;
            recording.ModuleCurrentMA[0][i] = times[i] >= 2.05 ? 0.5 : 0;
        }

        TickSeries series = TickSeries.Create(recording, 10, 0);

        Assert.Single(series.Gaps);
        for (int k = series.IndexOfTick(200); k < series.IndexOfTick(210); k++)
        {
            Assert.Equal(5, series.CellMv(k, 0));
            Assert.Equal(5, series.SessionStartMv(k, 0));
        }
    }

    [Fact]
    public void ARecordingOfMoreTicksThanOneReplayCountsIsRefusedWithTheWayOut()
    {
        // Two samples 25 million seconds apart (no gap: the only interval is the median): 2.5 billion 10 ms ticks.
        LabRecording recording = new LabRecording("test", 1, 1, 2);
        recording.TimeS[1] = 2.5e7;

        LabFileException error = Assert.Throws<LabFileException>(() => TickSeries.Create(recording, 10, 0));

        Assert.Contains("2500000001 ticks of 10 ms", error.Message);
        Assert.Contains("--sample-period-ms", error.Message);
    }
}
