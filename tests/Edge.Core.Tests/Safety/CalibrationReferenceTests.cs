using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// Channels marked <see cref="ChannelStatus.CalibrationReference"/> carry the device's calibration references, not the
/// cells: neither a fault nor a recovery. Nothing latches on the references, far beyond every limit as they are, and a
/// real channel fault on either side of them is counted as if they had not been there.
/// </summary>
public class CalibrationReferenceTests
{
    private sealed class Rig : OneModuleRig
    {
        public Rig()
            : base(1, 0, new ControllerConfiguration { StartImmediately = false })
        {
        }

        public void Step(int cellMv, ChannelStatus cell, int currentUa, ChannelStatus current)
        {
            Frame.CellVoltageMv[0] = cellMv;
            Frame.CellVoltageStatus[0] = cell;
            Frame.ModuleCurrentUa[0] = currentUa;
            Frame.ModuleCurrentStatus[0] = current;
            Run();
        }
    }

    [Fact]
    public void ReferencesBeyondEveryLimitLatchNothingAndWriteNoEvent()
    {
        // 3000 mV against the 2970 mV warning and 2000 uA against the 1925 uA limit, as calibration applies them, and
        // -3000 mV and -2000 uA as its negative points do; 100 ticks of each.
        var rig = new Rig();
        foreach (int sign in new[] { 1, -1 })
        {
            for (int i = 0; i < 100; i++)
            {
                rig.Step(sign * 3000, ChannelStatus.CalibrationReference, sign * 2000, ChannelStatus.CalibrationReference);
            }
        }

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Empty(rig.Events);
        Assert.False(rig.Actions.SwitchClosed[0]);
    }

    [Fact]
    public void ReferencesBetweenTwoSaturatedReadingsAndAThirdDoNotResetTheirCount()
    {
        // The saturated-channel row latches on its third reading (debounce 3). Two before the references and one after
        // latch it: had the references counted as recovered readings, the count would have started again.
        var rig = new Rig();
        rig.Step(100, ChannelStatus.Valid, 0, ChannelStatus.Valid);
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        for (int i = 0; i < 20; i++)
        {
            rig.Step(3000, ChannelStatus.CalibrationReference, 0, ChannelStatus.CalibrationReference);
        }

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Contains(EventKind.ChannelFault, rig.Events);
    }
}
