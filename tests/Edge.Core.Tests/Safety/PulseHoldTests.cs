using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// The limits of holding a pulse back on fault evidence: bounded when bad readings spread over channels never add up
/// to a latch (the module runs on, as before holds existed), a held pulse keeps its length and is delayed, never
/// skipped; and a setProtocol start after a stop in the same tick is carried out.
/// </summary>
public class PulseHoldTests
{
    private readonly ITestOutputHelper _out;
    public PulseHoldTests(ITestOutputHelper o) => _out = o;

    private sealed class Rig : OneModuleRig
    {
        public Rig(int cells, int temps, ControllerConfiguration cfg = null)
            : base(cells, temps, cfg ?? new ControllerConfiguration())
        {
        }

        /// <summary>One tick of cells that answer their current (200 mV at rest, 300 mV under it) with the given statuses.</summary>
        public bool Step(Func<int, ChannelStatus> cellStatus, Func<int, ChannelStatus> tempStatus = null)
        {
            bool closed = Actions.SwitchClosed[0];
            for (int c = 0; c < Layout.CellCount; c++)
            {
                Frame.CellVoltageMv[c] = closed ? 300 : 200;
                Frame.CellVoltageStatus[c] = cellStatus(c);
            }

            Frame.ModuleCurrentUa[0] = closed ? Actions.CurrentSetpointUa[0] : 0;
            Frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            for (int t = 0; t < Layout.TemperatureCount; t++)
            {
                Frame.TemperatureDeciCelsius[t] = 250;
                Frame.TemperatureStatus[t] = tempStatus == null ? ChannelStatus.Valid : tempStatus(t);
            }

            Run();
            return Actions.SwitchClosed[0];
        }
    }

    // Two cells of one module, each Missing on every other reading (in turn): neither row reaches its debounce of 3,
    // yet one of them counts evidence on every tick. A due pulse waits at most MaximumHeldTicks, then runs on the
    // valid readings as it did before holds existed; no tick shows state Pulse with the switch open for longer.
    [Fact]
    public void CellsMissingInTurnHoldAPulseOnlyForABoundedTime()
    {
        var rig = new Rig(2, 1);
        // 10 s healthy first: the module runs.
        int closedBefore = 0;
        for (int i = 0; i < 1000; i++) if (rig.Step(_ => ChannelStatus.Valid)) closedBefore++;
        int closedAfter = 0, pulseStateOpen = 0;
        for (int i = 0; i < 6000; i++)
        {
            long t = rig.Tick;
            bool closed = rig.Step(c => (t + c) % 2 == 0 ? ChannelStatus.Missing : ChannelStatus.Valid);
            if (closed) closedAfter++;
            if (!closed && rig.Controller.Module(0).State == ModuleState.Pulse) pulseStateOpen++;
        }
        var m = rig.Controller.Module(0);
        _out.WriteLine($"closed ticks healthy 10 s: {closedBefore}; next 60 s: {closedAfter}; ticks in state Pulse with switch open: {pulseStateOpen}; latched={rig.Controller.Diagnosis.HasLatchedFault(0)} state={m.State} evidence={rig.Controller.Diagnosis.HasFaultEvidence(0)} ChannelFault events={rig.Events.Count(e => e == EventKind.ChannelFault)}");
        // The healthy rate over 60 s (6 x the first 10 s), less a bounded wait per pulse.
        Assert.True(closedAfter >= 0.8 * 6 * closedBefore, "the module should pulse on after the bounded wait: " + closedAfter + " closed ticks in 60 s against " + closedBefore + " in the healthy 10 s");
        Assert.True(pulseStateOpen <= 60 * Edge.Core.Decision.ModuleDutyCycle.MaximumHeldTicks, pulseStateOpen + " ticks in state Pulse with the switch open");
    }

    // Same with two pack-wide temperature sensors missing in turn: the pack pulses on after the bounded wait.
    [Fact]
    public void PackSensorsMissingInTurnHoldThePackOnlyForABoundedTime()
    {
        var rig = new Rig(1, 2);
        int closedBefore = 0;
        for (int i = 0; i < 1000; i++) if (rig.Step(_ => ChannelStatus.Valid)) closedBefore++;
        int closedAfter = 0;
        for (int i = 0; i < 6000; i++)
        {
            long t = rig.Tick;
            if (rig.Step(_ => ChannelStatus.Valid, s => (t + s) % 2 == 0 ? ChannelStatus.Missing : ChannelStatus.Valid)) closedAfter++;
        }
        _out.WriteLine($"closed ticks in 60 s: {closedAfter}; latched={rig.Controller.Diagnosis.HasLatchedFault(0)} state={rig.Controller.Module(0).State} events={string.Join(",", rig.Events)}");
        Assert.True(closedAfter >= 0.8 * 6 * closedBefore, "the pack should pulse on after the bounded wait: " + closedAfter + " closed ticks in 60 s against " + closedBefore + " in the healthy 10 s");
    }

    // One Missing reading at a rest's end: the pulse starts one tick later and lasts as long as the clean one.
    [Fact]
    public void HeldPulseKeepsItsLength()
    {
        List<int> clean = PulseLengths(-1, out var starts);
        long glitchTick = starts[1];
        List<int> glitched = PulseLengths(glitchTick, out var gstarts);
        _out.WriteLine($"clean pulse lengths (ticks closed): {string.Join(",", clean.Take(4))}; glitched: {string.Join(",", glitched.Take(4))}; starts {string.Join(",", starts.Take(3))} vs {string.Join(",", gstarts.Take(3))}");
        Assert.Equal(clean[1], glitched[1]);
        Assert.Equal(starts[1] + 1, gstarts[1]);
    }

    private static List<int> PulseLengths(long missingAt, out List<long> starts)
    {
        var rig = new Rig(1, 1);
        var lengths = new List<int>();
        starts = new List<long>();
        int run = 0;
        for (int i = 0; i < 3000; i++)
        {
            long t = rig.Tick;
            bool closed = rig.Step(_ => t == missingAt ? ChannelStatus.Missing : ChannelStatus.Valid);
            if (closed) { if (run == 0) starts.Add(t); run++; }
            else if (run > 0) { lengths.Add(run); run = 0; }
        }
        return lengths;
    }

    // A one-sample pulse (10 ms at a 10 ms period) held by one Missing reading at its rest's end still flows, one tick
    // later, and the switch-close count matches the closes.
    [Fact]
    public void AHeldOneSamplePulseIsDelayedNotSkipped()
    {
        ControllerConfiguration Cfg()
        {
            var c = new ControllerConfiguration();
            c.Protocol.Steps = new[] { new Edge.Core.Configuration.Protocol.ProtocolStep(Edge.Core.Configuration.Protocol.ProtocolStepKind.Strip, 385, 10), new Edge.Core.Configuration.Protocol.ProtocolStep(Edge.Core.Configuration.Protocol.ProtocolStepKind.Rest, 0, 1000) };
            return c;
        }
        (int closed, long closes, List<long> starts) Run(long missingAt)
        {
            var rig = new Rig(1, 1, Cfg());
            int closed = 0; var starts = new List<long>(); bool was = false;
            for (int i = 0; i < 350; i++)
            {
                long t = rig.Tick;
                bool c = rig.Step(_ => t == missingAt ? ChannelStatus.Missing : ChannelStatus.Valid);
                if (c) closed++;
                if (c && !was) starts.Add(t);
                was = c;
            }
            return (closed, rig.Controller.Module(0).SwitchCloseCount, starts);
        }
        var clean = Run(-1);
        var glitched = Run(clean.starts[1]);
        _out.WriteLine($"clean: closed ticks {clean.closed}, SwitchCloseCount {clean.closes}, starts {string.Join(",", clean.starts)}; glitched: closed ticks {glitched.closed}, SwitchCloseCount {glitched.closes}, starts {string.Join(",", glitched.starts)}");
        Assert.Equal(clean.closed, glitched.closed);
        Assert.Equal(clean.starts[1] + 1, glitched.starts[1]);
        Assert.Equal(glitched.closed, glitched.closes);
    }

    // stop, then setProtocol with start:true, before one tick: the protocol's start comes after the stop.
    [Fact]
    public void StopThenSetProtocolWithStartStartsTheModule()
    {
        var rig = new Rig(1, 1);
        for (int i = 0; i < 200; i++) rig.Step(_ => ChannelStatus.Valid); // in a rest
        var p = rig.Controller.Configuration.Protocol.Clone();
        p.TimeLimitMs = 3600000;
        rig.Controller.RequestStop(0);
        rig.Controller.RequestProtocol(p, true);
        for (int i = 0; i < 5; i++) rig.Step(_ => ChannelStatus.Valid);
        _out.WriteLine($"state after stop then setProtocol(start): {rig.Controller.Module(0).State}");
        Assert.NotEqual(ModuleState.Done, rig.Controller.Module(0).State);
    }
}
