using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// What real clients send that is not JSON, answered in the sender's terms: the field it was given for, the text as
/// sent, and what to send instead. Every refusal changes nothing.
/// </summary>
public class CommandJsonReaderWordingTests
{
    // A leading zero (a zero-padded counter, "01000" from a form) was refused as "expected ',' or '}' at character N"
    // under "$": nothing said the number was the problem, nor which field held it. JSON's grammar (RFC 8259, section 6)
    // allows no leading zero, no '+', no bare '.', no NaN or Infinity (Python's json.dumps writes NaN for a float nan).
    [Theory]
    [InlineData("start", "{\"id\":\"n1\",\"module\":01}", "module", "01 has a leading zero, which JSON numbers may not have: send 1")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":00}", "module", "00 has a leading zero, which JSON numbers may not have: send 0")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-01}", "module", "-01 has a leading zero, which JSON numbers may not have: send -1")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"minimumRestMs\":001000}", "minimumRestMs", "001000 has a leading zero, which JSON numbers may not have: send 1000")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"minimumRestMs\":01.5}", "minimumRestMs", "01.5 has a leading zero, which JSON numbers may not have")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":0x1}", "module", "0x1 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1_0}", "module", "1_0 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1.}", "module", "1. is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1e+}", "module", "1e+ is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":+1}", "module", "+1 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":.5}", "module", ".5 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-}", "module", "- is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":NaN}", "module", "NaN is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-Infinity}", "module", "-Infinity is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":True}", "module", "True is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":None}", "module", "None is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"steps\":[01]}", "steps", "01 has a leading zero, which JSON numbers may not have: send 1")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"steps\":[\"Rest for 1 s\",NaN]}", "steps", "NaN is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"repeat\":False}", "repeat", "False is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    public void AMalformedNumberOrWordIsRefusedUnderItsFieldQuotingIt(string verb, string json, string field, string message)
    {
        var rig = new CommandRig();
        rig.Tick();
        string before = rig.Snapshot();

        CommandReply reply = rig.Send(verb, json);

        Assert.Equal((false, "n1", field, message), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
        rig.Tick();
        Assert.Equal(before, rig.Snapshot());
    }

    // The quoted text is bounded: a reply echoes at most a few dozen characters of what was sent.
    [Fact]
    public void ALongMalformedNumberIsQuotedShortened()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", "{\"id\":\"n2\",\"module\":0" + new string('7', 100) + "}");

        Assert.Equal("module", reply.ErrorField);
        Assert.Equal("0" + new string('7', 23) + "... has a leading zero, which JSON numbers may not have", reply.ErrorMessage);
    }

    // -0 is JSON's zero with a sign: it names module 0, as 0 does (RFC 8259 allows it; every parser reads it as 0).
    [Fact]
    public void MinusZeroIsZero()
    {
        var rig = new CommandRig();
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"z1\",\"module\":-0}").Ok);
        rig.Tick();
        Assert.NotEqual(Edge.Core.Records.ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.Equal(Edge.Core.Records.ModuleState.Idle, rig.Controller.Module(1).State);
    }
}
