using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// The id's length counts UTF-16 code units (CONTRACT.md, Commands: an emoji counts as two). 33 emoji were refused as
/// "longer than 64 characters", which the sender, who counts 33, cannot reconcile; the refusal now gives the count it made.
/// </summary>
public class CommandIdLengthWordingTests
{
    [Fact]
    public void AnIdOverTheLimitSaysHowItWasCounted()
    {
        var rig = new CommandRig();
        string emoji = "\U0001F600";

        CommandReply overlong = rig.Send("start", "{\"id\":\"" + string.Concat(System.Linq.Enumerable.Repeat(emoji, 33)) + "\"}");
        CommandReply plain = rig.Send("start", "{\"id\":\"" + new string('a', 65) + "\"}");

        Assert.Equal(("id", "is 66 characters long, more than 64 (a character outside the Basic Multilingual Plane, such as an emoji, counts as two)"),
            (overlong.ErrorField, overlong.ErrorMessage));
        Assert.Equal(("id", "is 65 characters long, more than 64"), (plain.ErrorField, plain.ErrorMessage));
        Assert.True(rig.Send("start", "{\"id\":\"" + string.Concat(System.Linq.Enumerable.Repeat(emoji, 32)) + "\"}").Ok);
    }
}
