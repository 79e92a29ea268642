using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// Names are case-sensitive (CONTRACT.md, Commands): a field or verb written in another case (Home Assistant and
/// Node-RED templates, a C# client serializing its properties as "Module" or "ID") is refused, and the refusal names
/// the spelling that is meant, where "is not a field of this command" or "is missing" left the sender looking at the
/// very word the contract lists.
/// </summary>
public class CommandNameCaseTests
{
    [Theory]
    [InlineData("start", "{\"id\":\"k1\",\"Module\":0}", "k1", "Module", "is not a field of this command: names are case-sensitive, this one is \"module\"")]
    [InlineData("setProtocol", "{\"id\":\"k1\",\"MinimumRestMs\":1000}", "k1", "MinimumRestMs", "is not a field of this command: names are case-sensitive, this one is \"minimumRestMs\"")]
    [InlineData("setMode", "{\"id\":\"k1\",\"MODE\":\"act\"}", "k1", "MODE", "is not a field of this command: names are case-sensitive, this one is \"mode\"")]
    [InlineData("getConfig", "{\"id\":\"k1\",\"Id\":\"k1\"}", "k1", "Id", "is not a field of this command: names are case-sensitive, this one is \"id\"")]
    [InlineData("start", "{\"ID\":\"k1\"}", null, "id", "is missing: names are case-sensitive, and \"ID\" was sent")]
    [InlineData("start", "{\"id\":\"k1\",\"\":0}", "k1", "", "is not a field of this command: a field name is empty")]
    [InlineData("start", "{\"id\":\"k1\",\"modul\":0}", "k1", "modul", "is not a field of this command")]
    [InlineData("Start", "{\"id\":\"k1\"}", "k1", "verb", "is not a known command: verbs are case-sensitive, this one is \"start\"")]
    [InlineData("setprotocol", "{\"id\":\"k1\"}", "k1", "verb", "is not a known command: verbs are case-sensitive, this one is \"setProtocol\"")]
    [InlineData("reset", "{\"id\":\"k1\"}", "k1", "verb", "is not a known command")]
    public void ANameInAnotherCaseIsRefusedNamingTheSpellingMeant(string verb, string json, string id, string field, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal((false, id, field, message), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }
}
