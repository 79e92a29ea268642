using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A step sent with a unit in another case ("MA/cm2", a megaampere per cm2 by SI case) was taken as the unit it spells in
/// lower case and ran at 1 mA/cm2; it is refused under its step, naming the spelling meant, and changes nothing.
/// </summary>
public class StepTextUnitCaseTests
{
    [Fact]
    public void AStepWithAUnitInAnotherCaseIsRefusedAndChangesNothing()
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", "{\"id\":\"k1\",\"steps\":[\"Strip at 1 MA/cm2 for 1 s\",\"Rest for 5 S\"],\"start\":true}");

        Assert.Equal((false, "steps[0]", "current unit 'MA/cm2': units are case-sensitive; write mA/cm2"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
