using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A mode in another case ("Act") was refused as any unknown word, "must be \"observe\" or \"act\"", while a step's unit in
/// another case names the spelling meant: the choice in another case is named the same way, and an unknown word is not.
/// </summary>
public class ChoiceCaseWordingTests
{
    [Theory]
    [InlineData("Act", "act")]
    [InlineData("OBSERVE", "observe")]
    public void AModeInAnotherCaseNamesTheSpellingMeant(string sent, string meant)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setMode", "{\"id\":\"m1\",\"mode\":\"" + sent + "\"}");

        Assert.Equal(
            (false, "mode", "must be \"observe\" or \"act\": values are case-sensitive; write \"" + meant + "\""),
            (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void ARestModeInAnotherCaseNamesTheSpellingMeant()
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setProtocol", "{\"id\":\"m2\",\"restMode\":\"Adaptive\"}");

        Assert.Equal(
            (false, "restMode", "must be \"fixed\" or \"adaptive\": values are case-sensitive; write \"adaptive\""),
            (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Theory]
    [InlineData("setMode", "mode", "turbo", "must be \"observe\" or \"act\"")]
    [InlineData("setProtocol", "restMode", "acts", "must be \"fixed\" or \"adaptive\"")]
    public void AnUnknownWordGetsNoHint(string verb, string field, string sent, string expected)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, "{\"id\":\"m3\",\"" + field + "\":\"" + sent + "\"}");

        Assert.Equal((false, field, expected), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
