using System.Text;
using System.Text.Json;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Tests.Safety;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The retained edge/&lt;id&gt;/telemetry/modules message (CONTRACT.md): every module's state, stop reason, latching
/// diagnosis and the net charge it stripped since it started, on every connection and whenever a module enters or leaves idle, hold or done or its stop reason or
/// latch changes; not at every step between pulse and rest.
/// </summary>
public class RetainedModuleStatesTests
{
    private const string Topic = "edge/pack-7/telemetry/modules";

    [Fact]
    public void AHoldIsRetainedWithItsCauseAndTheDutyCycleIsNot()
    {
        var rig = new OneModuleRig(1, 1, new ControllerConfiguration());
        var connection = new RecordingBrokerConnection(new TopicSet("pack-7"));
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
        var session = new DeviceSession(new TopicSet("pack-7"), "b1", new SessionSettings(), connection, outbox, rig.Controller,
            new CommandHandler(rig.Controller, null), new TelemetryPublisher(outbox, "b1"));
        Assert.Equal(SessionStep.Opened, session.Service(0));
        session.Service(0);
        Assert.Equal("{\"v\":1,\"bootId\":\"b1\",\"state\":[\"idle\"],\"stopReason\":[\"none\"],\"diagnosis\":[null],\"cell\":[-1],\"totalChargeUc\":[0]}", connection.Retained(Topic));

        // Auto-start: the module runs its default 1 s pulses with rests. 20 s are several pulses and rests, but one change
        // for this message (idle to running).
        int pulseRestSwitches = 0;
        long chargeNc = 0;
        ModuleState previous = rig.Controller.Module(0).State;
        for (int i = 0; i < 2000; i++)
        {
            chargeNc += Step(rig);
            session.Service(rig.Tick * 10);
            ModuleState now = rig.Controller.Module(0).State;
            pulseRestSwitches += now != previous ? 1 : 0;
            previous = now;
        }

        Assert.True(pulseRestSwitches >= 4, "the module alternated pulse and rest " + pulseRestSwitches + " times");
        Assert.Equal(2, connection.CountOn(Topic));

        // A hard short latched (restored here: the same latch with its cause): held, the family and the diagnosis retained;
        // no cell, which the stored record does not name.
        rig.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
        chargeNc += Step(rig);
        session.Service(rig.Tick * 10);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);

        // The charge: every tick's current as the frames carried it, over 10 ms (uA x ms = nC), in uC.
        Assert.True(chargeNc > 0);
        Assert.Equal("{\"v\":1,\"bootId\":\"b1\",\"state\":[\"hold\"],\"stopReason\":[\"hardShort\"],\"diagnosis\":[\"hardShort\"],\"cell\":[-1],\"totalChargeUc\":[" + (chargeNc / 1000) + "]}", connection.Retained(Topic));

        // A fault reset releases it: the retained message no longer names a cause.
        rig.Controller.RequestFaultReset(0);
        Step(rig);
        session.Service(rig.Tick * 10);
        Assert.Contains("\"state\":[\"idle\"]", connection.Retained(Topic), StringComparison.Ordinal);
        Assert.Contains("\"diagnosis\":[null]", connection.Retained(Topic), StringComparison.Ordinal);
    }

    /// <summary>
    /// A boot whose board or settings failed runs no control loop but still comes online (to report why): the config and
    /// module states the boot before left retained would pass for its own, so its connection clears them.
    /// </summary>
    [Fact]
    public void ABootWithoutAControlLoopClearsTheConfigAndModuleStatesAnEarlierBootLeft()
    {
        var connection = new RecordingBrokerConnection(new TopicSet("pack-7"));
        var rig = new OneModuleRig(1, 1, new ControllerConfiguration());
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
        var running = new DeviceSession(new TopicSet("pack-7"), "b1", new SessionSettings(), connection, outbox, rig.Controller,
            new CommandHandler(rig.Controller, null), new TelemetryPublisher(outbox, "b1"));
        Assert.Equal(SessionStep.Opened, running.Service(0));
        running.Service(0);
        Assert.Contains("\"bootId\":\"b1\"", connection.Retained(Topic), StringComparison.Ordinal);
        Assert.Contains("\"bootId\":\"b1\"", connection.Retained("edge/pack-7/config"), StringComparison.Ordinal);

        var failed = new DeviceSession(new TopicSet("pack-7"), "b2", new SessionSettings(), connection,
            new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1)), null, null, null);
        Assert.Equal(SessionStep.Opened, failed.Service(0));
        failed.Service(0);
        Assert.Contains("\"online\"", connection.Retained("edge/pack-7/status"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, connection.Retained(Topic));
        Assert.Equal(string.Empty, connection.Retained("edge/pack-7/config"));
    }

    /// <summary>
    /// Within a tick the diagnosis latches a module before its duty cycle goes to hold. The session's thread read both live,
    /// so a message made in between showed a running module with a latched diagnosis (seen on a broker: "state":["pulse",
    /// "pulse"], "diagnosis":[null,"softShortConfirmed"], then 0.3 ms later the hold). The contract: a diagnosis only while
    /// latched, with the module held. Here the tick's first write is made (the latch, as the diagnosis manager makes it)
    /// and the second not yet: the message still shows the last completed tick, and the hold comes with the next one.
    /// </summary>
    [Fact]
    public void AMessageMadeBetweenTheLatchAndTheHoldShowsTheLastCompletedTick()
    {
        var rig = new OneModuleRig(1, 1, new ControllerConfiguration());
        var watch = new ModuleStatesWatch(rig.Controller);
        for (int i = 0; i < 50; i++)
        {
            Step(rig);
            watch.Refresh();
        }

        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        string running = Encode(watch);
        Assert.Contains("\"state\":[\"pulse\"],\"stopReason\":[\"none\"],\"diagnosis\":[null]", running, StringComparison.Ordinal);

        rig.Controller.Diagnosis.RestoreLatch(0, DiagnosisId.SoftShortConfirmed, true);
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);

        Assert.False(watch.Refresh());
        Assert.Equal(running, Encode(watch));

        Step(rig);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.True(watch.Refresh());
        Assert.Contains("\"state\":[\"hold\"],\"stopReason\":[\"" + ContractNames.Of(rig.Controller.Module(0).StopReason) + "\"],\"diagnosis\":[\"softShortConfirmed\"]",
            Encode(watch), StringComparison.Ordinal);
    }

    /// <summary>
    /// The same on two threads, as on the device and the bridged simulator: one ticks a module through latches (restored
    /// soft shorts), fault resets and starts; the other makes a message at every change it sees. None may show a diagnosis
    /// on a module that is not held for it (state hold, stop reason its family softShort).
    /// </summary>
    [Fact]
    public void MessagesMadeWhileAnotherThreadTicksNeverShowARunningModuleLatched()
    {
        var rig = new OneModuleRig(1, 1, new ControllerConfiguration());
        var watch = new ModuleStatesWatch(rig.Controller);
        int cycles = 0;
        bool done = false;
        var ticking = new Thread(() =>
        {
            // A second of ticks: on a busy machine the two threads may share a core for long stretches.
            var until = DateTime.UtcNow.AddSeconds(1);
            while (DateTime.UtcNow < until)
            {
                rig.Controller.RestoreLatchedFault(0, DiagnosisId.SoftShortConfirmed);
                Step(rig);
                rig.Controller.RequestFaultReset(0);
                Step(rig);
                rig.Controller.RequestStart(0);
                Step(rig);
                Step(rig);
                cycles++;
            }

            Volatile.Write(ref done, true);
        });
        ticking.Start();

        var seen = new List<string>();
        int messages = 0;
        while (!Volatile.Read(ref done))
        {
            if (!watch.Refresh())
            {
                continue;
            }

            messages++;
            using var message = JsonDocument.Parse(Encode(watch));
            JsonElement root = message.RootElement;
            if (root.GetProperty("diagnosis")[0].ValueKind != System.Text.Json.JsonValueKind.Null
                && (root.GetProperty("state")[0].GetString() != "hold" || root.GetProperty("stopReason")[0].GetString() != "softShort"))
            {
                seen.Add(root.GetRawText());
            }
        }

        ticking.Join();
        Assert.True(cycles >= 100, cycles + " cycles");
        Assert.True(messages > 0, "no message made");
        Assert.True(seen.Count == 0, seen.Count + " of " + messages + " messages showed a latch on a module not held for it, e.g. " + seen.FirstOrDefault());
    }

    private static string Encode(ModuleStatesWatch watch)
    {
        var writer = new JsonByteWriter();
        byte[] buffer = new byte[watch.MaximumBytes];
        writer.Reset(buffer, 0, buffer.Length);
        watch.Encode(writer, "b1");
        return Encoding.UTF8.GetString(buffer, 0, writer.Length);
    }

    /// <summary>One tick with plausible readings: 300 mV under current, 200 mV at rest, the setpoint's current, 25 degC.</summary>
    /// <summary>One tick over a cell at 300 mV under current, 200 mV at rest; the charge that flowed in it, nC.</summary>
    private static long Step(OneModuleRig rig)
    {
        bool closed = rig.Actions.SwitchClosed[0];
        rig.Frame.CellVoltageMv[0] = closed ? 300 : 200;
        rig.Frame.CellVoltageStatus[0] = ChannelStatus.Valid;
        rig.Frame.ModuleCurrentUa[0] = closed ? rig.Actions.CurrentSetpointUa[0] : 0;
        rig.Frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
        rig.Frame.TemperatureDeciCelsius[0] = 250;
        rig.Frame.TemperatureStatus[0] = ChannelStatus.Valid;
        rig.Run();
        return (long)rig.Frame.ModuleCurrentUa[0] * 10;
    }
}
