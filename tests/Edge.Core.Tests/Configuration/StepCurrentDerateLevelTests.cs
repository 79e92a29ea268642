using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Sampling;
using Edge.Core.Tests.Commands;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>
/// A step current above the module current's derate level (RSL) is refused: the protection monitor derates a module
/// whose pulse current exceeds it (and warns above the MOL), so such a protocol ran derated from its first pulse, not as
/// asked. The default envelope: 5 mA/cm2 x 0.3848 cm2 = 1925 uA (1924.0 rounded up by the area scaling), derate level
/// 1925 - 5 % (96.25, floored to 96) = 1829 uA (ProtectionGrading.DerateBelow).
/// </summary>
public class StepCurrentDerateLevelTests
{
    private const int DerateLevelUa = 1829;

    [Fact]
    public void TheDefaultEnvelopesLevelsAreTheHandComputedOnes()
    {
        var protection = new ControllerConfiguration().Protection;
        Assert.Equal(1925, protection.ModuleMaximumCurrentUa);
        Assert.Equal(DerateLevelUa, protection.ModuleCurrentDerateUa);
    }

    [Theory]
    [InlineData(DerateLevelUa, true)]
    [InlineData(DerateLevelUa + 1, false)]
    [InlineData(1925, false)]
    public void AStepCurrentIsTakenUpToTheDerateLevel(int currentUa, bool valid)
    {
        var layout = new PackLayout(2, 2, 0);
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, currentUa, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };

        ConfigurationError error = ConfigurationValidator.Validate(configuration, layout);

        if (valid)
        {
            Assert.True(error == null, error?.ToString());
            return;
        }

        Assert.NotNull(error);
        Assert.Equal("protocol.steps[0]", error.Field);
        Assert.Equal(
            "current " + currentUa + " uA is above the safety envelope's derate level, protection.moduleCurrentDerateUa 1829 uA (safety limit 1925 uA): act mode would derate every pulse from its first; give at most 1829 uA",
            error.Message);
    }

    [Fact]
    public void SetProtocolRefusesAStripAtTheSafetyLimitAndChangesNothing()
    {
        var rig = new CommandRig();
        rig.Tick();
        string before = rig.Snapshot();

        CommandReply reply = rig.Send("setProtocol", "{\"id\":\"p1\",\"steps\":[\"Strip at 1.925 mA for 1 s\",\"Rest for 5 s\"],\"start\":true}");

        Assert.False(reply.Ok);
        Assert.Equal("steps[0]", reply.ErrorField);
        Assert.Contains("protection.moduleCurrentDerateUa 1829 uA", reply.ErrorMessage);
        rig.Tick();
        Assert.Equal(before, rig.Snapshot());

        // At the level itself it is taken.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p2\",\"steps\":[\"Strip at 1829 uA for 1 s\",\"Rest for 5 s\"]}").Ok);
    }

    [Fact]
    public void ObserveModeTakesAStepUpToTheLimitAndActModeIsThenRefusedUntilTheProtocolFits()
    {
        var rig = new CommandRig();
        Assert.True(rig.Send("setMode", "{\"id\":\"m1\",\"mode\":\"observe\"}").Ok);
        rig.Tick();

        // Observe mode only reports the levels: a watched programme may run up to the 1925 uA limit, not past it.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p1\",\"steps\":[\"Strip at 1.925 mA for 1 s\",\"Rest for 5 s\"]}").Ok);
        CommandReply over = rig.Send("setProtocol", "{\"id\":\"p2\",\"steps\":[\"Strip at 1.926 mA for 1 s\",\"Rest for 5 s\"]}");
        Assert.Equal("current 1926 uA exceeds the safety envelope's 1925 uA", over.ErrorMessage);
        rig.Tick();
        string before = rig.Snapshot();

        CommandReply act = rig.Send("setMode", "{\"id\":\"m2\",\"mode\":\"act\"}");
        Assert.False(act.Ok);
        Assert.Equal("mode", act.ErrorField);
        Assert.StartsWith("act mode refused: the protocol's steps[0]: current 1925 uA is above the safety envelope's derate level, protection.moduleCurrentDerateUa 1829 uA", act.ErrorMessage);
        rig.Tick();
        Assert.Equal(before, rig.Snapshot());

        // Once the protocol fits, act mode is taken; a protocol sent after it, before its tick, is checked in act mode.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p3\",\"steps\":[\"Strip at 1829 uA for 1 s\",\"Rest for 5 s\"]}").Ok);
        Assert.True(rig.Send("setMode", "{\"id\":\"m3\",\"mode\":\"act\"}").Ok);
        CommandReply late = rig.Send("setProtocol", "{\"id\":\"p4\",\"steps\":[\"Strip at 1.925 mA for 1 s\",\"Rest for 5 s\"]}");
        Assert.False(late.Ok);
        Assert.Contains("protection.moduleCurrentDerateUa 1829 uA", late.ErrorMessage);
    }
}
