using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A string the payload ends inside (a message cut short by a script's buffer, or a closing quote left out) was refused
/// as "unterminated string": neither where the string began nor that the payload ended inside it. The refusal now says
/// both; positions count characters from 0, as the other structural refusals do, and the test finds the opening quote
/// in the payload itself.
/// </summary>
public class CommandUnterminatedStringWordingTests
{
    [Theory]
    [InlineData("start", "{\"id\":\"abc", "\"abc", "id", null)]
    [InlineData("setMode", "{\"id\":\"u1\",\"mode\":\"act}", "\"act", "mode", "u1")]
    [InlineData("start", "{\"id\":\"u1\",\"mod", "\"mod", "$", "u1")]
    [InlineData("setProtocol", "{\"id\":\"u1\",\"steps\":[\"Rest for 1 s\",\"Strip at 1 mA]}", "\"Strip", "steps", "u1")]
    // The payload ends inside an escape: still inside the string.
    [InlineData("setMode", "{\"id\":\"u1\",\"mode\":\"act\\", "\"act", "mode", "u1")]
    [InlineData("setMode", "{\"id\":\"u1\",\"mode\":\"act\\u00", "\"act", "mode", "u1")]
    public void AStringThePayloadEndsInsideSaysWhereItBegan(string verb, string json, string opening, string field, string id)
    {
        int at = json.IndexOf(opening, System.StringComparison.Ordinal);

        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal(
            (false, id, field, "unterminated string: it begins at character " + at + " and the payload ends inside it (cut short, or its closing quote is missing)"),
            (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // A closing quote that is there but escaped ends nothing: the string runs on to the end, from its own opening quote.
    [Fact]
    public void AnEscapedClosingQuoteLeavesTheStringOpen()
    {
        var rig = new CommandRig();

        CommandReply reply = rig.Send("setMode", "{\"id\":\"u2\",\"mode\":\"act\\\"}");

        Assert.Equal(("mode", "unterminated string: it begins at character 18 and the payload ends inside it (cut short, or its closing quote is missing)"),
            (reply.ErrorField, reply.ErrorMessage));
    }
}
