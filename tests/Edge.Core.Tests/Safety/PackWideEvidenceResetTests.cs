using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A pack-wide channel (a temperature sensor that watches the whole pack) counts its readings toward a latch of every
/// module at once. A fault reset of one module forgets the latch that module had, not the readings the others are
/// still counting: a reset must not restart a count that another module's pulse waits for, nor delay their latch.
/// </summary>
public class PackWideEvidenceResetTests
{
    private readonly ITestOutputHelper _out;

    public PackWideEvidenceResetTests(ITestOutputHelper output) => _out = output;

    private sealed class Rig
    {
        public readonly EdgeController Controller;
        public readonly SampleFrame Frame;
        public readonly ActionFrame Actions;
        public readonly List<(long Tick, int Module, DiagnosisId Id)> Faults = new();
        public long Tick;

        public Rig(int modules)
        {
            var layout = new PackLayout(modules, 1, 1);
            Controller = new EdgeController(layout, new ControllerConfiguration());
            Frame = new SampleFrame(layout);
            Actions = new ActionFrame(layout);
        }

        /// <summary>One 10 ms tick with the pack's sensor lost; each cell shows 150 mV under its pulse current, 0 mV at rest.</summary>
        public void Step()
        {
            Frame.TickIndex = Tick;
            Frame.TimestampMs = Tick * 10;
            for (int m = 0; m < Actions.SwitchClosed.Length; m++)
            {
                bool closed = Actions.SwitchClosed[m];
                Frame.ModuleCurrentUa[m] = closed ? Actions.CurrentSetpointUa[m] : 0;
                Frame.CellVoltageMv[m] = closed ? 150 : 0;
            }

            Frame.TemperatureDeciCelsius[0] = 250;
            Frame.TemperatureStatus[0] = ChannelStatus.Missing;
            Controller.Tick(Frame, Actions);
            for (int i = 0; i < Controller.Telemetry.Count; i++)
            {
                TelemetryRecord r = Controller.Telemetry[i];
                if (r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Severity == Severity.Fault)
                {
                    Faults.Add((Tick, r.Module, r.Diagnosis));
                }
            }

            Tick++;
        }
    }

    // Module 0 is reset and started while the sensor is still lost: its pulse waits for the sensor's row. Module 1 is
    // reset a few ticks later. The row goes on counting the readings it already has, latches every module again ten
    // readings after module 0's reset, and module 0's switch never closes on the lost sensor.
    [Fact]
    public void ResettingAnotherModuleDoesNotRestartTheCountAWaitingPulseDependsOn()
    {
        var rig = new Rig(2);

        // Lost from the first tick: both modules latched; held past the protocol's 5 s rest so a start begins with its pulse.
        for (int i = 0; i < 600; i++) rig.Step();
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0) && rig.Controller.Diagnosis.HasLatchedFault(1));

        rig.Controller.RequestFaultReset(0);
        long resetTick = rig.Tick;
        rig.Step();
        rig.Controller.RequestStart(0);
        var closedAt = new List<long>();
        for (int i = 0; i < 20; i++)
        {
            if (i == 6) rig.Controller.RequestFaultReset(1);
            long t = rig.Tick;
            rig.Step();
            if (rig.Actions.SwitchClosed[0]) closedAt.Add(t);
        }

        _out.WriteLine("module 0 closed at ticks: " + string.Join(",", closedAt));
        _out.WriteLine("faults: " + string.Join("; ", rig.Faults.Select(f => $"{f.Tick} m{f.Module} {f.Id}")));
        Assert.Empty(closedAt);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the lost sensor did not latch module 0 again");
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(1), "the lost sensor did not latch module 1 again");

        // Ten readings from module 0's reset: the reset of module 1 did not start them over.
        var relatch = rig.Faults.Where(f => f.Tick >= resetTick && f.Id == DiagnosisId.TemperatureChannelInvalid).ToList();
        Assert.Single(relatch);
        Assert.Equal(resetTick + 9, relatch[0].Tick);
    }
}
