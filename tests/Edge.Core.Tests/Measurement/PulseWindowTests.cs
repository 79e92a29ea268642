using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>
/// The pulse window: every 16 readings under current, each cell's mean over them, in 0.01 mV, when every cell of the
/// module read valid on each. Two cells; cell 0 reads its sample number in the pulse (1, 2, 3, ... mV), cell 1 -20 mV.
/// </summary>
public class PulseWindowTests
{
    private const int PeriodMs = 10;

    private readonly PackLayout _layout = new PackLayout(1, 2, 0);
    private readonly PackMeasurement _measurement;
    private readonly MeasurementSnapshot _snapshot;
    private readonly SampleFrame _frame;
    private long _nowMs;

    public PulseWindowTests()
    {
        _measurement = new PackMeasurement(_layout, new ControllerConfiguration { SamplePeriodMs = PeriodMs });
        _snapshot = new MeasurementSnapshot(_layout);
        _frame = new SampleFrame(_layout);
    }

    [Fact]
    public void EverySixteenReadingsUnderCurrentGiveEachCellsMean()
    {
        for (int k = 0; k < 50; k++)
        {
            Step(closed: false, 0, ChannelStatus.Valid);
            Assert.False(_snapshot.PulseWindowReady[0], "no window at rest");
        }

        var ready = new List<int>();
        for (int sample = 1; sample <= 100; sample++)
        {
            Step(closed: true, sample, ChannelStatus.Valid);
            if (_snapshot.PulseWindowReady[0])
            {
                ready.Add(sample);

                // Readings sample - 15 .. sample: their mean is sample - 7.5 mV.
                Assert.Equal((sample * 100) - 750, _snapshot.PulseWindowMeanCentiMv[0]);
                Assert.Equal(-2000, _snapshot.PulseWindowMeanCentiMv[1]);
            }
        }

        Assert.Equal(new[] { 16, 32, 48, 64, 80, 96 }, ready);

        // The next pulse counts its windows afresh.
        Step(closed: false, 0, ChannelStatus.Valid);
        ready.Clear();
        for (int sample = 1; sample <= 20; sample++)
        {
            Step(closed: true, sample, ChannelStatus.Valid);
            if (_snapshot.PulseWindowReady[0])
            {
                ready.Add(sample);
            }
        }

        Assert.Equal(new[] { 16 }, ready);
    }

    [Fact]
    public void AWindowHoldingAnInvalidReadingIsNoWindow()
    {
        // Cell 1 does not read on sample 20: the window of 17-32 would average the value it was held at.
        Step(closed: false, 0, ChannelStatus.Valid);
        var ready = new List<int>();
        for (int sample = 1; sample <= 64; sample++)
        {
            Step(closed: true, sample, sample == 20 ? ChannelStatus.Missing : ChannelStatus.Valid);
            if (_snapshot.PulseWindowReady[0])
            {
                ready.Add(sample);
            }
        }

        Assert.Equal(new[] { 16, 48, 64 }, ready);
    }

    /// <summary>
    /// A strip step without end counts its samples for as long as it runs: 2^31 of them is 248 days at 10 ms, 49.7 days
    /// at the shortest period a board may have (2 ms). Windows go on ending every 16 readings past that count, as do
    /// the ones a reading left out (the window after it still waits its 16 readings): held at int.MaxValue, the count
    /// ended no window again, and a hard short only a window can tell (a K cell's few mV) went unseen for the rest of the
    /// step. The count is set to the state 2^31 - 41 samples into the pulse.
    /// </summary>
    [Fact]
    public void WindowsGoOnEndingEverySixteenReadingsPastTwoToTheThirtyFirstSamples()
    {
        Step(closed: false, 0, ChannelStatus.Valid);
        for (int sample = 1; sample <= 20; sample++)
        {
            Step(closed: true, sample, ChannelStatus.Valid);
        }

        _snapshot.PhaseSampleCount[0] = int.MaxValue - 40;

        // From here the count a long would hold is 2^31 - 41 + k at the k-th step: a window ends where it is a multiple
        // of 16 (2^31 is one), at k = 9, 25, 41, ...; cell 1 does not read at k = 35, six samples before the count's
        // int.MaxValue, so the window of k = 41 holds it and is none.
        var ready = new List<int>();
        for (int k = 1; k <= 100; k++)
        {
            int sample = 20 + k;
            Step(closed: true, sample, k == 35 ? ChannelStatus.Missing : ChannelStatus.Valid);
            if (_snapshot.PulseWindowReady[0])
            {
                ready.Add(k);
                Assert.Equal((sample * 100) - 750, _snapshot.PulseWindowMeanCentiMv[0]);
            }
        }

        Assert.Equal(new[] { 9, 25, 57, 73, 89 }, ready);
        Assert.True(_snapshot.PhaseSampleCount[0] > 32, "the pulse read as one of few samples");
    }

    private void Step(bool closed, int cell0Mv, ChannelStatus cell1Status)
    {
        _frame.TimestampMs = _nowMs;
        _frame.CellVoltageMv[0] = cell0Mv;
        _frame.CellVoltageStatus[0] = ChannelStatus.Valid;
        _frame.CellVoltageMv[1] = -20;
        _frame.CellVoltageStatus[1] = cell1Status;
        _frame.ModuleCurrentUa[0] = closed ? 385 : 0;
        _frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
        _measurement.Update(_frame, new[] { closed }, new[] { closed ? 385 : 0 }, _snapshot);
        _nowMs += PeriodMs;
    }
}
