using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>
/// Plating straight into stripping with the switch closed ([S]'s cycling has no rest at that reversal): two
/// pulses, each summarised on its own, the reversal measured as one pulse edge of twice the current, and no
/// rise within a pulse. Ideal ohmic cell: 10 mV at rest, 10 mV + 389.61 ohm x I under current.
/// </summary>
public class CurrentReversalTests
{
    private const int PeriodMs = 10;
    private const int CurrentUa = 385;
    private const int RestMv = 10;
    private const int PolarisationMv = 150;   // 385 uA x 389.61 ohm

    private readonly PackLayout _layout = new PackLayout(1, 1, 0);
    private readonly PackMeasurement _measurement;
    private readonly MeasurementSnapshot _snapshot;
    private readonly SampleFrame _frame;
    private long _nowMs;

    public CurrentReversalTests()
    {
        _measurement = new PackMeasurement(_layout, new ControllerConfiguration { SamplePeriodMs = PeriodMs });
        _snapshot = new MeasurementSnapshot(_layout);
        _frame = new SampleFrame(_layout);
    }

    [Fact]
    public void PlateIntoStripIsTwoPulsesWithOneEdgeOfTwiceTheCurrent()
    {
        Run(100, closed: false, setpointUa: 0, RestMv);
        Run(100, closed: true, setpointUa: -CurrentUa, RestMv - PolarisationMv);

        // The first sample of the stripping direction.
        Step(closed: true, setpointUa: CurrentUa, RestMv + PolarisationMv);
        Assert.True(_snapshot.PulseEnded[0]);
        Assert.False(_snapshot.PhaseStarted[0]);
        Assert.Equal(-CurrentUa, _snapshot.LastPulseCurrentUa[0]);
        Assert.Equal(1000, _snapshot.LastPulseDurationMs[0]);
        Assert.Equal(-385, _snapshot.LastPulseChargeUc[0]);

        // Plating overpotential from the open-circuit level, reported positive: -(-140 - 10) mV.
        Assert.Equal(PolarisationMv, _snapshot.PulseOverpotentialMv[0]);

        // The reversal edge: (160 - (-140)) mV over a 770 uA step = 389.61 ohm.
        Assert.True(_snapshot.EdgeMeasured[0]);
        Assert.Equal(300L * 1000000 / 770, _snapshot.EdgeResistanceMilliohm[0]);

        // Within the stripping pulse the voltage is flat: wherever the shape window is ready, no rise.
        int shapeReadings = 0;
        for (int k = 1; k < 100; k++)
        {
            Step(closed: true, setpointUa: CurrentUa, RestMv + PolarisationMv);
            if (_snapshot.ShapeValid[0])
            {
                shapeReadings++;
                Assert.Equal(0, _snapshot.ShapeEarlyRiseMv[0]);
                Assert.Equal(0, _snapshot.ShapeLateRiseMv[0]);
            }
        }

        Assert.True(shapeReadings > 50);

        // The stripping pulse ends at the open switch: measured from the same rest level, its own current.
        Step(closed: false, setpointUa: 0, RestMv);
        Assert.True(_snapshot.PulseEnded[0]);
        Assert.Equal(CurrentUa, _snapshot.LastPulseCurrentUa[0]);
        Assert.Equal(1000, _snapshot.LastPulseDurationMs[0]);
        Assert.Equal(385, _snapshot.LastPulseChargeUc[0]);
        Assert.Equal(PolarisationMv, _snapshot.PulseOverpotentialMv[0]);
    }

    [Fact]
    public void ASmallerCurrentInTheSameDirectionKeepsThePulse()
    {
        // A derated setpoint is not a new pulse: only a change of direction splits it.
        Run(100, closed: false, setpointUa: 0, RestMv);
        Run(50, closed: true, setpointUa: CurrentUa, RestMv + PolarisationMv);
        Step(closed: true, setpointUa: CurrentUa / 2, RestMv + (PolarisationMv / 2));
        Assert.False(_snapshot.PulseEnded[0]);
        Assert.False(_snapshot.EdgeMeasured[0]);
        Assert.Equal(51, _snapshot.PhaseSampleCount[0]);
    }

    private void Run(int ticks, bool closed, int setpointUa, int cellMv)
    {
        for (int k = 0; k < ticks; k++)
        {
            Step(closed, setpointUa, cellMv);
        }
    }

    private void Step(bool closed, int setpointUa, int cellMv)
    {
        _frame.TimestampMs = _nowMs;
        _frame.CellVoltageMv[0] = cellMv;
        _frame.CellVoltageStatus[0] = ChannelStatus.Valid;
        _frame.ModuleCurrentUa[0] = closed ? setpointUa : 0;
        _frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
        _measurement.Update(_frame, new[] { closed }, new[] { setpointUa }, _snapshot);
        _nowMs += PeriodMs;
    }
}
