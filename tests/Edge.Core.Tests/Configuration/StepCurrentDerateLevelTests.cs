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

    // The density asked is the current over the default 0.3848 cm2, to the parser's 1 uA: 1830 / 0.3848 = 4755.7 uA/cm2,
    // 1925 / 0.3848 = 5002.6; the largest step in hundredths of mA/cm2 at the level: 1829 / 0.3848 = 4753.1, so 4.75
    // (4.75 x 384.8 = 1827.8 uA, 1828 once rounded; 4.76 would be 1832).
    [Theory]
    [InlineData(DerateLevelUa, true, null)]
    [InlineData(DerateLevelUa + 1, false, "4.756")]
    [InlineData(1925, false, "5.003")]
    public void AStepCurrentIsTakenUpToTheDerateLevel(int currentUa, bool valid, string densityMaPerCm2)
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
            "current " + densityMaPerCm2 + " mA/cm2 on 0.3848 cm2 is " + currentUa + " uA, above the safety envelope's derate level of 1829 uA (protection.moduleCurrentDerateUa; safety limit 1925 uA): act mode would derate every pulse from its first; give at most 1829 uA (4.75 mA/cm2)",
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
        Assert.Contains("derate level of 1829 uA (protection.moduleCurrentDerateUa;", reply.ErrorMessage);
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
        // 1926 / 0.3848 = 5005.2 uA/cm2; the limit 1925 / 0.3848 = 5002.6, so 5 mA/cm2 (1924 uA) is the largest in hundredths.
        Assert.Equal("current 5.005 mA/cm2 on 0.3848 cm2 is 1926 uA, above the safety envelope's 1925 uA: give at most 1925 uA (5 mA/cm2)", over.ErrorMessage);
        rig.Tick();
        string before = rig.Snapshot();

        CommandReply act = rig.Send("setMode", "{\"id\":\"m2\",\"mode\":\"act\"}");
        Assert.False(act.Ok);
        Assert.Equal("mode", act.ErrorField);
        Assert.StartsWith("act mode refused: the protocol's steps[0]: current 5.003 mA/cm2 on 0.3848 cm2 is 1925 uA, above the safety envelope's derate level of 1829 uA (protection.moduleCurrentDerateUa; safety limit 1925 uA)", act.ErrorMessage);
        rig.Tick();
        Assert.Equal(before, rig.Snapshot());

        // Once the protocol fits, act mode is taken; a protocol sent after it, before its tick, is checked in act mode.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p3\",\"steps\":[\"Strip at 1829 uA for 1 s\",\"Rest for 5 s\"]}").Ok);
        Assert.True(rig.Send("setMode", "{\"id\":\"m3\",\"mode\":\"act\"}").Ok);
        CommandReply late = rig.Send("setProtocol", "{\"id\":\"p4\",\"steps\":[\"Strip at 1.925 mA for 1 s\",\"Rest for 5 s\"]}");
        Assert.False(late.Ok);
        Assert.Contains("derate level of 1829 uA (protection.moduleCurrentDerateUa;", late.ErrorMessage);
    }
}
