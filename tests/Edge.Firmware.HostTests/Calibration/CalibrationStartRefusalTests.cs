// Licensed under the MIT License.

using Edge.Core.Commands;
using Edge.Core.Records;
using Edge.Firmware.Calibration;
using Xunit;

namespace Edge.Firmware.HostTests.Calibration
{
    /// <summary>
    /// While a calibration holds every switch open no module may start: a start accepted then had the controller believe
    /// its modules pulsed, and at the calibration's end the stop and the first normal frame landed in one tick, the 0 mV
    /// cells judged as if current flowed: a hardShort latched (and stored) on every started module. The contract
    /// (CONTRACT.md, start and setProtocol) says such a start is refused with the reason, and a calibration does not
    /// begin while a start waits for its tick.
    /// </summary>
    public class CalibrationStartRefusalTests
    {
        [Fact]
        public void AStartDuringACalibrationIsRefusedAndItsEndLatchesNothing()
        {
            CalibrationRig rig = new CalibrationRig();
            rig.Ticks(1);
            Assert.True(rig.Send("calibrate", "{\"id\":\"c1\",\"action\":\"begin\"}").Ok);

            CommandReply start = rig.Send("start", "{\"id\":\"s1\"}");
            Assert.False(start.Ok);
            Assert.Equal("$", start.ErrorField);
            Assert.Equal("calibration in progress: abort or finish it first", start.ErrorMessage);

            CommandReply one = rig.Send("start", "{\"id\":\"s2\",\"module\":1}");
            Assert.False(one.Ok);
            Assert.Equal("calibration in progress: abort or finish it first", one.ErrorMessage);

            CommandReply protocol = rig.Send("setProtocol", "{\"id\":\"p1\",\"start\":true}");
            Assert.False(protocol.Ok);
            Assert.Equal("start", protocol.ErrorField);
            Assert.StartsWith("calibration in progress: abort or finish it first", protocol.ErrorMessage);

            // The protocol alone may change: nothing starts with it.
            Assert.True(rig.Send("setProtocol", "{\"id\":\"p2\",\"repeat\":true}").Ok);

            rig.Ticks(300);
            Assert.True(rig.Send("calibrate", "{\"id\":\"c2\",\"action\":\"abort\"}").Ok);
            rig.Ticks(300);

            Assert.False(rig.AnySwitchEverClosed());
            for (int m = 0; m < rig.ModuleCount; m++)
            {
                Assert.False(rig.Controller.Diagnosis.HasLatchedFault(m), "module " + m + " latched " + rig.Controller.Diagnosis.LatchCause(m));
                Assert.Equal(ModuleState.Idle, rig.Controller.Module(m).State);
            }
        }

        [Fact]
        public void AStartIsTakenAgainOnceTheCalibrationEnds()
        {
            CalibrationRig rig = new CalibrationRig();
            rig.Ticks(1);
            Assert.True(rig.Send("calibrate", "{\"id\":\"c1\",\"action\":\"begin\"}").Ok);
            Assert.False(rig.Send("start", "{\"id\":\"s1\"}").Ok);
            Assert.True(rig.Send("calibrate", "{\"id\":\"c2\",\"action\":\"abort\"}").Ok);
            rig.Ticks(1);

            Assert.True(rig.Send("start", "{\"id\":\"s2\",\"module\":0}").Ok);
            rig.Ticks(1);
            Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
        }

        [Fact]
        public void ACalibrationDoesNotBeginWhileAStartWaitsForItsTick()
        {
            CalibrationRig rig = new CalibrationRig();
            rig.Ticks(1);
            Assert.True(rig.Send("start", "{\"id\":\"s1\"}").Ok);

            // Queued, not applied yet: no module runs, and begin must still refuse.
            Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
            CommandReply begin = rig.Send("calibrate", "{\"id\":\"c1\",\"action\":\"begin\"}");
            Assert.False(begin.Ok);
            Assert.Equal("action", begin.ErrorField);
            Assert.StartsWith("a start is waiting for the next tick: send stop", begin.ErrorMessage);
            Assert.False(rig.Mode.IsActive);

            // The start runs; a begin now names the running module; after a stop it is accepted.
            rig.Ticks(1);
            Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
            Assert.StartsWith("module 0 is running", rig.Send("calibrate", "{\"id\":\"c2\",\"action\":\"begin\"}").ErrorMessage);
            Assert.True(rig.Send("stop", "{\"id\":\"t1\"}").Ok);
            rig.Ticks(1);
            Assert.True(rig.Send("calibrate", "{\"id\":\"c3\",\"action\":\"begin\"}").Ok);
        }

        [Fact]
        public void TheConsolesBeginRefusesAPendingStartToo()
        {
            // The console calls the mode directly, not through the handler: the check is the controller's, atomic with the bar.
            CalibrationRig rig = new CalibrationRig();
            rig.Ticks(1);
            Assert.True(rig.Controller.RequestStart(-1));
            Assert.NotNull(rig.Mode.Begin(null, 0));
            Assert.Null(rig.Controller.StartBar);

            rig.Controller.RequestStop(-1);
            rig.Ticks(1);
            Assert.Null(rig.Mode.Begin(null, 0));
            Assert.Equal(CalibrationMode.StartRefusal, rig.Controller.StartBar);
            Assert.False(rig.Controller.RequestStart(-1));
            Assert.False(rig.Controller.IsStartPending);
        }
    }
}
