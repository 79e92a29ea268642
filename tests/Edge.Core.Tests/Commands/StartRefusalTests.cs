using Edge.Core.Commands;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A start the device cannot carry out is refused with the reason instead of answered ok (CONTRACT.md, Commands:
/// <c>start</c>): a start right after a reset of the same module, before that reset's tick, and a start on a unit
/// without its own calibration.
/// </summary>
public class StartRefusalTests
{
    [Fact]
    public void AStartRightAfterAnAcceptedResetSaysTheResetTakesEffectAtTheNextTick()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();

        Assert.True(rig.Send("resetFault", "{\"id\":\"r1\",\"module\":0}").Ok);
        CommandReply start = rig.Send("start", "{\"id\":\"s2\",\"module\":0}");
        Assert.False(start.Ok);
        Assert.Equal("module", start.ErrorField);
        Assert.Equal("module 0's resetFault takes effect at the next tick: send start after that", start.ErrorMessage);

        // As the reply says: after that tick the module waits in Idle and a start runs it.
        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.True(rig.Send("start", "{\"id\":\"s3\",\"module\":0}").Ok);
        rig.Tick();

        // Running: a rest first, as the current was cut short less than a rest ago (A start soon after a current).
        Assert.Contains(rig.Controller.Module(0).State, new[] { ModuleState.Pulse, ModuleState.Rest });
    }

    [Fact]
    public void AStartForAHeldModuleWithoutAResetStillAsksForTheReset()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();

        // A reset of the other module, which holds nothing, is refused and is no reset of this one.
        Assert.False(rig.Send("resetFault", "{\"id\":\"r1\",\"module\":1}").Ok);
        CommandReply start = rig.Send("start", "{\"id\":\"s2\",\"module\":0}");
        Assert.Equal("module 0 holds a latched fault: send resetFault for it first, then start", start.ErrorMessage);
    }

    [Fact]
    public void AStartOnAnUncalibratedUnitIsRefusedWithTheReason()
    {
        var rig = new CommandRig { Uncalibrated = true };
        rig.Tick();

        CommandReply start = rig.SendRefusedChangingNothing("start", "{\"id\":\"s1\"}");
        Assert.Equal("$", start.ErrorField);
        Assert.StartsWith("the unit is not calibrated", start.ErrorMessage);

        CommandReply protocol = rig.SendRefusedChangingNothing("setProtocol", "{\"id\":\"p1\",\"repeat\":true,\"start\":true}");
        Assert.Equal("start", protocol.ErrorField);
        Assert.StartsWith("the unit is not calibrated", protocol.ErrorMessage);

        // Once its readings are calibrated the start is taken and runs.
        rig.Uncalibrated = false;
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"s2\"}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
    }

    /// <summary>
    /// A calibration that just finished (the host converts through it from its next reading: ExpectCalibration) makes
    /// a start taken, not refused as "not calibrated"; the frame of the tick under way may still have gone through the
    /// nominal curves. The start waits through it and runs at the first calibrated frame, never on an uncalibrated one.
    /// </summary>
    [Fact]
    public void AStartRightAfterACalibrationFinishedWaitsForTheFirstCalibratedFrame()
    {
        var rig = new CommandRig { Uncalibrated = true };
        rig.Tick();
        rig.Controller.ExpectCalibration();
        Assert.True(rig.Send("start", "{\"id\":\"s1\"}").Ok);
        Assert.True(rig.Send("setProtocol", "{\"id\":\"p1\",\"repeat\":true,\"start\":true}").Ok);

        // The tick under way read its channels before the swap: nothing closes, and the start is still waiting.
        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.False(rig.Actions.SwitchClosed[0]);
        Assert.True(rig.Controller.IsStartPending);

        rig.Uncalibrated = false;
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(1).State);
        Assert.True(rig.Actions.SwitchClosed[0]);
    }

    /// <summary>
    /// The wait is bounded: frames that stay uncalibrated (the calibration never reached the readings) give the start
    /// the uncalibrated answer after the two ticks a swap can take, it never runs, and a start after that is refused again.
    /// </summary>
    [Fact]
    public void AStartWaitingForACalibrationThatNeverArrivesNeverRuns()
    {
        var rig = new CommandRig { Uncalibrated = true };
        rig.Tick();
        rig.Controller.ExpectCalibration();
        Assert.True(rig.Send("start", "{\"id\":\"s1\"}").Ok);
        for (int i = 0; i < 10; i++)
        {
            rig.Tick();
            Assert.False(rig.Actions.SwitchClosed[0], "tick " + i);
            Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        }

        Assert.False(rig.Controller.IsStartPending);
        Assert.StartsWith("the unit is not calibrated", rig.Send("start", "{\"id\":\"s2\"}").ErrorMessage);
    }

    /// <summary>Both modules held (a hard short latched in each before the device reset, restored at boot).</summary>
    private static CommandRig EveryModuleHeld()
    {
        var rig = new CommandRig();
        rig.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
        rig.Controller.RestoreLatchedFault(1, DiagnosisId.HardShort);
        rig.Tick();
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(1).State);
        return rig;
    }

    /// <summary>
    /// A start of every module (no module, or -1) while every module holds a latched fault starts nothing: held modules
    /// ignore it. It was answered ok; it is refused naming what to do, and changes nothing.
    /// </summary>
    [Fact]
    public void AStartOfEveryModuleWhileEveryModuleIsHeldIsRefused()
    {
        CommandRig rig = EveryModuleHeld();

        foreach (string payload in new[] { "{\"id\":\"s1\"}", "{\"id\":\"s2\",\"module\":-1}" })
        {
            CommandReply start = rig.SendRefusedChangingNothing("start", payload);
            Assert.Equal("module", start.ErrorField);
            Assert.Equal("every module holds a latched fault: send resetFault first, then start", start.ErrorMessage);
        }

        Assert.False(rig.Actions.SwitchClosed[0]);
        Assert.False(rig.Actions.SwitchClosed[1]);

        // With one module free again, a start of every module starts that one and is taken (the held one ignores it).
        Assert.True(rig.Send("resetFault", "{\"id\":\"r1\",\"module\":0}").Ok);
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"s3\"}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(1).State);
        Assert.False(rig.Actions.SwitchClosed[1]);
    }

    /// <summary>
    /// A start of every module right behind the reset of every module, before the reset's tick, would be dropped at that
    /// tick (a reset module waits for a start of its own): refused saying so; after the tick the start runs both.
    /// </summary>
    [Fact]
    public void AStartOfEveryModuleRightAfterTheirResetSaysTheResetTakesEffectAtTheNextTick()
    {
        CommandRig rig = EveryModuleHeld();
        Assert.True(rig.Send("resetFault", "{\"id\":\"r1\"}").Ok);
        CommandReply start = rig.Send("start", "{\"id\":\"s1\"}");
        Assert.False(start.Ok);
        Assert.Equal("module", start.ErrorField);
        Assert.Equal("every module holds a latched fault and the resetFault sent takes effect at the next tick: send start after that", start.ErrorMessage);

        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(1).State);
        Assert.True(rig.Send("start", "{\"id\":\"s2\"}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Pulse, rig.Controller.Module(1).State);
    }
}
