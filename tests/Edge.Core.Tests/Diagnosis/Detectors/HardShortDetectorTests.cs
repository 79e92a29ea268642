using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Hard short ([W]: plating short, "voltage to near 0 V"): the switch opens in the tick whose sample
/// shows it, the fault latches until an explicit reset, other modules keep running.
/// </summary>
public class HardShortDetectorTests
{
    // Default protocol: 1 s pulses at 385 uA, 5 s rests; the second pulse runs from 6.00 s to 7.00 s.
    private const long ShortStartMs = 6500;
    private const long ShortEndMs = 8000;
    private const int ShortedCell = 1;

    private static double ShortedThenRecovered(CellView cell)
    {
        if (cell.Cell == ShortedCell && cell.NowMs >= ShortStartMs && cell.NowMs < ShortEndMs)
        {
            return 2.0; // 0-3 mV through a metallic filament.
        }

        return SyntheticCells.Healthy(cell);
    }

    [Theory]
    [InlineData(ControlMode.Act)]
    [InlineData(ControlMode.Observe)]
    public void HardShortOpensTheSwitchInTheSameTickAndLatchesUntilReset(ControlMode mode)
    {
        var layout = new PackLayout(2, 2, 0);
        var pack = new SyntheticPack(layout, new ControllerConfiguration { Mode = mode }, ShortedThenRecovered);

        pack.RunUntil(ShortStartMs - 10);
        Assert.True(pack.Actions.SwitchClosed[0], "module 0 is in its second pulse before the short");
        Assert.True(pack.Actions.SwitchClosed[1]);

        // The very tick whose sample shows 2 mV under 385 uA.
        int recordsBefore = pack.Records.Count;
        var actions = pack.Step();
        Assert.Equal(ShortStartMs, pack.NowMs);
        Assert.False(actions.SwitchClosed[0]);
        Assert.Equal(0, actions.CurrentSetpointUa[0]);
        Assert.True(actions.SwitchClosed[1], "the healthy module keeps its pulse");
        var hardShort = Assert.Single(pack.Records.Skip(recordsBefore), r => r.Kind == TelemetryRecordKind.Event && r.EventKind == EventKind.HardShort);
        Assert.Equal(0, hardShort.Module);
        Assert.Equal(ShortedCell, hardShort.Cell);
        Assert.Equal(Severity.Fault, hardShort.Severity);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));

        // Latched: open for every later tick although the cell recovers at 8 s; module 1 keeps cycling.
        int module1Pulses = 0;
        bool module1Previous = true;
        while (pack.NowMs < 30000)
        {
            pack.Step();
            Assert.False(pack.Actions.SwitchClosed[0]);
            Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
            if (pack.Actions.SwitchClosed[1] && !module1Previous)
            {
                module1Pulses++;
            }

            module1Previous = pack.Actions.SwitchClosed[1];
        }

        // Module 1 starts pulses at 12, 18, 24 and 30 s (the loop's last tick is at 30 s).
        Assert.Equal(4, module1Pulses);
        Assert.Single(pack.Events(EventKind.HardShort));

        // Neither a start nor a stop command clears the latch.
        pack.Controller.RequestStart(0);
        pack.Step();
        pack.Controller.RequestStop(0);
        pack.Step();
        pack.Controller.RequestStart(-1);
        pack.Step();
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));

        // Only a reset clears it; the module then waits in Idle.
        pack.Controller.RequestFaultReset(0);
        pack.Step();
        Assert.Equal(ModuleState.Idle, pack.Controller.Module(0).State);
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Single(pack.Events(EventKind.FaultReset));
        long idleUntil = pack.NowMs + 10000;
        while (pack.NowMs < idleUntil)
        {
            pack.Step();
            Assert.False(pack.Actions.SwitchClosed[0]);
            Assert.Equal(ModuleState.Idle, pack.Controller.Module(0).State);
        }

        pack.Controller.RequestStart(0);
        pack.Step();
        Assert.True(pack.Actions.SwitchClosed[0]);
        Assert.Equal(385, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(ModuleState.Pulse, pack.Controller.Module(0).State);
    }

    [Fact]
    public void LowVoltageAtRestIsNotAShort()
    {
        // A symmetric cell sits near 0 mV at open circuit: without current nothing may trip.
        var layout = new PackLayout(1, 2, 0);
        var pack = new SyntheticPack(layout, new ControllerConfiguration(), c => c.InPulse ? SyntheticCells.Healthy(c) : 1.0);
        pack.RunUntil(60000);
        Assert.Empty(pack.Events(EventKind.HardShort));
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Equal(10, pack.Controller.Module(0).PulseCount);
    }

    [Fact]
    public void ShortThatPersistsIsCaughtAgainOnTheFirstPulseAfterRestart()
    {
        var layout = new PackLayout(1, 1, 0);
        var pack = new SyntheticPack(layout, new ControllerConfiguration(), c => c.InPulse && c.NowMs >= 6000 ? 0.0 : SyntheticCells.Healthy(c));
        pack.RunUntil(7000);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        pack.Controller.RequestFaultReset(0);
        pack.Step();
        pack.Controller.RequestStart(0);
        pack.Step();
        long startedMs = pack.NowMs;

        // The held pulse ended about 1 s ago: the restart rests the protocol's 5 s first, then closes the switch.
        while (!pack.Actions.SwitchClosed[0] && pack.NowMs < startedMs + 6000)
        {
            pack.Step();
        }

        Assert.True(pack.Actions.SwitchClosed[0], "a restart closes the switch after its rest");
        Assert.InRange(pack.NowMs - startedMs, 5000, 5010);
        pack.Step();
        Assert.False(pack.Actions.SwitchClosed[0], "the first sample under current shows the short again");
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(2, pack.Events(EventKind.HardShort).Count());
    }

    [Fact]
    public void AMetallicShortWhoseEdgeReadsExactlyZeroIsAShuntEdge()
    {
        // A K cell on K-beta''-alumina ([S]: 21 ohm cm2) at 1 mA/cm2 (385 uA on 0.3848 cm2) shows 21 mV, below the
        // 25 mV the voltage test needs, so a short there is found at a pulse edge: V proportional to I through a
        // metallic path, the edge's resistance collapsed below 10 % of the cell's baseline (55 ohm). From 30.97 s,
        // late in the pulse of 30-31 s (after its last 16-reading window, 30.81-30.96 s, which a short found earlier
        // would already have shown), the cell reads 0 mV under current and at rest alike: the pulse's closing edge
        // at 31 s steps by 0 mV, an edge of 0 ohm, the most collapsed there is. It must isolate the module in that
        // tick, latched, with the event (the safety rule for every fault path).
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        configuration.HardShort.NominalResistanceOhmCm2 = 21;
        configuration.Protocol.Steps = new[]
        {
            new Edge.Core.Configuration.Protocol.ProtocolStep(Edge.Core.Configuration.Protocol.ProtocolStepKind.Strip, 385, 1000),
            new Edge.Core.Configuration.Protocol.ProtocolStep(Edge.Core.Configuration.Protocol.ProtocolStepKind.Rest, 0, 2000),
        };
        var pack = new SyntheticPack(new PackLayout(1, 1, 0), configuration, c =>
            c.NowMs >= 30970 ? 0.0 : (c.InPulse ? 21.0 * c.CurrentUa / 385.0 : 0.0));

        pack.RunUntil(31000);
        Assert.Empty(pack.Events(EventKind.HardShort));

        pack.RunUntil(31010);
        RecordCopy shortEvent = Assert.Single(pack.Events(EventKind.HardShort));
        Assert.Equal(DiagnosisId.HardShortShuntEdge, shortEvent.Diagnosis);
        Assert.InRange(shortEvent.TimestampMs, 31000, 31010);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
    }
}
