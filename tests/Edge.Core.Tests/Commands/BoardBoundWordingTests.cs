using Edge.Core.Boards;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A bound set by the board's [safety] section read as a constant of the contract ("2600 is out of range [1, 2500]"): it
/// names the board's key, and a bound that is the contract's, or the controller's own tighter limit, names none.
/// </summary>
public class BoardBoundWordingTests
{
    [Fact]
    public void AStripCutoffAboveTheBoardsCellLimitNamesTheBoardsKey()
    {
        CommandReply reply = BoardSafetyRig.Create(ControlMode.Observe).SendRefusedChangingNothing("setProtocol", "{\"id\":\"c7\",\"stripCutoffMv\":2600}");

        Assert.Equal(
            (false, "stripCutoffMv", "2600 is out of range [1, 2500]: 2500 mV is the board's [safety] cell_voltage_max_mv"),
            (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void APlateCutoffBelowTheBoardsCellLimitNamesTheBoardsKey()
    {
        CommandReply reply = BoardSafetyRig.Create(ControlMode.Observe).SendRefusedChangingNothing("setProtocol", "{\"id\":\"c8\",\"plateCutoffMv\":-2600}");

        Assert.Equal(
            (false, "plateCutoffMv", "-2600 is out of range [-2500, -1]: -2500 mV is the board's [safety] cell_voltage_min_mv"),
            (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void ABoundOfTheContractNamesNoBoard()
    {
        // 1 mV is the contract's least cut-off, whatever the board: only the bound the board set is its key.
        CommandReply reply = BoardSafetyRig.Create(ControlMode.Observe).SendRefusedChangingNothing("setProtocol", "{\"id\":\"c9\",\"stripCutoffMv\":0}");

        Assert.Equal((false, "stripCutoffMv", "0 is out of range [1, 2500]"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void AControllersOwnTighterLimitNamesNoBoard()
    {
        // The controller's default 3300 mV is not the board's 3500 mV: the range stays as it was.
        var configuration = new ControllerConfiguration();
        BoardSafetyLimits.Apply(new SafetyEnvelope(2000, 2000, -3500, 3500, SafetyEnvelope.NoTemperatureLimit), configuration);
        var rig = new CommandRig(configuration: configuration);
        rig.Tick();

        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"c10\",\"stripCutoffMv\":3400}");

        Assert.Equal((false, "stripCutoffMv", "3400 is out of range [1, 3300]"), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }

    [Fact]
    public void APlatingCriticalCurrentAboveTheBoardsModuleLimitNamesTheBoardsKey()
    {
        // Not reachable by command (the cells' limit refuses it first): a configuration file written past the board's 2 mA.
        var configuration = new ControllerConfiguration();
        ElectrodeAreaScaling.Apply(configuration, BoardSafetyRig.AreaCm2);
        BoardSafetyLimits.Apply(new SafetyEnvelope(2000, 2000, -3000, 3000, SafetyEnvelope.NoTemperatureLimit), configuration);
        configuration.Protocol.PlatingCriticalCurrentUa = 2100;

        ConfigurationError error = ConfigurationValidator.Validate(configuration, new PackLayout(2, 2, 0));

        Assert.Equal("protocol.platingCriticalCurrentUa: 2100 is out of range [1, 2000]: 2000 uA is the board's [safety] max_module_current_ma", error.ToString());
    }
}
