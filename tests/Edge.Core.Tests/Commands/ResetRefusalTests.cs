using Edge.Core.Commands;
using Edge.Core.Records;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A <c>resetFault</c> naming a module that holds no latched fault is refused, naming the module, instead of answered ok
/// with nothing done (CONTRACT.md, Commands: <c>resetFault</c>); a reset of every module, and one of a held module, are
/// taken as before.
/// </summary>
public class ResetRefusalTests
{
    [Fact]
    public void AResetOfAModuleThatIsNotHeldIsRefusedNamingItAndChangesNothing()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();

        // The operator picked module 1, the running one, not the held module 0.
        CommandReply reply = rig.SendRefusedChangingNothing("resetFault", "{\"id\":\"r1\",\"module\":1}");
        Assert.Equal("module", reply.ErrorField);
        Assert.Equal("module 1 holds no latched fault: nothing to reset", reply.ErrorMessage);

        // The held module stayed held through the tick after the refusal: nothing was asked of it.
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0));
    }

    [Fact]
    public void AResetOfAnIdleModuleOnAPackWithNothingHeldIsRefused()
    {
        var rig = new CommandRig();
        rig.Tick();
        CommandReply reply = rig.Send("resetFault", "{\"id\":\"r1\",\"module\":0}");
        Assert.False(reply.Ok);
        Assert.Equal("module", reply.ErrorField);
        Assert.Equal("module 0 holds no latched fault: nothing to reset", reply.ErrorMessage);
    }

    [Fact]
    public void AResetOfTheHeldModuleOrOfEveryModuleIsTaken()
    {
        var rig = new CommandRig();
        rig.HoldModuleZero();
        Assert.True(rig.Send("resetFault", "{\"id\":\"r1\",\"module\":0}").Ok);
        rig.Tick();
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));

        // Every module (no module, or -1) resets whichever are held, none here: taken, as before.
        Assert.True(rig.Send("resetFault", "{\"id\":\"r2\"}").Ok);
        Assert.True(rig.Send("resetFault", "{\"id\":\"r3\",\"module\":-1}").Ok);
    }

    [Fact]
    public void AResetOfALatchRestoredAtBootIsTakenBeforeTheTickThatAppliesIt()
    {
        // Restored from the stored record at boot: the live latched set lacks it until the first tick.
        var rig = new CommandRig();
        rig.Controller.RestoreLatchedFault(1, DiagnosisId.HardShort);
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(1));

        Assert.True(rig.Send("resetFault", "{\"id\":\"r1\",\"module\":1}").Ok);
        Assert.False(rig.Send("resetFault", "{\"id\":\"r2\",\"module\":0}").Ok);
    }
}
