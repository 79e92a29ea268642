using System.Text;
using System.Text.Json;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// The device-side command path when commands come close together: a second change before the tick, a burst larger
/// than the inbox, a change after a start. Each fact states what the contract (Telemetry/CONTRACT.md, "Commands") and
/// the product rules require.
/// </summary>
public class CommandOrderingTests
{
    // ---------------------------------------------------------------------------------------------------------
    // Two setProtocol commands handled before one tick: the second is built from the APPLIED
    //    protocol, not from the one already accepted and pending, and replaces it wholesale. The first command's
    //    accepted change is lost, although it got ok:true. Here the lost change is a tightening of the cells'
    //    plating limit (critical current lowered to 100 uA); the second command then plates at 150 uA, above the
    //    limit the operator set, and is accepted because it was validated against the old 154 uA.
    //
    //    Correct: "Fields not given keep their current values" and "nothing is lost": the second command must be
    //    validated against (and merged into) the protocol the first one left pending, so the plate step at 150 uA
    //    is refused naming steps[0], and the critical current applied at the tick is 100 uA.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void SecondSetProtocolBeforeATickAmendsTheFirstAndKeepsItsLoweredPlatingLimit()
    {
        var rig = new CommandRig();
        rig.Tick();

        CommandReply lower = rig.Send("setProtocol", "{\"id\":\"a\",\"platingCriticalCurrentUa\":100}");
        Assert.True(lower.Ok, lower.ErrorField + ": " + lower.ErrorMessage);

        CommandReply plate = rig.Send("setProtocol", "{\"id\":\"b\",\"steps\":[\"Plate at 150 uA for 1 s\",\"Rest for 1 s\"]}");
        rig.Tick();

        // The operator's accepted tightening is in effect: no later command that does not name the field undoes it.
        Assert.Equal(100, rig.Controller.Configuration.Protocol.PlatingCriticalCurrentUa);

        // And a plate step above that limit is refused, as a single command with both fields would be.
        Assert.False(plate.Ok, "a plate step at 150 uA was accepted while the accepted critical current was 100 uA");
        Assert.Equal("steps[0]", plate.ErrorField);
    }

    // ---------------------------------------------------------------------------------------------------------
    // DeviceSession.Receive drops the 9th command of a burst when the fixed
    //    8-slot CommandInbox is full: it is neither executed nor answered (only a counter in the firmware's health
    //    message moves). On the device M2MqttTransport ignores Receive's false and M2Mqtt has already acknowledged
    //    the QoS 1 PUBLISH, so the broker will not redeliver: a "stop" for the 9th module of a burst is silently lost.
    //
    //    Correct: the contract says "Every command on a cmd/<verb> topic gets exactly one reply" and the product
    //    rule is "nothing is lost": a command the device cannot queue must at least be answered (ok:false, naming
    //    the reason) so the sender can resend it; every id sent must appear in a cmd/result reply.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void ACommandBurstLargerThanTheInboxGetsAReplyForEveryCommand()
    {
        DeviceSession session = OpenSession(out RecordingBrokerConnection connection);

        // A burst of 10 commands arrives on the client's thread before the network thread's next pass.
        const int burst = 10;
        for (int i = 0; i < burst; i++)
        {
            session.Receive("edge/pack-7/cmd/stop", Encoding.UTF8.GetBytes("{\"id\":\"c" + i + "\"}"), false);
        }

        session.Service(1);
        session.Service(2);

        var answered = new Dictionary<string, JsonElement>();
        foreach (string json in connection.Replies)
        {
            JsonElement root = JsonDocument.Parse(json).RootElement;
            JsonElement id = root.GetProperty("id");
            if (id.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                answered.Add(id.GetString(), root);
            }
        }

        for (int i = 0; i < burst; i++)
        {
            Assert.True(answered.ContainsKey("c" + i), "command c" + i + " got no reply on cmd/result (it was dropped by the full inbox)");
        }

        // The 8 the inbox held were executed; the 2 beyond it were answered as not executed, for their senders to resend.
        for (int i = 0; i < CommandInbox.Capacity; i++)
        {
            Assert.True(answered["c" + i].GetProperty("ok").GetBoolean());
        }

        for (int i = CommandInbox.Capacity; i < burst; i++)
        {
            JsonElement reply = answered["c" + i];
            Assert.False(reply.GetProperty("ok").GetBoolean());
            Assert.Equal("$", reply.GetProperty("error").GetProperty("field").GetString());
            Assert.Contains("send it again", reply.GetProperty("error").GetProperty("message").GetString());
        }

        // Sent again with the same id, a refused command is executed: nothing about it was remembered.
        session.Receive("edge/pack-7/cmd/stop", Encoding.UTF8.GetBytes("{\"id\":\"c9\"}"), false);
        session.Service(3);
        JsonElement resent = JsonDocument.Parse(connection.Replies[^1]).RootElement;
        Assert.Equal("c9", resent.GetProperty("id").GetString());
        Assert.True(resent.GetProperty("ok").GetBoolean());
    }

    // ---------------------------------------------------------------------------------------------------------
    // A setProtocol sent WITHOUT "start" does not cancel a
    //    start already waiting for the tick (a start command sent just before it, or the one-tick deferred start
    //    of an earlier setProtocol with start:true). The module closes its switch and runs the NEW protocol,
    //    although the operator's latest command said the modules wait for a start.
    //
    //    Correct: the contract says of setProtocol "every running module is stopped ... otherwise the modules wait
    //    for start", and commands take effect in the order they came (start then stop ends Done, see
    //    CommandSafetyTests.StopThenStartInOneTickRestartsTheModule). A setProtocol without start that comes after
    //    a start must leave the module stopped with its switch open, as a stop would.
    // ---------------------------------------------------------------------------------------------------------
    [Fact]
    public void SetProtocolWithoutStartCancelsAStartAlreadyWaiting()
    {
        // (a) start, then setProtocol without start, before one tick.
        var rig = new CommandRig();
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"s\"}").Ok);
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p\",\"repeat\":false}").Ok);
        rig.Tick();
        Assert.False(rig.Actions.SwitchClosed[0], "a setProtocol without start, sent after the start, left module 0 pulsing under the new protocol");
        Assert.NotEqual(ModuleState.Pulse, rig.Controller.Module(0).State);

        // (b) setProtocol with start during a pulse (its start deferred one tick), then setProtocol without start.
        var rig2 = new CommandRig();
        rig2.Tick();
        Assert.True(rig2.Send("start", "{\"id\":\"s\"}").Ok);
        rig2.Tick();
        Assert.Equal(ModuleState.Pulse, rig2.Controller.Module(0).State);
        Assert.True(rig2.Send("setProtocol", "{\"id\":\"p1\",\"repeat\":false,\"start\":true}").Ok);
        rig2.Tick();
        Assert.True(rig2.Send("setProtocol", "{\"id\":\"p2\",\"repeat\":true}").Ok);
        rig2.Tick();
        rig2.Tick();
        Assert.False(rig2.Actions.SwitchClosed[0], "the deferred start of p1 survived p2 (no start) and closed module 0's switch");
    }

    // ------------------------------------------------------------------------------------------------------------
    // CommandHandler.Refuse answers a command the full inbox refused with
    // "not executed ... send it again" without looking at the replay window. CONTRACT.md ("Idempotent"): a command
    // whose id was already handled is answered with its original reply and not executed again. A QoS 1 redelivery
    // (or a client retry) of an EXECUTED command that lands on a full inbox is now told it was not executed; a sender
    // that believes it and resends under a new id executes it twice (a second resetFault clears a fault latched since).
    // Expected: the refusal of an id already handled with the same command is its original reply (ok:true).
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void ARefusedRedeliveryOfAnExecutedCommandGetsItsOriginalReply()
    {
        var rig = new CommandRig();
        rig.Tick();
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"stop-1\",\"module\":0}");
        CommandReply first = rig.Handler.Handle("stop", payload, 0, payload.Length);
        Assert.True(first.Ok);

        CommandReply refused = rig.Handler.Refuse("stop", payload, DeviceSession.RefusedMessage);

        Assert.Equal("stop-1", refused.RequestId);
        Assert.True(refused.Ok, $"an executed command was answered '{refused.ErrorField}: {refused.ErrorMessage}'");
    }

    // ------------------------------------------------------------------------------------------------------------
    // CommandInbox keeps a refused command's topic and payload but drops its
    // retain flag, so DeviceSession.AnswerRefused answers a RETAINED command with field "$" and "send it again"
    // instead of the contract's retained-command reply (field "retain", "clear it by publishing an empty retained
    // message") and without the RetainedCommand warning. The operator is told to resend a command that the device must
    // never execute, and is not told to clear the retained message the broker will deliver again at every subscribe.
    // Expected: the reply to a refused retained command names the field "retain" like any retained command's.
    // ------------------------------------------------------------------------------------------------------------
    [Fact]
    public void ARetainedCommandRefusedByTheFullInboxIsAnsweredAsRetained()
    {
        DeviceSession session = OpenSession(out RecordingBrokerConnection connection);

        for (int i = 0; i < CommandInbox.Capacity; i++)
        {
            session.Receive("edge/pack-7/cmd/stop", Encoding.UTF8.GetBytes("{\"id\":\"c" + i + "\"}"), false);
        }

        session.Receive("edge/pack-7/cmd/start", Encoding.UTF8.GetBytes("{\"id\":\"kept\"}"), true);
        session.Service(1);
        session.Service(2);

        JsonElement reply = connection.Replies.Select(r => JsonDocument.Parse(r).RootElement)
            .Single(r => r.GetProperty("id").ValueKind == System.Text.Json.JsonValueKind.String && r.GetProperty("id").GetString() == "kept");
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal(CommandHandler.RetainField, reply.GetProperty("error").GetProperty("field").GetString());
    }

    // The device subscribes to cmd/+ and an MQTT topic may be 64 KB long; the verb is echoed in the reply, which must
    // still be sent: "every command on a cmd/<verb> topic gets exactly one reply".
    [Fact]
    public void ACommandOnAVeryLongUnknownVerbGetsExactlyOneReply()
    {
        DeviceSession session = OpenSession(out RecordingBrokerConnection connection);

        session.Receive("edge/pack-7/cmd/" + new string('v', 4000), Encoding.UTF8.GetBytes("{\"id\":\"long-verb\"}"), false);
        session.Service(1);

        JsonElement reply = JsonDocument.Parse(Assert.Single(connection.Replies)).RootElement;
        Assert.Equal("long-verb", reply.GetProperty("id").GetString());
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal("verb", reply.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public void ACommandOnAVeryLongVerbIsAnsweredWithoutAControlLoop()
    {
        var topics = new TopicSet("pack-7");
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
        var connection = new RecordingBrokerConnection(topics) { AcknowledgeTo = outbox };
        var session = new DeviceSession(topics, "B007", new SessionSettings(), connection, outbox, null, null, null);
        Assert.Equal(SessionStep.Opened, session.Service(0));

        session.Receive("edge/pack-7/cmd/" + new string('\u0001', 4000), Encoding.UTF8.GetBytes("{\"id\":\"x\"}"), false);
        session.Service(1);

        JsonElement reply = JsonDocument.Parse(Assert.Single(connection.Replies)).RootElement;
        Assert.Equal("$", reply.GetProperty("error").GetProperty("field").GetString());
    }

    // A reply goes through the outbox and is sent again after a reconnect unless the outbox is full; with an id and a
    // field name of the contract's longest, in 3-byte characters, the reply once outgrew the slot and was not kept.
    [Fact]
    public void AReplyToACommandWithinTheContractLimitsIsSentAgainAfterAReconnect()
    {
        DeviceSession session = OpenSession(out RecordingBrokerConnection connection, acknowledge: false);
        string id = new string('\u6D4B', 64);
        string field = new string('\u5B57', 128);
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"mode\":\"act\",\"" + field + "\":1}");
        Assert.True(payload.Length <= new CommandLimits().MaximumPayloadBytes);

        session.Receive("edge/pack-7/cmd/setMode", payload, false);
        session.Service(1);
        Assert.Single(connection.RepliesWithId(id));

        connection.Drop();
        Assert.Equal(SessionStep.Lost, session.Service(2));
        Assert.Equal(SessionStep.Opened, session.Service(100_000));
        session.Service(100_001);
        session.Service(100_002);

        Assert.Equal(2, connection.RepliesWithId(id).Count);
    }

    [Fact]
    public void AShortReplyIsSentAgainAfterAReconnect()
    {
        DeviceSession session = OpenSession(out RecordingBrokerConnection connection, acknowledge: false);
        session.Receive("edge/pack-7/cmd/setMode", Encoding.UTF8.GetBytes("{\"id\":\"short\",\"mode\":\"act\",\"x\":1}"), false);
        session.Service(1);

        connection.Drop();
        Assert.Equal(SessionStep.Lost, session.Service(2));
        Assert.Equal(SessionStep.Opened, session.Service(100_000));
        session.Service(100_001);
        session.Service(100_002);

        Assert.Equal(2, connection.RepliesWithId("short").Count);
    }

    /// <summary>A device session of pack-7 (2 modules of 2 cells, not started), opened on a recording connection.</summary>
    private static DeviceSession OpenSession(out RecordingBrokerConnection connection, bool acknowledge = true)
    {
        var layout = new PackLayout(2, 2, 0);
        var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
        var handler = new CommandHandler(controller, new CommandLimits());
        var topics = new TopicSet("pack-7");
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(layout.CellsPerModule));
        connection = new RecordingBrokerConnection(topics) { AcknowledgeTo = acknowledge ? outbox : null };
        var session = new DeviceSession(topics, "B007", new SessionSettings(), connection, outbox, controller, handler, null);
        Assert.Equal(SessionStep.Opened, session.Service(0));
        return session;
    }

    /// <summary>A broker connection that accepts everything and keeps the replies published on cmd/result.</summary>
    private sealed class RecordingBrokerConnection : IBrokerConnection
    {
        private readonly TopicSet _topics;
        private int _messageId;

        public RecordingBrokerConnection(TopicSet topics) => _topics = topics;

        public List<string> Replies { get; } = new();

        /// <summary>The outbox a broker's PUBACK goes to, at once (null: nothing is acknowledged).</summary>
        public MessageOutbox AcknowledgeTo { get; init; }

        public bool IsConnected { get; private set; }

        public string LastError => null;

        /// <summary>The connection drops: publishes fail until the session opens it again.</summary>
        public void Drop() => IsConnected = false;

        public List<string> RepliesWithId(string id) => Replies.Where(r =>
        {
            JsonElement e = JsonDocument.Parse(r).RootElement.GetProperty("id");
            return e.ValueKind == System.Text.Json.JsonValueKind.String && e.GetString() == id;
        }).ToList();

        public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            IsConnected = true;
            return ConnectOutcome.Accepted;
        }

        public bool Subscribe(string topicFilter) => true;

        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
            => PublishTo(_topics[topic], payload, offset, count, qos, retain);

        public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!IsConnected)
            {
                return -1;
            }

            if (topic == _topics[TopicId.CommandResult])
            {
                Replies.Add(Encoding.UTF8.GetString(payload, offset, count));
            }

            ++_messageId;
            if (qos == 1)
            {
                AcknowledgeTo?.Acknowledge(_messageId);
            }

            return _messageId;
        }

        public void Close(bool sendDisconnect) => IsConnected = false;
    }
}
