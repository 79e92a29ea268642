using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A command field out of range was refused as "is out of range [-1, 1]", without the value sent, while the configuration's
/// own checks wrote "2600 is out of range [1, 2500]": every range refusal names the value as sent, however long.
/// </summary>
public class RangeRefusalWordingTests
{
    [Theory]
    [InlineData("start", "2")]
    [InlineData("stop", "-2")]
    [InlineData("resetFault", "99999999999999999999")]
    [InlineData("start", "-9223372036854775809")]
    public void AModuleOutOfRangeIsNamedAsSent(string verb, string sent)
    {
        // The rig has 2 modules: 0 and 1, or -1 for every module.
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, "{\"id\":\"c5\",\"module\":" + sent + "}");

        Assert.Equal((false, "module", sent + " is out of range [-1, 1]"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Theory]
    [InlineData("capacityLimitUc", "9007199254740992")]
    [InlineData("timeLimitMs", "-1")]
    public void ALimitOutOfRangeIsNamedAsSent(string field, string sent)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", "{\"id\":\"c6\",\"" + field + "\":" + sent + "}");

        Assert.Equal((false, field, sent + " is out of range [0, 9007199254740991]"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
