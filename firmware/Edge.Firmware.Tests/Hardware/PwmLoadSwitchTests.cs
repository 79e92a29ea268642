// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Hardware
{
    /// <summary>
    /// A PWM-clocked switch opens by duty, never by stopping its LEDC channel (a stop would silence
    /// the channel's timer partner): open is a static inactive level (duty 0 of the active level),
    /// closed a 50 % clock.
    /// </summary>
    [TestClass]
    public class PwmLoadSwitchTests
    {
        [TestMethod]
        public void ActiveHighSwitchOpensAtDutyZeroAndClosesAtHalf()
        {
            FakePwmOutput output = new FakePwmOutput();
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(output, PinPolarity.ActiveHigh);
            Assert.IsTrue(output.DutyCycle == 0.0, "open at creation: duty 0, got " + output.DutyCycle.ToString());

            pwmSwitch.SetClosed(true);
            Assert.IsTrue(output.DutyCycle == 0.5, "closed: a 50 % clock, got " + output.DutyCycle.ToString());

            pwmSwitch.SetClosed(false);
            Assert.IsTrue(output.DutyCycle == 0.0, "open again: duty 0, got " + output.DutyCycle.ToString());

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
        public void DisposeLeavesTheSwitchOpen()
        {
            FakePwmOutput output = new FakePwmOutput();
            PwmLoadSwitch pwmSwitch = new PwmLoadSwitch(output, PinPolarity.ActiveHigh);
            pwmSwitch.SetClosed(true);

            pwmSwitch.Dispose();

            Assert.IsTrue(output.DutyCycle == 0.0, "disposed: duty 0");
        }
    }
}
