using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>
/// The measurement stage (PackMeasurement, PackLayout) at its edges against hand-computed values: a cell first read
/// late, a current changed within a pulse, an invalid reading on an edge tick, a layout too large to count.
/// Ideal ohmic-plus-offset cells, 10 ms ticks, default windows (slope 50 samples, baseline 8, ring 101).
/// </summary>
public class MeasurementEdgeCaseTests
{
    private const int PeriodMs = 10;

    // ---------------------------------------------------------------------------------------------------------
    // A cell channel that did not read on the first ticks after boot has no valid value yet, but
    // PushSamples writes lastValidMv (still 0) into its ring (PackMeasurement.cs:538/545). BeginPulse then averages
    // those zeros into the pre-pulse reference (lines 269-283) and into the reading-noise estimate (line 283):
    // PrePulseVoltageMv, the opening edge resistance, the first pulse's overpotential (the depletion CUSUM's and the
    // rest tuner's first-pulse rested level) and the noise figure (a plain mean over 16 pulses, then 1/16
    // exponential: blinds the spike/shape/resistance noise limits for ~100+ pulses) are all wrong.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void ReadingsFromBeforeACellFirstReadValidNeverEnterItsPrePulseReferenceOrNoise()
    {
        // Cell: 500 mV at rest, 650 mV under 385 uA. Channel Missing on ticks 0 and 1 (2 readings: below the
        // 3-reading latch, so the controller runs on), valid from tick 2. Start requested before tick 4: the
        // switch closes in tick 4's action, tick 5 is the first pulse sample; the rest had 5 samples, 3 valid.
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), new ControllerConfiguration { StartImmediately = false }, c => c.InPulse ? 650.0 : 500.0);
        pack.BeforeTick = p =>
        {
            if (p.TickCount < 2)
            {
                p.Frame.CellVoltageMv[0] = 0;
                p.Frame.CellVoltageStatus[0] = ChannelStatus.Missing;
            }
        };
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        for (int k = 0; k < 4; k++)
        {
            pack.Step();
        }

        pack.Controller.RequestStart(0);
        pack.Step(); // tick 4: switch closes
        pack.Step(); // tick 5: first sample under current, the opening edge
        Assert.True(snapshot.PhaseStarted[0]);
        Assert.Equal(ModulePhase.Current, snapshot.Phase[0]);
        Assert.True(snapshot.EdgeMeasured[0]);

        // Expected: the mean of the valid rest readings, 500 mV (HEAD: (0 + 0 + 3 x 500) / 5 = 300 mV).
        Assert.Equal(500, snapshot.PrePulseVoltageMv[0]);

        // Expected: (650 - 500) mV / 385 uA = 389.610 ohm = 389,610 milliohm (HEAD: 350 / 385 -> 909,090).
        Assert.Equal(389610, snapshot.EdgeResistanceMilliohm[0]);

        // Expected: a noiseless channel reads the minimum figure, 1 (HEAD: second differences 500, -500, 0 of the
        // placeholder step: 2 x 250,000 mV^2 x 10,000 / (6 x 3) = 277,777,777 (0.01 mV)^2, i.e. sigma = 167 mV).
        Assert.Equal(1, snapshot.NoiseVarianceCentiMv2[0]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // A current change within a pulse in the same direction (ModuleDutyCycle.OutputPulse re-applies
    // _currentPercent on every pulse tick, so a protection derate, a depletion rung or a derate lifted mid-pulse
    // changes the setpoint) keeps the pulse (by design, CurrentReversalTests), but EndPulse divides the closing
    // edge by _pulseCurrentUa, the setpoint at the pulse's start (PackMeasurement.cs:242, 366-367, 401, 405-406),
    // not by the current that was flowing when the switch opened. A halved current reads half the resistance
    // (soft-short "resistance drop" evidence with an unchanged EdgeCurrentUa, so the operating-point restart does
    // not see it); a lifted derate reads a resistance rise (depletion evidence).
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void ClosingEdgeResistanceIsJudgedAgainstTheCurrentFlowingWhenTheSwitchOpened()
    {
        // Cell: 10 mV at rest, 10 mV + 400 ohm x I under current. 400 uA for 50 ticks (170 mV), derated to 200 uA
        // for 50 ticks (90 mV), then the switch opens (10 mV).
        var rig = new Rig(1, 1);
        rig.Run(30, closed: false, setpointUa: 0, cellMv: 10);
        rig.Run(50, closed: true, setpointUa: 400, cellMv: 170);
        rig.Run(50, closed: true, setpointUa: 200, cellMv: 90);
        rig.Step(closed: false, setpointUa: 0, cellMv: 10);
        Assert.True(rig.Snapshot.PulseEnded[0]);
        Assert.True(rig.Snapshot.EdgeMeasured[0]);

        // Expected: the closing step is 200 uA -> 0, so EdgeCurrentUa = 200 (HEAD: 400).
        Assert.Equal(200, rig.Snapshot.EdgeCurrentUa[0]);

        // Expected: (90 - 10) mV / 200 uA = 400 ohm = 400,000 milliohm (HEAD: 80 mV / 400 uA = 200,000).
        Assert.Equal(400000, rig.Snapshot.EdgeResistanceMilliohm[0]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The ring keeps the last valid value for an invalid reading (PackMeasurement.cs:538), but the pulse
    // edges read the raw frame value whatever its status (EndPulse line 401, BeginPulse line 305, ReversalEdge line
    // 320). A clipped/implausible reading on the edge tick becomes an edge resistance, which the pulse summary
    // record (ModuleDutyCycle.WritePulseSummary, CellValuesB) publishes unguarded. Computed like the ring (held
    // value) the closing edge is 0 mV, i.e. 0 = "not measured", which every detector already treats as no edge.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void AnInvalidReadingOnTheEdgeTickGivesNoEdgeResistance()
    {
        var rig = new Rig(1, 1);
        rig.Run(30, closed: false, setpointUa: 0, cellMv: 10);
        rig.Run(100, closed: true, setpointUa: 400, cellMv: 170);

        // First rest sample: the channel is saturated high and its value (3100 mV, the clipped conversion) unknown.
        rig.Frame.CellVoltageMv[0] = 3100;
        rig.Frame.CellVoltageStatus[0] = ChannelStatus.Saturated;
        rig.StepAsSet(closed: false, setpointUa: 0);
        Assert.True(rig.Snapshot.PulseEnded[0]);
        Assert.False(rig.Snapshot.CellValid[0]);

        // Expected 0 (HEAD: |170 - 3100| mV / 400 uA = 7,325,000 milliohm from the clipped reading).
        Assert.Equal(0, rig.Snapshot.EdgeResistanceMilliohm[0]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // PackLayout's size guard multiplies in int (PackLayout.cs:25): 65,536 x 65,536 = 2^32 wraps to 0,
    // passes "> MaximumCellCount", and yields a layout of 65,536 modules with CellCount 0 (FirstCellOf indexes
    // past every per-cell array). Expected: refused like any pack above 256 cells.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void APackLayoutWhoseCellCountOverflowsIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackLayout(65536, 65536, 0));
    }

    [Fact]
    public void APackLayoutOverTheCellLimitNamesItsCellsAndTheLimit()
    {
        // 16 x 17 = 272 cells against PackLayout.MaximumCellCount, 256; 65,536 x 65,536 is 4,294,967,296 in full.
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new PackLayout(16, 17, 0));
        Assert.StartsWith("16 modules x 17 cells is 272 cells, more than the 256 the core supports", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new PackLayout(65536, 65536, 0));
        Assert.StartsWith("65536 modules x 65536 cells is 4294967296 cells, more than the 256", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Drives PackMeasurement directly: every module alike, current = setpoint while closed.</summary>
    private sealed class Rig
    {
        public Rig(int modules, int cellsPerModule)
        {
            Layout = new PackLayout(modules, cellsPerModule, 0);
            Measurement = new PackMeasurement(Layout, new ControllerConfiguration { SamplePeriodMs = PeriodMs });
            Snapshot = new MeasurementSnapshot(Layout);
            Frame = new SampleFrame(Layout);
        }

        public PackLayout Layout { get; }

        public PackMeasurement Measurement { get; }

        public MeasurementSnapshot Snapshot { get; }

        public SampleFrame Frame { get; }

        public long NowMs { get; private set; }

        public void Run(int ticks, bool closed, int setpointUa, int cellMv)
        {
            for (int k = 0; k < ticks; k++)
            {
                Step(closed, setpointUa, cellMv);
            }
        }

        public void Step(bool closed, int setpointUa, int cellMv)
        {
            for (int c = 0; c < Layout.CellCount; c++)
            {
                Frame.CellVoltageMv[c] = cellMv;
                Frame.CellVoltageStatus[c] = ChannelStatus.Valid;
            }

            StepAsSet(closed, setpointUa);
        }

        public void StepAsSet(bool closed, int setpointUa)
        {
            var switchClosed = new bool[Layout.ModuleCount];
            var setpoints = new int[Layout.ModuleCount];
            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                switchClosed[m] = closed;
                setpoints[m] = closed ? setpointUa : 0;
                Frame.ModuleCurrentUa[m] = closed ? setpointUa : 0;
                Frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
            }

            Frame.TimestampMs = NowMs;
            Measurement.Update(Frame, switchClosed, setpoints, Snapshot);
            NowMs += PeriodMs;
        }
    }
}
