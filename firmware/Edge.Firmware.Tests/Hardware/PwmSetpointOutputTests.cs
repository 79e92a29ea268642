// Licensed under the MIT License.

using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Hardware
{
    /// <summary>
    /// The duty a PWM setpoint writes is one nanoFramework turns into exactly the code's LEDC counts: the
    /// runtime truncates the duty to d = (uint)(duty x 10000) and then to 2^bits x d / 10000 counts.
    /// </summary>
    [TestClass]
    public class PwmSetpointOutputTests
    {
        [TestMethod]
        public void EveryCodeOfTenBitsLandsOnItsCount()
        {
            for (int code = 0; code <= 1024; code++)
            {
                double duty = PwmSetpointOutput.DutyFor(code, 1024);
                Assert.IsTrue(duty >= 0.0 && duty <= 1.0, "duty in range for code " + code.ToString());
                Assert.AreEqual(code, RuntimeCounts(duty, 1024), "code " + code.ToString());
            }
        }

        [TestMethod]
        public void EveryCodeOfThirteenBitsLandsOnItsCount()
        {
            for (int code = 0; code <= 8192; code++)
            {
                Assert.AreEqual(code, RuntimeCounts(PwmSetpointOutput.DutyFor(code, 8192), 8192), "code " + code.ToString());
            }
        }

        [TestMethod]
        public void HandWorkedDuties()
        {
            // 192 of 1024 (385 uA at 2 uA a count): d = ceil(192 x 10000 / 1024) = 1875, written as 0.18755.
            Assert.AreEqual(1875, (int)(PwmSetpointOutput.DutyFor(192, 1024) * 10000));

            // Code 0 is written as d = 1 (1 x 1024 / 10000 = 0 counts), full scale as exactly 1.0.
            Assert.AreEqual(1, (int)(PwmSetpointOutput.DutyFor(0, 1024) * 10000));
            Assert.IsTrue(PwmSetpointOutput.DutyFor(1024, 1024) == 1.0, "full scale is duty 1.0");
        }

        [TestMethod]
        public void OpensAtZeroAndWritesTheCodesDuty()
        {
            FakePwmOutput pwm = new FakePwmOutput();
            PwmSetpointOutput output = new PwmSetpointOutput(pwm, 10);
            Assert.AreEqual(1, pwm.WriteCount);
            Assert.AreEqual(0, RuntimeCounts(pwm.DutyCycle, 1024));

            output.WriteCode(192);
            Assert.AreEqual(192, RuntimeCounts(pwm.DutyCycle, 1024));
        }

        /// <summary>What nanoFramework's ESP32 PWM makes of a duty: 1/10000 steps, then counts, both truncated.</summary>
        private static int RuntimeCounts(double duty, int counts)
        {
            uint steps = (uint)(duty * 10000);
            return (int)(counts * steps / 10000);
        }
    }
}
