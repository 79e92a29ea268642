using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// Home Assistant's MQTT templates and Node-RED's template node render every value as text, so "module":"1" and
/// "repeat":"true" are what an integrator sends first. "must be a number" for "1" reads as if 1 were wrong; the refusal
/// now says the value is in quotes and what to send. Text that is no number ("one") keeps the plain message.
/// </summary>
public class QuotedValueWordingTests
{
    [Theory]
    [InlineData("start", "{\"id\":\"q1\",\"module\":\"1\"}", "module", "must be a number: \"1\" is in quotes, send 1")]
    [InlineData("setProtocol", "{\"id\":\"q1\",\"minimumRestMs\":\"-2.5e3\"}", "minimumRestMs", "must be a number: \"-2.5e3\" is in quotes, send -2.5e3")]
    [InlineData("setProtocol", "{\"id\":\"q1\",\"repeat\":\"true\"}", "repeat", "must be true or false: \"true\" is in quotes, send true")]
    [InlineData("setProtocol", "{\"id\":\"q1\",\"start\":\"false\"}", "start", "must be true or false: \"false\" is in quotes, send false")]
    [InlineData("start", "{\"id\":\"q1\",\"module\":\"one\"}", "module", "must be a number")]
    [InlineData("start", "{\"id\":\"q1\",\"module\":\"1e\"}", "module", "must be a number")]
    [InlineData("start", "{\"id\":\"q1\",\"module\":\"01\"}", "module", "must be a number")]
    [InlineData("setProtocol", "{\"id\":\"q1\",\"repeat\":\"True\"}", "repeat", "must be true or false")]
    public void AValueInQuotesIsRefusedSayingSo(string verb, string json, string field, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal((false, field, message), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
