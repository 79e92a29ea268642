using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A string past its limit (CONTRACT.md, Commands: 128 characters, an id 64) was refused as "string longer than 128
/// characters": the sender learnt neither how long the string was nor, for an id, that its own limit is 64. Every such
/// refusal now says it as the id's did: "is N characters long, more than M", counting UTF-16 code units of the decoded
/// text (an escape is the one character it stands for).
/// </summary>
public class CommandStringLengthWordingTests
{
    [Fact]
    public void AnOverlongValueSaysItsLengthAndTheLimit()
    {
        // 130 characters: "act" and 127 'x'.
        CommandReply reply = CommandRig.RefusalFromIdleRig("setMode", "{\"id\":\"L1\",\"mode\":\"act" + new string('x', 127) + "\"}");

        Assert.Equal((false, "L1", "mode", "is 130 characters long, more than 128"), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // A step text is named by its place in the list, as every other refusal of a step is ("steps[1]").
    [Fact]
    public void AnOverlongStepTextIsNamedByItsIndex()
    {
        var rig = new CommandRig();
        string step = "Rest for 5 s" + new string(' ', 188);

        CommandReply reply = rig.Send("setProtocol", "{\"id\":\"L2\",\"steps\":[\"Rest for 1 s\",\"" + step + "\"]}");

        Assert.Equal(("steps[1]", "is 200 characters long, more than 128"), (reply.ErrorField, reply.ErrorMessage));
    }

    // An id past the reader's 128 characters meets the id's own limit, 64, as a shorter overlong id does.
    [Fact]
    public void AnIdPastEveryLimitNamesTheIdsLimit()
    {
        var rig = new CommandRig();

        CommandReply reply = rig.Send("start", "{\"id\":\"" + new string('a', 300) + "\"}");

        Assert.Equal((null, "id", "is 300 characters long, more than 64"), (reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // 129 escaped e-acutes are 774 bytes of payload and 129 characters of text; 65 emoji are 130 code units.
    [Fact]
    public void EscapesAndEmojiAreCountedAsTheTextTheyMake()
    {
        var rig = new CommandRig();
        string emoji = "\U0001F600";

        CommandReply escaped = rig.Send("setMode", "{\"id\":\"L3\",\"mode\":\"" + string.Concat(System.Linq.Enumerable.Repeat("\\u00e9", 129)) + "\"}");
        CommandReply astral = rig.Send("setMode", "{\"id\":\"L4\",\"mode\":\"" + string.Concat(System.Linq.Enumerable.Repeat(emoji, 65)) + "\"}");

        Assert.Equal(("mode", "is 129 characters long, more than 128"), (escaped.ErrorField, escaped.ErrorMessage));
        Assert.Equal(("mode", "is 130 characters long, more than 128 (a character outside the Basic Multilingual Plane, such as an emoji, counts as two)"),
            (astral.ErrorField, astral.ErrorMessage));
    }

    [Fact]
    public void AnOverlongFieldNameSaysItIsAFieldName()
    {
        var rig = new CommandRig();

        CommandReply reply = rig.Send("start", "{\"id\":\"L5\",\"" + new string('m', 129) + "\":0}");

        Assert.Equal(("$", "a field name is 129 characters long, more than 128"), (reply.ErrorField, reply.ErrorMessage));
    }
}
