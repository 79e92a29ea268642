using Edge.Core.Commands;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// What a command may not do to a pack: loosen the cells' plating limits (the critical current, the rest before plating
/// after stripping), plate above the critical current, ask for an adaptive rest shorter than a sample, start a held
/// module through a later reset; and what it must do: a start sent right after a stop is carried out, not swallowed.
/// </summary>
public class CommandSafetyTests
{
    [Fact]
    public void ACommandCannotRaiseThePlatingCriticalCurrent()
    {
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("setProtocol",
            "{\"id\":\"p\",\"platingCriticalCurrentUa\":1925,\"steps\":[\"Plate at 1925 uA for 1 s\",\"Rest for 1 s\"],\"start\":true}");
        Assert.False(reply.Ok);
        Assert.Equal("platingCriticalCurrentUa", reply.ErrorField);
        Assert.Contains("154", reply.ErrorMessage);
        rig.Tick();
        rig.Tick();
        Assert.False(rig.Actions.SwitchClosed[0]);

        // Lowering it is a tightening: accepted, and the new value holds.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"q\",\"platingCriticalCurrentUa\":100}").Ok);
        rig.Tick();
        Assert.Equal(100, rig.Controller.Configuration.Protocol.PlatingCriticalCurrentUa);

        // ...and raising it back to the configured 154 uA is within the cells' limit again.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"r\",\"platingCriticalCurrentUa\":154}").Ok);
    }

    [Fact]
    public void APlateStepAboveTheCriticalCurrentIsRefusedNotAcceptedAndCapped()
    {
        // 1 mA = 1000 uA against the default 154 uA (0.4 mA/cm2 of 0.3848 cm2).
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("setProtocol", "{\"id\":\"p\",\"steps\":[\"Strip at 385 uA for 1 s\",\"Plate at 1 mA for 1 s\"],\"start\":true}");
        Assert.False(reply.Ok);
        Assert.Equal("steps[1]", reply.ErrorField);
        Assert.Contains("1000 uA", reply.ErrorMessage);
        Assert.Contains("154", reply.ErrorMessage);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(5, 5000)]
    public void AdaptiveRestBoundsShorterThanASampleAreRefused(int min, int max)
    {
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("setProtocol",
            "{\"id\":\"p\",\"restMode\":\"adaptive\",\"minimumRestMs\":" + min + ",\"maximumRestMs\":" + max + ",\"steps\":[\"Strip at 385 uA for 1 s\",\"Rest\"],\"start\":true}");
        Assert.False(reply.Ok);
        Assert.Equal("minimumRestMs", reply.ErrorField);
        Assert.Contains("one sample period (10 ms)", reply.ErrorMessage);

        // At one sample it can be timed.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"q\",\"restMode\":\"adaptive\",\"minimumRestMs\":10,\"maximumRestMs\":5000}").Ok);
    }

    [Fact]
    public void TheRestBeforePlatingCannotBeShortenedByCommand()
    {
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("setProtocol",
            "{\"id\":\"p\",\"directionChangeRestMs\":0,\"steps\":[\"Strip at 385 uA for 1 s\",\"Plate at 154 uA for 1 s\"],\"start\":true}");
        Assert.False(reply.Ok);
        Assert.Equal("directionChangeRestMs", reply.ErrorField);
        Assert.Contains("35000", reply.ErrorMessage);

        // Longer is allowed.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"q\",\"directionChangeRestMs\":60000,\"directionChangeMaximumRestMs\":600000}").Ok);
    }

    [Fact]
    public void AMaximumRestBeforePlatingBelowTheFloorIsAskedToGrowNotTheRestToShrink()
    {
        // The defaults: directionChangeRestMs 35000 ms, which a command may not shorten. A maximum of 30000 ms can only be
        // mended by raising it, so the reply must not offer "give directionChangeRestMs at most 30000".
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"m\",\"directionChangeMaximumRestMs\":30000}");

        Assert.Equal(
            ("directionChangeMaximumRestMs", "30000 is below directionChangeRestMs (35000), which a command may not shorten below the 35000 ms the device started with: give directionChangeMaximumRestMs at least 35000"),
            (reply.ErrorField, reply.ErrorMessage));

        // Following that advice is accepted.
        Assert.True(rig.Send("setProtocol", "{\"id\":\"n\",\"directionChangeMaximumRestMs\":35000}").Ok);
    }

    [Fact]
    public void AStartSentDuringHoldIsNotAppliedByALaterResetFault()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();

        // A start for every module (the held one ignores it), then a reset of module 0 before the next tick: module 0
        // waits in Idle for a start of its own.
        Assert.True(rig.Send("start", "{\"id\":\"s2\"}").Ok);
        Assert.True(rig.Send("resetFault", "{\"id\":\"r\",\"module\":0}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.False(rig.Actions.SwitchClosed[0]);

        // Then a start of its own runs it.
        Assert.True(rig.Send("start", "{\"id\":\"s3\",\"module\":0}").Ok);
        rig.Tick();
        Assert.NotEqual(ModuleState.Idle, rig.Controller.Module(0).State);
    }

    [Fact]
    public void AStartForAHeldModuleIsRefusedWithTheReason()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();

        CommandReply reply = rig.Send("start", "{\"id\":\"s2\",\"module\":0}");
        Assert.False(reply.Ok);
        Assert.Equal("module", reply.ErrorField);
        Assert.Contains("resetFault", reply.ErrorMessage);
    }

    [Fact]
    public void StopThenStartInOneTickRestartsTheModule()
    {
        var rig = new CommandRig();
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"1\"}").Ok);
        rig.Tick();
        Assert.True(rig.Send("stop", "{\"id\":\"2\"}").Ok);
        Assert.True(rig.Send("start", "{\"id\":\"3\"}").Ok);
        rig.Tick();
        Assert.NotEqual(ModuleState.Done, rig.Controller.Module(0).State);
        Assert.NotEqual(ModuleState.Idle, rig.Controller.Module(0).State);

        // Start then stop in one tick: the stop came last, so the module ends Done.
        Assert.True(rig.Send("start", "{\"id\":\"4\"}").Ok);
        Assert.True(rig.Send("stop", "{\"id\":\"5\"}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Done, rig.Controller.Module(0).State);
    }
}
