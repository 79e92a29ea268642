using System.Text;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>Valid commands take effect at the next tick; invalid ones are rejected naming the field and change nothing.</summary>
public class CommandHandlerTests
{
    [Fact]
    public void StartTakesEffectAtTheNextTick()
    {
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("start", "{\"id\":\"req-1\"}");
        Assert.True(reply.Ok);
        Assert.Equal("req-1", reply.RequestId);
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(1).State);
        Assert.Equal(385, rig.Actions.CurrentSetpointUa[0]);
    }

    [Fact]
    public void StartAndStopCanAddressOneModule()
    {
        var rig = new CommandRig();
        Assert.True(rig.Send("start", "{\"id\":\"a\",\"module\":1}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(1).State);
        Assert.True(rig.Send("stop", " { \"module\" : -1 , \"id\" : \"b\" } ").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Done, rig.Controller.Module(1).State);
        Assert.False(rig.Actions.SwitchClosed[1]);
    }

    [Fact]
    public void SetModeSwitchesAtTheTickBoundary()
    {
        var rig = new CommandRig();
        Assert.Equal(ControlMode.Act, rig.Controller.Configuration.Mode);
        Assert.True(rig.Send("setMode", "{\"id\":\"m\",\"mode\":\"observe\"}").Ok);
        Assert.Equal(ControlMode.Act, rig.Controller.Configuration.Mode);
        rig.Tick();
        Assert.Equal(ControlMode.Observe, rig.Controller.Configuration.Mode);
        Assert.Equal(1, rig.Controller.ConfigurationRevision);

        // The same mode again is accepted and changes nothing: no new revision.
        Assert.True(rig.Send("setMode", "{\"id\":\"m2\",\"mode\":\"observe\"}").Ok);
        rig.Tick();
        Assert.Equal(1, rig.Controller.ConfigurationRevision);
    }

    [Fact]
    public void SetProtocolStopsRunningModulesAndRestartsWithTheNewStepsWhenAsked()
    {
        var rig = new CommandRig();
        rig.Send("start", "{\"id\":\"s\"}");
        rig.Tick();
        Assert.Equal(385, rig.Actions.CurrentSetpointUa[0]);

        CommandReply reply = rig.Send("setProtocol",
            "{\"id\":\"p\",\"steps\":[\"Strip at 0.5 mA/cm2 for 2 s\",\"Rest for 3 s\"],\"restMode\":\"fixed\",\"capacityLimitUc\":1000000,\"start\":true}");
        Assert.True(reply.Ok, reply.ErrorField + ": " + reply.ErrorMessage);

        // Nothing changes until the tick.
        Assert.Equal(385, rig.Controller.Configuration.Protocol.Steps[0].CurrentUa);
        rig.Tick();

        // 0.5 mA/cm2 on 0.3848 cm2 = 192.4 uA -> 192 uA.
        ProtocolConfiguration protocol = rig.Controller.Configuration.Protocol;
        Assert.Equal(192, protocol.Steps[0].CurrentUa);
        Assert.Equal(2000, protocol.Steps[0].DurationMs);
        Assert.Equal(ProtocolStepKind.Rest, protocol.Steps[1].Kind);
        Assert.Equal(1000000, protocol.CapacityLimitUc);

        // The interrupted pulse ends with its switch open for one tick (so it is measured and summarised on
        // its own, CONTRACT.md setProtocol); the new protocol starts at the next tick with its 3 s rest, since a
        // current flowed moments ago, and then runs from its first step.
        Assert.Equal(ModuleState.Done, rig.Controller.Module(0).State);
        Assert.False(rig.Actions.SwitchClosed[0]);
        rig.Tick();
        Assert.Equal(ModuleState.Rest, rig.Controller.Module(0).State);
        for (int i = 0; i < 299; i++)
        {
            rig.Tick();
            Assert.False(rig.Actions.SwitchClosed[0]);
        }

        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        Assert.Equal(0, rig.Controller.Module(0).StepIndex);
        Assert.Equal(192, rig.Actions.CurrentSetpointUa[0]);

        // The new pulse lasts 2 s: still on at 1.99 s after the swap, off at 2 s.
        for (int i = 0; i < 199; i++)
        {
            rig.Tick();
        }

        Assert.True(rig.Actions.SwitchClosed[0]);
        rig.Tick();
        Assert.False(rig.Actions.SwitchClosed[0]);
    }

    [Fact]
    public void SetProtocolWithoutStartLeavesModulesStopped()
    {
        var rig = new CommandRig();
        rig.Send("start", "{\"id\":\"s\"}");
        rig.Tick();
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p\",\"steps\":[\"Strip at 200 uA for 1 s\",\"Rest for 1 s\"]}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Done, rig.Controller.Module(0).State);
        Assert.Equal(StopReason.Command, rig.Controller.Module(0).StopReason);
        Assert.False(rig.Actions.SwitchClosed[0]);
    }

    [Fact]
    public void AProtocolAboveTheSafetyEnvelopeIsRejectedNamingTheStep()
    {
        // 10 mA against the 1925 uA envelope.
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", "{\"id\":\"p\",\"steps\":[\"Rest for 1 s\",\"Strip at 10 mA for 1 s\"]}");
        Assert.Equal("p", reply.RequestId);
        Assert.Equal("steps[1]", reply.ErrorField);
        Assert.Contains("safety envelope", reply.ErrorMessage);
    }

    [Theory]
    [InlineData("Rest for 2.005 s", 2005, 2010)]
    [InlineData("Strip at 1 mA/cm2 for 1.0005 s", 1001, 1010)]
    public void AStepThatIsNoWholeNumberOfSamplesIsRefusedSayingHowLongItWouldLast(string step, int askedMs, int wouldLastMs)
    {
        // The default configuration samples every 10 ms: a step ends at the first sample at or after its time.
        var rig = new CommandRig();
        rig.Tick();

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"w\",\"steps\":[\"Strip at 1 mA/cm2 for 1 s\",\"" + step + "\"]}");
        Assert.Equal("steps[1]", reply.ErrorField);
        Assert.Equal(askedMs + " ms is not a whole number of the device's 10 ms samples: a step ends at a sample, so it would last " + wouldLastMs + " ms", reply.ErrorMessage);

        // The same protocol in whole samples is taken.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"w2\",\"steps\":[\"Strip at 1 mA/cm2 for 1 s\",\"Rest for 2.01 s\"]}").Ok);
    }

    [Fact]
    public void SetProtocolIsRefusedWhilePackSchedulingIsOn()
    {
        var layout = new Edge.Core.Sampling.PackLayout(2, 1, 0);
        var configuration = new ControllerConfiguration { StartImmediately = false };
        configuration.Scheduling.Enabled = true;
        configuration.Scheduling.DemandUa = 385;
        var controller = new EdgeController(layout, configuration);
        var handler = new CommandHandler(controller, new CommandLimits());
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"p\",\"steps\":[\"Strip at 200 uA for 1 s\",\"Rest for 1 s\"]}");
        CommandReply reply = handler.Handle("setProtocol", payload, 0, payload.Length);
        Assert.False(reply.Ok);
        Assert.Equal("scheduling.enabled", reply.ErrorField);
        Assert.Equal(385, controller.Configuration.Protocol.Steps[0].CurrentUa);
    }

    [Fact]
    public void ResetFaultIsAcceptedAndGetConfigRaisesARepublishRequest()
    {
        var rig = new CommandRig();
        Assert.True(rig.Send("resetFault", "{\"id\":\"r\",\"module\":-1}").Ok);
        Assert.True(rig.Send("getConfig", "{\"id\":\"g\"}").Ok);
        Assert.True(rig.Handler.TakeConfigRequest());
        Assert.False(rig.Handler.TakeConfigRequest());
    }

    [Fact]
    public void TheResultTopicIsNotACommand()
    {
        var rig = new CommandRig();
        Assert.Null(rig.Send(CommandHandler.ResultVerb, "{\"v\":1,\"id\":\"x\",\"ok\":true}"));
    }

    [Theory]
    [InlineData("fly", "{\"id\":\"1\"}", "verb")]
    [InlineData("", "{\"id\":\"1\"}", "verb")]
    [InlineData("start", "{\"id\":\"1\",\"modul\":0}", "modul")]
    [InlineData("start", "{\"id\":\"1\",\"module\":\"0\"}", "module")]
    [InlineData("start", "{\"module\":0}", "id")]
    [InlineData("start", "{\"id\":5}", "id")]
    [InlineData("start", "{\"id\":\"\"}", "id")]
    [InlineData("start", "{\"id\":\"1\",\"module\":2}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":-2}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":1.5}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":1e0}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":99999999999999999999999}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":NaN}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":-Infinity}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":01}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"module\":{\"a\":1}}", "module")]
    [InlineData("start", "{\"id\":\"1\",\"id\":\"2\"}", "id")]
    [InlineData("start", "{\"id\":\"1\",}", "$")]
    [InlineData("start", "{\"id\":\"1\"} x", "$")]
    [InlineData("start", "[\"id\"]", "$")]
    [InlineData("start", "", "$")]
    [InlineData("start", "{\"id\":\"1\u0001\"}", "id")]
    [InlineData("start", "{\"id\":\"\\ud800\"}", "id")]
    [InlineData("start", "{\"id\":\"1\",\"deep\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", "deep")]
    [InlineData("setMode", "{\"id\":\"1\",\"mode\":\"auto\"}", "mode")]
    [InlineData("setMode", "{\"id\":\"1\",\"mode\":true}", "mode")]
    [InlineData("setMode", "{\"id\":\"1\"}", "mode")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":\"Strip at 1 mA\"}", "steps")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[]}", "steps")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[\"Jump at 1 mA\"]}", "steps[0]")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[\"Strip at 1 mA/h/cm2 for 1 s\"]}", "steps[0]")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[\"Rest for 1 s\"]}", "steps")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[1]}", "steps")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"steps\":[[\"Strip at 1 mA\"]]}", "steps")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"stripCutoffMv\":5000}", "stripCutoffMv")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"minimumRestMs\":20000,\"maximumRestMs\":10000}", "maximumRestMs")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"timeLimitMs\":-1}", "timeLimitMs")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"repeat\":\"yes\"}", "repeat")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"restMode\":\"sometimes\"}", "restMode")]
    [InlineData("setProtocol", "{\"id\":\"1\",\"electrodeAreaCm2\":1}", "electrodeAreaCm2")]
    [InlineData("getConfig", "{\"id\":\"1\",\"all\":true}", "all")]
    public void InvalidCommandsAreRejectedNamingTheFieldAndChangeNothing(string verb, string json, string field)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);
        Assert.Equal(field, reply.ErrorField);
        Assert.False(string.IsNullOrEmpty(reply.ErrorMessage));
    }

    // The config message carries capacityLimitUc and timeLimitMs, and its JSON consumers read numbers as doubles, exact
    // up to 2^53 - 1 (JavaScript's Number.MAX_SAFE_INTEGER; the dashboard refuses anything else as "not an integer", and
    // with it the whole retained config). setProtocol accepted up to long.MaxValue / 1000 and long.MaxValue / 2.
    [Theory]
    [InlineData("capacityLimitUc")]
    [InlineData("timeLimitMs")]
    public void ALimitAboveTheLargestExactJsonIntegerIsRefusedWithTheBound(string field)
    {
        const long Largest = (1L << 53) - 1;
        var rig = new CommandRig();
        rig.Tick();
        foreach (string value in new[] { "9223372036854775", (Largest + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            CommandReply refused = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"b" + value + "\",\"" + field + "\":" + value + "}");
            Assert.Equal((false, field, value + " is out of range [0, 9007199254740991]"), (refused.Ok, refused.ErrorField, refused.ErrorMessage));
        }

        // The bound itself is taken, and the config then carries a number a double (a JavaScript consumer) reads exactly.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"ok\",\"" + field + "\":" + Largest + "}").Ok);
        rig.Tick();
        var writer = new JsonByteWriter();
        byte[] buffer = new byte[ConfigEncoder.MaximumBytes(rig.Controller.Configuration.Protocol.Steps.Length)];
        writer.Reset(buffer, 0, buffer.Length);
        ConfigEncoder.Encode(writer, rig.Controller.Configuration, rig.Layout, "b1", 1);
        using var config = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, writer.Length));
        double read = config.RootElement.GetProperty("protocol").GetProperty(field).GetDouble();
        Assert.Equal(Largest, (long)read);
    }

    // An array where the field takes a scalar is that field's wrong type, said as for any other wrong type: "module":[0]
    // was refused with "array items must be strings", which suggests that ["0"] would do. Where the field takes an array
    // of strings (steps), an array of anything else keeps that message.
    [Theory]
    [InlineData("start", "{\"id\":\"c7\",\"module\":[0]}", "module", "must be a number")]
    [InlineData("start", "{\"id\":\"c7\",\"module\":true}", "module", "must be a number")]
    [InlineData("stop", "{\"id\":\"c7\",\"module\":[\"0\"]}", "module", "must be a number")]
    [InlineData("setMode", "{\"id\":\"c7\",\"mode\":[1]}", "mode", "must be a string")]
    [InlineData("setProtocol", "{\"id\":\"c7\",\"capacityLimitUc\":[1000, null]}", "capacityLimitUc", "must be a number")]
    [InlineData("setProtocol", "{\"id\":\"c7\",\"repeat\":[true]}", "repeat", "must be true or false")]
    [InlineData("setProtocol", "{\"id\":\"c7\",\"steps\":[1]}", "steps", "array items must be strings")]
    [InlineData("setProtocol", "{\"id\":\"c7\",\"steps\":[\"Rest for 1 s\",false]}", "steps", "array items must be strings")]
    [InlineData("setProtocol", "{\"id\":\"c7\",\"steps\":\"Rest for 1 s\"}", "steps", "must be an array of step texts")]
    [InlineData("start", "{\"id\":\"c7\",\"module\":[[0]]}", "module", "nested arrays and objects are not allowed")]
    public void AnArrayForAScalarIsRefusedWithTheFieldsTypeMessage(string verb, string json, string field, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal((false, field, message), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Theory]
    [InlineData("", "$", "is empty: a command is a JSON object with an \"id\"")]
    [InlineData("  ", "$", "is empty: a command is a JSON object with an \"id\"")]
    [InlineData("\uFEFF{\"id\":\"bom1\"}", "$", "starts with a byte-order mark: send the JSON without it")]
    [InlineData("[\"id\"]", "$", "must be a JSON object")]
    [InlineData("{\"id\":\"\"}", "id", "is empty")]
    [InlineData("{\"module\":0}", "id", "is missing")]
    public void RefusalsSayWhatIsWrongInTheSendersTerms(string json, string field, string message)
    {
        // An empty message is what clearing a retained command publishes; a byte-order mark, what some tools put first.
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", json);

        Assert.Equal((field, message), (reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void Utf16AndNulBytesAreNamedInTheSendersTerms()
    {
        // {"id":"u1"} is 11 characters: UTF-16LE puts a NUL after each (byte 1 is the first), UTF-16BE before each (byte 0);
        // a C string's terminator after it is byte 11. What some Windows tools write: UTF-16LE after the mark FF FE.
        const string json = "{\"id\":\"u1\"}";
        const string nul = ": send the JSON as UTF-8 text without NUL bytes (UTF-16 puts one in every ASCII character)";
        var cases = new (byte[] Payload, string Message, string Id)[]
        {
            (Encoding.Unicode.GetBytes(json), "has a NUL byte at byte 1" + nul, null),
            (Encoding.BigEndianUnicode.GetBytes(json), "has a NUL byte at byte 0" + nul, null),
            (Encoding.UTF8.GetBytes(json + "\0"), "has a NUL byte at byte 11" + nul, "u1"),
            (new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(json)).ToArray(), "starts with a UTF-16 byte-order mark: send the JSON as UTF-8", null),
            (new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(json)).ToArray(), "starts with a UTF-16 byte-order mark: send the JSON as UTF-8", null),
        };

        foreach (var (payload, message, id) in cases)
        {
            CommandReply reply = CommandRig.RefusalFromIdleRig("getConfig", payload);

            Assert.Equal(("$", message, id), (reply.ErrorField, reply.ErrorMessage, reply.RequestId));
        }
    }

    [Fact]
    public void ABoundBrokenByTheOtherFieldOfAPairNamesBoth()
    {
        // Only minimumRestMs is sent, above the maximum in effect (10000 ms): the reply names the pair and both ways out.
        var rig = new CommandRig();
        CommandReply reply = rig.Send("setProtocol", "{\"id\":\"1\",\"minimumRestMs\":20000}");

        Assert.Equal(("maximumRestMs", "10000 is below minimumRestMs (20000): give minimumRestMs at most 10000 or maximumRestMs at least 20000"), (reply.ErrorField, reply.ErrorMessage));
    }

    [Theory]
    // The defaults: minimumRestMs 500, directionChangeRestMs 35000; neither may be below 0, so no change to them
    // makes a negative maximum valid and the reply gives the range instead of "give minimumRestMs at most -1".
    [InlineData("{\"id\":\"1\",\"maximumRestMs\":-1}", "maximumRestMs", "-1 is out of range [500, 86400000]")]
    [InlineData("{\"id\":\"1\",\"directionChangeMaximumRestMs\":-1}", "directionChangeMaximumRestMs", "-1 is out of range [35000, 86400000]")]
    public void ANegativeMaximumOfAPairGetsItsRangeNotAnImpossibleChangeToTheOtherField(string json, string field, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", json);

        Assert.Equal((field, message), (reply.ErrorField, reply.ErrorMessage));
    }

    // A 32-bit field sent a number past 32 bits was refused with the type's range, "is out of range [-2147483648,
    // 2147483647]", which names neither the field's limit nor that a number within it would also be refused. It gets the
    // refusal a number within 32 bits gets, with the number as sent. The rig's configuration is the defaults: rests
    // 500 to 10000 ms, direction-change rest 35000 ms (the floor a command may not go below), cell limits +-3300 mV,
    // module limit 1925 uA, plating critical current 154 uA.
    [Theory]
    [InlineData("minimumRestMs", "2147483648", "2147483648 is out of range [0, 86400000]")]
    [InlineData("minimumRestMs", "-2147483649", "-2147483649 is out of range [0, 86400000]")]
    [InlineData("maximumRestMs", "99999999999999999999", "99999999999999999999 is out of range [500, 86400000]")]
    [InlineData("maximumRestMs", "-99999999999999999999", "-99999999999999999999 is out of range [500, 86400000]")]
    [InlineData("stripCutoffMv", "9223372036854775808", "9223372036854775808 is out of range [1, 3300]")]
    [InlineData("stripCutoffMv", "-3000000000", "-3000000000 is out of range [1, 3300]")]
    [InlineData("plateCutoffMv", "3000000000", "3000000000 is out of range [-3300, -1]")]
    [InlineData("plateCutoffMv", "-9223372036854775809", "-9223372036854775809 is out of range [-3300, -1]")]
    [InlineData("platingCriticalCurrentUa", "-4294967296", "-4294967296 is out of range [1, 1925]")]
    [InlineData("platingCriticalCurrentUa", "4294967296",
        "4294967296 uA is above the cells' limit of 154 uA in the configuration the device started with: a command may lower it, not raise it")]
    [InlineData("directionChangeRestMs", "100000000000", "100000000000 is out of range [0, 86400000]")]
    [InlineData("directionChangeRestMs", "-100000000000",
        "-100000000000 ms is below the 35000 ms the device started with: plating straight after stripping fails fast, so a command may lengthen this rest, not shorten it")]
    [InlineData("directionChangeMaximumRestMs", "18446744073709551616", "18446744073709551616 is out of range [35000, 86400000]")]
    [InlineData("directionChangeMaximumRestMs", "-18446744073709551616", "-18446744073709551616 is out of range [35000, 86400000]")]
    public void ANumberBeyond32BitsIsRefusedWithTheFieldsOwnLimit(string field, string number, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", "{\"id\":\"w1\",\"" + field + "\":" + number + "}");

        Assert.Equal((false, field, message), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    // Past 32 bits a number still has to be an integer, and a fraction is said to be one whatever its size.
    [Fact]
    public void ANonIntegerBeyond32BitsIsRefusedAsNotAnInteger()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("setProtocol", "{\"id\":\"w2\",\"maximumRestMs\":99999999999999999999.5}");

        Assert.Equal((false, "maximumRestMs", "must be an integer"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void OversizedNonUtf8AndOverlongPayloadsAreRejected()
    {
        var rig = new CommandRig(new CommandLimits { MaximumPayloadBytes = 64 });
        string big = "{\"id\":\"1\",\"pad\":\"" + new string('x', 60) + "\"}";
        Assert.Equal("$", rig.SendRefusedChangingNothing("start", big).ErrorField);
        Assert.Contains("exceed", rig.SendRefusedChangingNothing("start", big).ErrorMessage);

        byte[] latin1 = { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xE9, (byte)'"', (byte)'}' };
        Assert.Contains("UTF-8", rig.SendRefusedChangingNothing("start", latin1).ErrorMessage);

        // "/" as an overlong two-byte sequence must not pass as "/".
        byte[] overlong = { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)'}' };
        Assert.Contains("UTF-8", rig.SendRefusedChangingNothing("start", overlong).ErrorMessage);

        // A truncated multi-byte sequence at the end.
        byte[] truncated = Encoding.UTF8.GetBytes("{\"id\":\"Ω\"}").Take(8).ToArray();
        rig.SendRefusedChangingNothing("start", truncated);
    }

    // The broker delivers a retained command again at every reconnect, whatever its size: its sender must be told to
    // clear it (field "retain"), not to shorten it, and the health message's retainedCommand count must include it.
    [Fact]
    public void ARetainedCommandOverThePayloadLimitIsAnsweredAndCountedAsRetained()
    {
        var rig = new CommandRig();
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"big\",\"pad\":\"" + new string('x', 2100) + "\"}");

        CommandReply reply = rig.Handler.Handle("stop", payload, 0, payload.Length, true);

        Assert.False(reply.Ok);
        Assert.Equal(CommandHandler.RetainField, reply.ErrorField);
        Assert.Equal(1, rig.Handler.RetainedRefusedCount);
    }

    [Fact]
    public void ARetainedCommandWithinThePayloadLimitEchoesItsId()
    {
        var rig = new CommandRig();
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"kept\",\"module\":0}");

        CommandReply reply = rig.Handler.Handle("stop", payload, 0, payload.Length, true);

        Assert.Equal(("kept", CommandHandler.RetainField), (reply.RequestId, reply.ErrorField));
        Assert.Equal(1, rig.Handler.RetainedRefusedCount);
    }

    // CONTRACT.md, "Never retained" and "Idempotent": a retained command refused is remembered under its id as an executed
    // one is. The broker replays its stored copy at every reconnect: that is a repeat, answered with the first reply and
    // not counted again; a live copy under the id is a repeat too (not executed), and another command under it reuses the id.
    [Fact]
    public void ARetainedCommandRefusedIsRememberedUnderItsId()
    {
        var rig = new CommandRig();
        rig.Send("start", "{\"id\":\"go\"}");
        rig.Tick();
        byte[] stop = Encoding.UTF8.GetBytes("{\"id\":\"sticky\",\"module\":0}");

        // Module 0 runs on through every refusal below: the pulse is 1 s, and each refusal takes one 10 ms tick.
        CommandReply first = rig.SendRefusedChangingNothing("stop", stop, retained: true);
        CommandReply replayed = rig.SendRefusedChangingNothing("stop", stop, retained: true);

        Assert.Equal(("sticky", CommandHandler.RetainField), (first.RequestId, first.ErrorField));
        Assert.Same(first, replayed);
        Assert.Equal(1, rig.Handler.RetainedRefusedCount);
        Assert.Equal(1, rig.Handler.ReplayedCount);

        // The same stop sent live under that id: the first reply again, nothing executed.
        CommandReply live = rig.SendRefusedChangingNothing("stop", stop);
        Assert.Same(first, live);

        // Another command under that id: refused as a reuse of the id.
        CommandReply other = rig.SendRefusedChangingNothing("stop", "{\"id\":\"sticky\",\"module\":1}");
        Assert.Equal(("sticky", "id"), (other.RequestId, other.ErrorField));
        Assert.Equal(1, rig.Handler.RetainedRefusedCount);
    }

    // A command executed live and then replayed retained (it was published with the retain flag while the device was
    // connected): the replay is refused as retained and counted, and the id keeps the execution's reply.
    [Fact]
    public void ARetainedReplayOfAnExecutedCommandIsRefusedAndTheIdKeepsTheExecution()
    {
        var rig = new CommandRig();
        byte[] start = Encoding.UTF8.GetBytes("{\"id\":\"s1\"}");
        CommandReply executed = rig.Send("start", start);
        Assert.True(executed.Ok);

        CommandReply replay = rig.Handler.Handle("start", start, 0, start.Length, true);

        Assert.Equal(("s1", CommandHandler.RetainField), (replay.RequestId, replay.ErrorField));
        Assert.Equal(1, rig.Handler.RetainedRefusedCount);
        Assert.Same(executed, rig.Send("start", start));
    }

    // Two commands under one id that a 32-bit FNV-1a fingerprint could not tell apart (found by varying the JSON's
    // white space; same length): the second must be refused as a reuse of the id, not answered with the first one's
    // ok and left unexecuted (module 1 would keep running after "stop module 1" was told ok).
    [Fact]
    public void ADifferentCommandUnderAUsedIdIsRefusedEvenWhenA32BitFingerprintWouldCollide()
    {
        FindThirtyTwoBitCollision(out byte[] first, out byte[] second);
        Assert.Equal(first.Length, second.Length);
        var rig = new CommandRig();
        rig.Tick();

        Assert.True(rig.Send("stop", first).Ok);
        CommandReply reused = rig.Send("stop", second);

        Assert.Equal((false, "id"), (reused.Ok, reused.ErrorField));
    }

    [Fact]
    public void TheReplayFingerprintTellsApartCommandsThatDifferOnlyInVerbPayloadSplitOrWhiteSpace()
    {
        byte[] c = Encoding.UTF8.GetBytes("c");
        byte[] bc = Encoding.UTF8.GetBytes("bc");
        Assert.NotEqual(CommandReplayWindow.Fingerprint("ab", c, 0, 1), CommandReplayWindow.Fingerprint("a", bc, 0, 2));

        byte[] spaced = Encoding.UTF8.GetBytes("{ \"id\":\"r\"}");
        byte[] tabbed = Encoding.UTF8.GetBytes("{\t\"id\":\"r\"}");
        Assert.NotEqual(CommandReplayWindow.Fingerprint("stop", spaced, 0, spaced.Length), CommandReplayWindow.Fingerprint("stop", tabbed, 0, tabbed.Length));
        Assert.Equal(CommandReplayWindow.Fingerprint("stop", spaced, 0, spaced.Length), CommandReplayWindow.Fingerprint("stop", (byte[])spaced.Clone(), 0, spaced.Length));
    }

    private static void FindThirtyTwoBitCollision(out byte[] first, out byte[] second)
    {
        // 9 white-space positions with 4 choices each: 2^18 variants per command, about 16 expected collisions.
        char[] blanks = { ' ', '\t', '\n', '\r' };
        string Variant(int module, int k)
        {
            var text = new StringBuilder("{");
            for (int i = 0; i < 9; i++)
            {
                text.Append(blanks[(k >> (2 * i)) & 3]);
            }

            return text.Append("\"id\":\"r\",\"module\":").Append(module).Append('}').ToString();
        }

        var seen = new Dictionary<uint, int>();
        for (int k = 0; k < 1 << 18; k++)
        {
            seen[Fnv1a32("stop", Encoding.UTF8.GetBytes(Variant(0, k)))] = k;
        }

        for (int k = 0; k < 1 << 18; k++)
        {
            byte[] p = Encoding.UTF8.GetBytes(Variant(1, k));
            if (seen.TryGetValue(Fnv1a32("stop", p), out int j))
            {
                first = Encoding.UTF8.GetBytes(Variant(0, j));
                second = p;
                return;
            }
        }

        throw new InvalidOperationException("no 32-bit collision found");
    }

    // The fingerprint the replay window used to keep: FNV-1a, 32 bits, over the verb, a separator and the payload.
    private static uint Fnv1a32(string verb, byte[] payload)
    {
        uint hash = 2166136261;
        foreach (char c in verb)
        {
            hash = (hash ^ c) * 16777619;
        }

        hash = (hash ^ 0xFFu) * 16777619;
        foreach (byte b in payload)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    [Fact]
    public void MultiByteUtf8AndEscapesAreDecodedExactly()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", "{\"id\":\"Ω-\\u00e9-\\ud834\\udd1e-𝄞\"}");
        Assert.True(reply.Ok);
        Assert.Equal("Ω-é-𝄞-𝄞", reply.RequestId);
    }

    [Fact]
    public void TheIdIsEchoedWhenAFieldAfterItIsBroken()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", "{\"id\":\"keep\",\"module\":tru}");
        Assert.False(reply.Ok);
        Assert.Equal("keep", reply.RequestId);
        Assert.Equal("module", reply.ErrorField);
    }

    // Every reply must fit the smallest outbox slot, or it is published without being kept for a resend after a
    // reconnect. The worst case: every echoed text as long as it can be and made of control characters (6 bytes each).
    [Fact]
    public void TheLongestPossibleReplyFitsTheSmallestOutboxSlot()
    {
        Assert.True(CommandResultEncoder.MaximumBytes <= PayloadBudget.MaximumStreamPayloadBytes(1));
        var writer = new JsonByteWriter();
        var buffer = new byte[8192];
        string id = new string('\u0001', 64);
        string text = new string('\u0001', 4000);

        writer.Reset(buffer, 0, buffer.Length);
        CommandResultEncoder.Encode(writer, id, text, text, text);

        Assert.False(writer.Overflowed);
        Assert.InRange(writer.Length, 1, CommandResultEncoder.MaximumBytes);
        var error = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, writer.Length)).RootElement.GetProperty("error");
        Assert.EndsWith(JsonByteWriter.Ellipsis, error.GetProperty("message").GetString());
    }

    [Fact]
    public void AnIdOfSixtyFourPrintableCharactersIsEchoedWholeAndLongTextIsCutOnACharacterBoundary()
    {
        var writer = new JsonByteWriter();
        var buffer = new byte[CommandResultEncoder.MaximumBytes];
        string id = new string('\u6D4B', 64);
        string field = string.Concat(Enumerable.Repeat("\ud834\udd1e", 64));

        writer.Reset(buffer, 0, buffer.Length);
        CommandResultEncoder.Encode(writer, id, "setMode", field, new string('m', 1000));

        Assert.False(writer.Overflowed);
        var root = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, writer.Length)).RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        string echoed = root.GetProperty("error").GetProperty("field").GetString();
        Assert.EndsWith(JsonByteWriter.Ellipsis, echoed);
        Assert.StartsWith(echoed[..^JsonByteWriter.Ellipsis.Length], field, StringComparison.Ordinal);
        Assert.True(echoed.Length % 2 == 1, "a surrogate pair was split");
        Assert.True(Encoding.UTF8.GetByteCount(echoed) <= CommandResultEncoder.MaximumFieldBytes);
    }

    [Fact]
    public void AnUnknownVerbLongerThanTheEchoLimitIsRefusedAsUnknownAndEchoedShortened()
    {
        var rig = new CommandRig();
        string verb = new string('v', CommandHandler.MaximumVerbChars - 1) + "\ud834\udd1e" + new string('v', 4000);

        CommandReply reply = rig.Send(verb, "{\"id\":\"long-verb\"}");

        Assert.Equal(("long-verb", "verb", "is not a known command"), (reply.RequestId, reply.ErrorField, reply.ErrorMessage));
        Assert.Equal(new string('v', CommandHandler.MaximumVerbChars - 1) + JsonByteWriter.Ellipsis, reply.Verb);
    }

    [Fact]
    public void AReplyThatDoesNotFitTheBufferIsReplacedByAShortRefusalWithTheId()
    {
        var writer = new JsonByteWriter();
        var buffer = new byte[160];

        int length = CommandResultEncoder.EncodeInto(writer, buffer, "req-1", "setProtocol", "steps[0]", new string('m', 300));

        Assert.InRange(length, 1, buffer.Length);
        var root = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
        Assert.Equal("req-1", root.GetProperty("id").GetString());
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("$", root.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public void RepliesEncodeAsContractJson()
    {
        var rig = new CommandRig();
        var writer = new JsonByteWriter();
        var buffer = new byte[512];
        byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"x7\",\"mode\":\"never\"}");
        int length = rig.Handler.HandleAndEncode("setMode", payload, 0, payload.Length, writer, buffer);
        var root = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("x7", root.GetProperty("id").GetString());
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("mode", root.GetProperty("error").GetProperty("field").GetString());
    }

    /// <summary>
    /// A setProtocol naming no protocol field (only its id, or "start":false) changes nothing of the protocol, yet was
    /// answered ok and stopped every running module at the next tick. Refused, whole-payload, and nothing stops;
    /// "start":true alone (a restart from the first step) is still taken.
    /// </summary>
    [Theory]
    [InlineData("{\"id\":\"p1\"}")]
    [InlineData("{\"id\":\"p2\",\"start\":false}")]
    public void ASetProtocolWithNothingToChangeIsRefusedAndStopsNothing(string payload)
    {
        var rig = new CommandRig();
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"s\"}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", payload);
        Assert.Equal("$", reply.ErrorField);
        Assert.StartsWith("names nothing to change", reply.ErrorMessage);

        rig.Tick();
        Assert.NotEqual(ModuleState.Done, rig.Controller.Module(0).State);
        Assert.NotEqual(ModuleState.Done, rig.Controller.Module(1).State);
        Assert.Equal(0, rig.Controller.ConfigurationRevision);

        // A restart from the first step is something to do: taken.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p3\",\"start\":true}").Ok);
    }
}
