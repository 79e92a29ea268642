using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The records a buffer keeps back: one a module for its state change and, before them, one a module and one for the
/// pack for the first fault event of a tick. A buffer of 24 for 4 modules: 4 + 5 kept, 15 for everything else.
/// </summary>
public class TelemetryBufferReserveTests
{
    private const int Modules = 4;
    private const int Capacity = 24;
    private const int Open = Capacity - Modules - (Modules + 1);

    [Fact]
    public void AFullBufferStillTakesEachModulesAndThePacksFirstFaultAndEveryStateChange()
    {
        var buffer = new TelemetryBuffer(Capacity, 1, Modules);
        FillWithWarnings(buffer, 40);
        Assert.Equal(Open, buffer.Count);

        for (int m = -1; m < Modules; m++)
        {
            buffer.AppendFault(TelemetryRecordKind.Event, 0, m, -1).Severity = Severity.Fault;
        }

        // A module's second fault in the tick has no record kept for it.
        buffer.AppendFault(TelemetryRecordKind.Event, 0, 2, -1);
        Assert.Equal(Open + Modules + 1, buffer.Count);

        for (int m = 0; m < Modules; m++)
        {
            buffer.AppendStateChange(TelemetryRecordKind.StateChanged, 0, m, -1);
        }

        Assert.Equal(Capacity, buffer.Count);
        Assert.Equal(40 - Open + 1, buffer.DroppedCount);
        for (int m = -1; m < Modules; m++)
        {
            Assert.Equal(1, CountFaults(buffer, m));
        }
    }

    [Fact]
    public void TheFaultRecordsAreKeptAgainInEveryTick()
    {
        var buffer = new TelemetryBuffer(Capacity, 1, Modules);
        for (int tick = 0; tick < 3; tick++)
        {
            buffer.Clear();
            FillWithWarnings(buffer, 40);
            buffer.AppendFault(TelemetryRecordKind.Event, tick * 10, 3, -1).Severity = Severity.Fault;
            Assert.Equal(1, CountFaults(buffer, 3));
        }
    }

    [Fact]
    public void FaultsBeyondTheOpenRecordsNeverTakeTheStateChangesRecords()
    {
        var buffer = new TelemetryBuffer(Capacity, 1, Modules);

        // Every cell of every module faulting at once: the open records fill with faults, each module's first among
        // them, so no module needs its kept record and the rest are dropped.
        for (int i = 0; i < 40; i++)
        {
            buffer.AppendFault(TelemetryRecordKind.Event, 0, i % Modules, i).Severity = Severity.Fault;
        }

        Assert.Equal(Open, buffer.Count);
        Assert.Equal(40 - Open, buffer.DroppedCount);
        for (int m = 0; m < Modules; m++)
        {
            buffer.AppendStateChange(TelemetryRecordKind.StateChanged, 0, m, -1).State = ModuleState.Hold;
        }

        Assert.Equal(Open + Modules, buffer.Count);
        for (int m = 0; m < Modules; m++)
        {
            Assert.True(CountFaults(buffer, m) >= 1, $"module {m} has no fault record");
            Assert.Equal(TelemetryRecordKind.StateChanged, buffer[Open + m].Kind);
            Assert.Equal(m, buffer[Open + m].Module);
        }
    }

    private static void FillWithWarnings(TelemetryBuffer buffer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer.Append(TelemetryRecordKind.Event, 0, i % Modules, i).Severity = Severity.Warning;
        }
    }

    private static int CountFaults(TelemetryBuffer buffer, int module)
    {
        int faults = 0;
        for (int i = 0; i < buffer.Count; i++)
        {
            faults += buffer[i].Module == module && buffer[i].Severity == Severity.Fault ? 1 : 0;
        }

        return faults;
    }
}
