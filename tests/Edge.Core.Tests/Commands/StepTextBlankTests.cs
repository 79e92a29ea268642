using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A step text copied from a document or a web page carries a no-break space between a number and its unit (U+00A0, or
/// the narrow U+202F that SI typography asks for: "1 s"). It was refused as "duration unit ' s' is not one of ms, s, min,
/// h", quoting a unit that reads as the valid "s". Such a blank separates words as a space does.
/// </summary>
public class StepTextBlankTests
{
    [Theory]
    [InlineData("\u00A0")]
    [InlineData("\u202F")]
    public void ANoBreakSpaceInAStepIsABlank(string blank)
    {
        var typed = new CommandRig();
        var pasted = new CommandRig();

        CommandReply plain = typed.Send("setProtocol", "{\"id\":\"b1\",\"steps\":[\"Strip at 1 mA/cm2 for 2 s\",\"Rest for 3 s\"]}");
        CommandReply reply = pasted.Send("setProtocol", "{\"id\":\"b1\",\"steps\":[\"Strip at 1" + blank + "mA/cm2 for 2" + blank + "s\",\"Rest for 3" + blank + "s\"]}");
        typed.Tick();
        pasted.Tick();

        Assert.True(plain.Ok);
        Assert.True(reply.Ok, reply.ErrorField + ": " + reply.ErrorMessage);
        var steps = pasted.Controller.Configuration.Protocol.Steps;
        Assert.Equal(2000, steps[0].DurationMs);
        Assert.Equal(3000, steps[1].DurationMs);
        Assert.Equal(typed.Controller.Configuration.Protocol.Steps[0].CurrentUa, steps[0].CurrentUa);
    }
}
