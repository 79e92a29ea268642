using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// A fault on every cell of a large pack at once (a lost ADC reference reads every channel out of range) writes more
/// per-cell events than one tick's buffer holds. Per-cell detail may be dropped and counted; every module's change to
/// Hold must still be reported in the tick it latched, with a fault event saying why (every cell's warning and derate
/// come before its fault), or an operator never sees the module isolated or its cause, and so must every other change
/// of a module's state (a stop after the burst), or a dashboard never learns the module stopped.
/// </summary>
public class TelemetryBurstTests
{
    private const int Modules = 16;
    private const int CellsPerModule = 16;

    [Fact]
    public void EveryModuleReportsHoldAndItsFaultInTheTickItLatchesWhenEveryCellFaultsAtOnce()
    {
        var layout = new PackLayout(Modules, CellsPerModule, 1);
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.CellVoltagePeriodMs = 0;
        configuration.Telemetry.RecordsPerTick = (Modules * 4) + 8; // the smallest the validator accepts
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var holdReported = new bool[Modules];
        var faultReported = new bool[Modules];
        var latchedAtTick = new long[Modules];
        int dropped = 0;

        for (long tick = 0; tick < 12; tick++)
        {
            // Healthy for a few ticks, then every cell reads far above the maximum safety limit.
            int cellMv = tick < 5 ? 100 : 3400;
            FillFrame(frame, actions, cellMv, tick);
            var latchedBefore = new bool[Modules];
            for (int m = 0; m < Modules; m++) latchedBefore[m] = controller.Diagnosis.HasLatchedFault(m);

            controller.Tick(frame, actions);

            TelemetryBuffer telemetry = controller.Telemetry;
            var holdThisTick = new bool[Modules];
            var faultThisTick = new bool[Modules];
            for (int i = 0; i < telemetry.Count; i++)
            {
                TelemetryRecord record = telemetry[i];
                if (record.Kind == TelemetryRecordKind.StateChanged && record.State == ModuleState.Hold)
                {
                    holdThisTick[record.Module] = true;
                }

                if (record.Kind == TelemetryRecordKind.Event && record.Severity == Severity.Fault && record.HasDiagnosis
                    && record.Diagnosis == DiagnosisId.CellOvervoltage && record.EventKind == EventKind.Overvoltage)
                {
                    faultThisTick[record.Module] = true;
                }

                if (record.Kind == TelemetryRecordKind.Event && record.EventKind == EventKind.TelemetryOverflow)
                {
                    dropped += (int)record.Value;
                }
            }

            for (int m = 0; m < Modules; m++)
            {
                if (!latchedBefore[m] && controller.Diagnosis.HasLatchedFault(m))
                {
                    latchedAtTick[m] = tick;
                    holdReported[m] = holdThisTick[m];
                    faultReported[m] = faultThisTick[m];
                }
            }
        }

        for (int m = 0; m < Modules; m++)
        {
            Assert.True(controller.Diagnosis.HasLatchedFault(m), $"module {m} never latched");
            Assert.Equal(ModuleState.Hold, controller.Module(m).State);
            Assert.True(holdReported[m], $"module {m} latched at tick {latchedAtTick[m]} without a reported change to Hold");
            Assert.True(faultReported[m], $"module {m} latched at tick {latchedAtTick[m]} without an overvoltage fault event");
        }

        Assert.True(dropped > 0, "the per-cell events beyond the buffer were not counted as dropped");
    }

    [Fact]
    public void EveryModuleReportsItsStopInTheTickItStopsWhenEveryCellWarnsAtOnce()
    {
        // Every cell crosses the overvoltage warning level (2970 mV) in the same tick as the strip cut-off (3000 mV): the
        // 256 warning events come from the diagnosis before the modules decide, and each module then stops (to Done).
        var layout = new PackLayout(Modules, CellsPerModule, 1);
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.CellVoltagePeriodMs = 0;
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        int changes = 0;
        int done = 0;
        int dropped = 0;

        for (long tick = 0; tick < 30; tick++)
        {
            // Within every limit while the pulses run, then one reading above the warning level, then the cut-off.
            int cellMv = tick < 10 ? 2900 : tick == 10 ? 2980 : 3010;
            FillFrame(frame, actions, cellMv, tick);
            var before = new ModuleState[Modules];
            for (int m = 0; m < Modules; m++) before[m] = controller.Module(m).State;

            controller.Tick(frame, actions);

            TelemetryBuffer telemetry = controller.Telemetry;
            for (int m = 0; m < Modules; m++)
            {
                ModuleState after = controller.Module(m).State;
                if (after == before[m])
                {
                    continue;
                }

                changes++;
                done += after == ModuleState.Done ? 1 : 0;
                bool reported = false;
                for (int i = 0; i < telemetry.Count; i++)
                {
                    TelemetryRecord record = telemetry[i];
                    reported |= record.Kind == TelemetryRecordKind.StateChanged && record.Module == m && record.State == after;
                }

                Assert.True(reported, $"module {m} went from {before[m]} to {after} at tick {tick} without a reported state change");
            }

            for (int i = 0; i < telemetry.Count; i++)
            {
                if (telemetry[i].Kind == TelemetryRecordKind.Event && telemetry[i].EventKind == EventKind.TelemetryOverflow)
                {
                    dropped += (int)telemetry[i].Value;
                }
            }
        }

        Assert.Equal(Modules, done);
        Assert.True(changes >= 2 * Modules, $"{changes} state changes: every module should have started and stopped");
        Assert.True(dropped > 0, "the per-cell events beyond the buffer were not counted as dropped");
    }

    /// <summary>Every cell at <paramref name="cellMv"/>, each module carrying what the last tick commanded, 25 degC.</summary>
    private static void FillFrame(SampleFrame frame, ActionFrame actions, int cellMv, long tick)
    {
        for (int c = 0; c < frame.CellVoltageMv.Length; c++)
        {
            frame.CellVoltageMv[c] = cellMv;
            frame.CellVoltageStatus[c] = ChannelStatus.Valid;
        }

        for (int m = 0; m < frame.ModuleCurrentUa.Length; m++)
        {
            frame.ModuleCurrentUa[m] = actions.SwitchClosed[m] ? actions.CurrentSetpointUa[m] : 0;
            frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
        }

        frame.TemperatureDeciCelsius[0] = 250;
        frame.TemperatureStatus[0] = ChannelStatus.Valid;
        frame.TickIndex = tick;
        frame.TimestampMs = tick * 10;
    }
}
