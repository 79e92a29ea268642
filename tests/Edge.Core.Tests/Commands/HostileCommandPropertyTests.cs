using Edge.Core.Commands;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// 10,000 malformed or hostile command payloads: no exception escapes, every one is rejected with a
/// named field, and the controller's configuration, protocol and module states stay as they were.
/// </summary>
public class HostileCommandPropertyTests
{
    [Fact]
    public void TheGeneratorsTemplatesAreThemselvesValid()
    {
        // Guards the property below: its payloads are hostile because of the mutation, not the template.
        for (int v = 0; v < HostileCommandGenerator.ValidVerbs.Length; v++)
        {
            // A rig per verb: the templates share one id, and a reused id is refused (idempotency).
            var rig = new CommandRig();
            CommandReply reply = rig.Send(HostileCommandGenerator.ValidVerbs[v], HostileCommandGenerator.Templates[v]);
            Assert.True(reply.Ok, HostileCommandGenerator.ValidVerbs[v] + ": " + reply.ErrorField + " " + reply.ErrorMessage);
        }
    }

    [Fact]
    public void HostilePayloadsAreRejectedWithoutExceptionOrStateChange()
    {
        var rig = new CommandRig();
        rig.Tick();
        Gen<HostileCommandGenerator.HostileCase> cases = HostileCommandGenerator.Cases();

        int tried = 0;
        var kinds = new int[HostileCommandGenerator.KindCount];
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            tried++;
            kinds[c.Kind]++;
            (string verb, byte[] payload) = HostileCommandGenerator.Build(c);
            CommandReply reply = rig.SendRefusedChangingNothing(verb, payload);
            return !string.IsNullOrEmpty(reply.ErrorField) && !string.IsNullOrEmpty(reply.ErrorMessage);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(10000));

        Assert.Equal(10000, tried);
        Assert.All(kinds, count => Assert.True(count > 500));
    }
}
