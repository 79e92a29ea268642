// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Hardware
{
    /// <summary>
    /// A PWM-clocked switch opens by duty, never by stopping its LEDC channel (a stop would silence
    /// the channel's timer partner): open is a static inactive level (0 counts active-high, written as
    /// one duty step; duty 1.0 active-low), closed a 50 % clock.
    /// </summary>
    [TestClass]
    public class PwmLoadSwitchTests
    {
        [TestMethod]
        public void ActiveHighSwitchOpensAtOneDutyStepAndClosesAtHalf()
        {
            FakePwmOutput output = new FakePwmOutput();
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(output, PinPolarity.ActiveHigh);
            Assert.IsTrue(output.DutyCycle == LedcDuty.ZeroCounts, "open at creation: one duty step, got " + output.DutyCycle.ToString());

            pwmSwitch.SetClosed(true);
            Assert.IsTrue(output.DutyCycle == 0.5, "closed: a 50 % clock, got " + output.DutyCycle.ToString());

            pwmSwitch.SetClosed(false);
            Assert.IsTrue(output.DutyCycle == LedcDuty.ZeroCounts, "open again: one duty step, got " + output.DutyCycle.ToString());

            // Closing again works without a restart: the output was never stopped.
            pwmSwitch.SetClosed(true);
            Assert.IsTrue(output.DutyCycle == 0.5, "closed again");
        }

        [TestMethod]
        public void ActiveLowSwitchOpensAtItsInactiveHighLevel()
        {
            FakePwmOutput output = new FakePwmOutput();
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(output, PinPolarity.ActiveLow);
            Assert.IsTrue(output.DutyCycle == 1.0, "active-low open: pin held high, got " + output.DutyCycle.ToString());

            pwmSwitch.SetClosed(true);
            Assert.IsTrue(output.DutyCycle == 0.5, "closed: a 50 % clock");
            pwmSwitch.SetClosed(false);
            Assert.IsTrue(output.DutyCycle == 1.0, "open: pin held high");
        }

        [TestMethod]
        public void OnTheRuntimesChannelEveryCloseAndOpenReachesThePin()
        {
            // The mux board's switches: 20 kHz gives 11 bits (80 MHz x 256 / 20 kHz / 2048 = 500 > 256), 2048 counts.
            NanoFrameworkLedcChannel channel = new NanoFrameworkLedcChannel(20000, PwmLoadSwitch.OpenDutyCycle(PinPolarity.ActiveHigh));
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(channel, PinPolarity.ActiveHigh);
            Assert.IsTrue(channel.Resolution == 2048, "11 bits at 20 kHz, got " + channel.Resolution.ToString());
            Assert.IsTrue(channel.AppliedCounts == 0, "open at start: pin low");

            for (int cycle = 0; cycle < 3; cycle++)
            {
                pwmSwitch.SetClosed(true);
                Assert.IsTrue(channel.AppliedCounts == 1024, "closed (cycle " + cycle.ToString() + "): 1024 of 2048 counts, got " + channel.AppliedCounts.ToString());
                pwmSwitch.SetClosed(false);
                Assert.IsTrue(channel.AppliedCounts == 0, "open (cycle " + cycle.ToString() + "): 0 counts, got " + channel.AppliedCounts.ToString());
            }
        }

        [TestMethod]
        public void ADutyOfExactlyZeroWouldMakeTheRuntimeIgnoreTheNextClose()
        {
            // Why the switch never writes 0: on the runtime's channel, the close after a 0 is stored, not applied.
            NanoFrameworkLedcChannel channel = new NanoFrameworkLedcChannel(20000, 0.0);
            channel.SetDutyCycle(PwmLoadSwitch.ClosedDutyCycle);
            Assert.IsTrue(channel.AppliedCounts == 0, "after a duty of 0 the close does not reach the pin");
            channel.SetDutyCycle(PwmLoadSwitch.ClosedDutyCycle);
            Assert.IsTrue(channel.AppliedCounts == 1024, "only the write after it does");
        }

        [TestMethod]
        public void DisposeLeavesTheSwitchOpen()
        {
            FakePwmOutput output = new FakePwmOutput();
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(output, PinPolarity.ActiveHigh);
            pwmSwitch.SetClosed(true);

            pwmSwitch.Dispose();

            Assert.IsTrue(output.DutyCycle == LedcDuty.ZeroCounts, "disposed: open");
        }
    }
}
