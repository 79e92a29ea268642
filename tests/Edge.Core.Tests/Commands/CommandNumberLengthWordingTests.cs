using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A number past the reader's 128 characters was refused as "number longer than 128 characters", while an overlong
/// string or field name says how long it was: a number now says it the same way, under its field.
/// </summary>
public class CommandNumberLengthWordingTests
{
    [Fact]
    public void AnOverlongNumberSaysItsLengthAndTheLimit()
    {
        var rig = new CommandRig();

        // "1" and 199 zeros: 200 characters.
        CommandReply reply = rig.Send("start", "{\"id\":\"N1\",\"module\":1" + new string('0', 199) + "}");

        Assert.Equal((false, "module", "a number is 200 characters long, more than 128"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
