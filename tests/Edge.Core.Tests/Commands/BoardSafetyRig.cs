using Edge.Core.Boards;
using Edge.Core.Configuration;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A command rig on a board whose [safety] section limits the cells to -2500..2500 mV and the modules to 2 mA, on cells of
/// 0.785 cm2 (a 10 mm O-ring: pi x 0.5^2 cm2, to three decimals), with the protocol's cut-offs inside those limits.
/// </summary>
internal static class BoardSafetyRig
{
    public const double AreaCm2 = 0.785;

    public static CommandRig Create(ControlMode mode, int derateGivenUa = SafetyEnvelope.NotGiven)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        // As the device boots: the area first (the controller's 5 mA/cm2 module limit becomes 3925 uA), then the board's
        // envelope, whose 2 mA is then the limit in effect.
        ElectrodeAreaScaling.Apply(configuration, AreaCm2);
        configuration.Protocol.StripCutoffMv = 2400;
        configuration.Protocol.PlateCutoffMv = -2400;
        var envelope = new SafetyEnvelope(2000, 2000, -2500, 2500, SafetyEnvelope.NoTemperatureLimit) { ModuleCurrentDerateUa = derateGivenUa };
        BoardSafetyLimits.Apply(envelope, configuration);
        var rig = new CommandRig(configuration: configuration);
        rig.Tick();
        return rig;
    }
}
