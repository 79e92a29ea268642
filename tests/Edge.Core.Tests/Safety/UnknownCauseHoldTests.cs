using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A module restored without a cause (its stored line did not read: <c>unknown</c> in the record, firmware README "Latched
/// faults survive a reset") that a known fault latches afterwards takes that fault as its cause, as a module held only for a
/// missed tick does (<see cref="TickMissedHoldTests"/>): the firmware stores the latched set by
/// <see cref="DiagnosisManager.LatchCause"/> when <see cref="DiagnosisManager.LatchRevision"/> moves, so the known cause
/// replaces <c>unknown</c> in the record and telemetry/modules names it. A missed tick, which is not stored, does not.
/// </summary>
public class UnknownCauseHoldTests
{
    private readonly PackLayout _layout = new PackLayout(2, 1, 1);
    private readonly EdgeController _controller;
    private long _tickIndex;

    public UnknownCauseHoldTests()
    {
        _controller = new EdgeController(_layout, new ControllerConfiguration { StartImmediately = false });
    }

    /// <summary>One 10 ms tick (after <paramref name="gapPeriods"/> periods without one): cell 1 at <paramref name="cell1Mv"/>.</summary>
    private void Tick(int cell1Mv = 200, int gapPeriods = 0)
    {
        _tickIndex += gapPeriods;
        var frame = new SampleFrame(_layout);
        frame.TickIndex = _tickIndex;
        frame.TimestampMs = _tickIndex * 10;
        _tickIndex++;
        for (int c = 0; c < frame.CellVoltageMv.Length; c++)
        {
            frame.CellVoltageMv[c] = c == 1 ? cell1Mv : 200;
            frame.CellVoltageStatus[c] = ChannelStatus.Valid;
        }

        for (int m = 0; m < _layout.ModuleCount; m++)
        {
            frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
        }

        frame.TemperatureDeciCelsius[0] = 250;
        frame.TemperatureStatus[0] = ChannelStatus.Valid;
        _controller.Tick(frame, new ActionFrame(_layout));
    }

    [Fact]
    public void ACellOvervoltageOnAModuleRestoredWithoutACauseBecomesItsCause()
    {
        _controller.RestoreLatchedFault(1);
        Tick();
        DiagnosisManager diagnosis = _controller.Diagnosis;
        Assert.Equal(ModuleState.Hold, _controller.Module(1).State);
        Assert.False(diagnosis.IsLatchCauseKnown(1));
        int revision = diagnosis.LatchRevision;

        // Cell 1 at 3600 mV, over the 3300 mV limit, past the row's debounce of 2 readings.
        for (int i = 0; i < 10; i++)
        {
            Tick(cell1Mv: 3600);
        }

        Assert.True(diagnosis.IsLatchCauseKnown(1), "module 1 still latched for an unknown cause");
        Assert.Equal(DiagnosisId.CellOvervoltage, diagnosis.LatchCause(1));
        Assert.False(diagnosis.IsLatchRestored(1));
        Assert.True(diagnosis.LatchRevision > revision, "the cause changed, but the revision did not move: nothing is stored");

        var states = new ModuleState[2];
        var reasons = new StopReason[2];
        var diagnoses = new int[2];
        var cells = new int[2];
        Assert.True(_controller.ModuleStates.TryCopyTo(states, reasons, diagnoses, cells));
        Assert.Equal((int)DiagnosisId.CellOvervoltage, diagnoses[1]);

        // The restored latch named no cell; the cause that replaced it does: pack cell 1, module 1's only cell.
        Assert.Equal(1, cells[1]);
    }

    [Fact]
    public void AMissedTickDoesNotReplaceAnUnknownCause()
    {
        // tickMissed is not stored: taken as the cause, it would drop the module from the record and a reset would release it.
        _controller.RestoreLatchedFault(1);
        for (int i = 0; i < 20; i++)
        {
            Tick();
        }

        int revision = _controller.Diagnosis.LatchRevision;
        Tick(gapPeriods: 15);
        Assert.Equal(DiagnosisId.TickMissed, _controller.Diagnosis.LatchCause(0));
        Assert.False(_controller.Diagnosis.IsLatchCauseKnown(1));
        Assert.True(_controller.Diagnosis.IsLatchRestored(1));

        // Only module 0's latch moved the revision.
        Assert.Equal(revision + 1, _controller.Diagnosis.LatchRevision);
    }
}
