using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Tests.Commands;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>
/// A step above the module current limit was refused as "current 2355 uA exceeds the safety envelope's 2000 uA": the
/// sender of "Strip at 3 mA/cm2" had to work out the area, the board's key and the largest density that passes. The
/// refusal now gives them, with the bound that applies in the mode the protocol runs in: act mode refuses a step above
/// the derate level too. Board: 2 mA limit, cells of 0.785 cm2 (<see cref="BoardSafetyRig"/>). By hand: 3 mA/cm2 x
/// 0.785 cm2 = 2355 uA; 2000 / 0.785 = 2547.8 uA/cm2, so 2.54 mA/cm2 (1993.9 uA, 1994 rounded; 2.55 makes 2001.75,
/// 2002); the derate level 95 % of 2000 = 1900 uA, 1900 / 0.785 = 2420.4, so 2.42 (1899.7, 1900; 2.43 makes 1907.55).
/// </summary>
public class StepCurrentRefusalTests
{
    private static string Steps(string pulse) => "\"steps\":[\"Strip at " + pulse + " for 1 s\",\"Rest for 5 s\"]";

    [Fact]
    public void ObserveModeNamesTheDensityTheBoardsKeyAndTheLargestDensityThatPasses()
    {
        CommandRig rig = BoardSafetyRig.Create(ControlMode.Observe);

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"p1\"," + Steps("3 mA/cm2") + "}");

        Assert.Equal(
            (false, "steps[0]", "current 3 mA/cm2 on 0.785 cm2 is 2355 uA, above the safety envelope's 2000 uA (the board's [safety] max_module_current_ma): give at most 2000 uA (2.54 mA/cm2)"),
            (reply.Ok, reply.ErrorField, reply.ErrorMessage));

        // The density offered passes; the next hundredth does not.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p2\"," + Steps("2.54 mA/cm2") + "}").Ok);
        Assert.False(rig.Send("setProtocol", "{\"id\":\"p3\"," + Steps("2.55 mA/cm2") + "}").Ok);
    }

    [Fact]
    public void ActModeOffersTheDerateLevelAsTheLargestStep()
    {
        CommandRig rig = BoardSafetyRig.Create(ControlMode.Act);

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"p1\"," + Steps("3 mA/cm2") + "}");

        Assert.Equal(
            "current 3 mA/cm2 on 0.785 cm2 is 2355 uA, above the safety envelope's 2000 uA (the board's [safety] max_module_current_ma): give at most 1900 uA (2.42 mA/cm2), act mode's derate level; observe mode takes up to 2000 uA (2.54 mA/cm2)",
            reply.ErrorMessage);
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p2\"," + Steps("2.42 mA/cm2") + "}").Ok);
        Assert.False(rig.Send("setProtocol", "{\"id\":\"p3\"," + Steps("2.43 mA/cm2") + "}").Ok);
    }

    [Fact]
    public void ActModeNamesADerateLevelFollowingTheBoardsLimit()
    {
        // 2.45 mA/cm2 x 0.785 cm2 = 1923.25 uA, 1923: above the 1900 uA level, inside the 2000 uA limit.
        CommandReply reply = BoardSafetyRig.Create(ControlMode.Act).SendRefusedChangingNothing("setProtocol", "{\"id\":\"p1\"," + Steps("2.45 mA/cm2") + "}");

        Assert.Equal(
            "current 2.45 mA/cm2 on 0.785 cm2 is 1923 uA, above the safety envelope's derate level of 1900 uA (95 % of the board's [safety] max_module_current_ma, the safety limit 2000 uA): act mode would derate every pulse from its first; give at most 1900 uA (2.42 mA/cm2)",
            reply.ErrorMessage);
    }

    [Fact]
    public void ActModeNamesTheBoardsOwnDerateLevel()
    {
        // The board's module_current_derate_ma = 1.85: 1850 / 0.785 = 2356.7 uA/cm2, so 2.35 mA/cm2 (1844.75 uA, 1845).
        CommandRig rig = BoardSafetyRig.Create(ControlMode.Act, derateGivenUa: 1850);

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"p1\"," + Steps("2.45 mA/cm2") + "}");

        Assert.Equal(
            "current 2.45 mA/cm2 on 0.785 cm2 is 1923 uA, above the safety envelope's derate level of 1850 uA (the board's [safety] module_current_derate_ma; safety limit 2000 uA): act mode would derate every pulse from its first; give at most 1850 uA (2.35 mA/cm2)",
            reply.ErrorMessage);
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p2\"," + Steps("2.35 mA/cm2") + "}").Ok);
    }

    [Fact]
    public void ADensityBelowAThousandthOfAMilliampereIsLeftOut()
    {
        // 0.2 uA/cm2 rounds to no whole uA/cm2 on 10000 cm2: the current alone is named; 1925 / 10000 = 0.19 uA/cm2,
        // below 0.001 mA/cm2, so no density is offered.
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        configuration.Protocol.ElectrodeAreaCm2 = 10000;
        configuration.Protocol.Steps = new[] { new Edge.Core.Configuration.Protocol.ProtocolStep(Edge.Core.Configuration.Protocol.ProtocolStepKind.Strip, 2000, 1000) };

        ConfigurationError error = ConfigurationValidator.Validate(configuration, new Edge.Core.Sampling.PackLayout(2, 2, 0));

        Assert.Equal("protocol.steps[0]: current 2000 uA is above the safety envelope's 1925 uA: give at most 1925 uA", error.ToString());
    }
}
