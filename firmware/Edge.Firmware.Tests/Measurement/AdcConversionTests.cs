// Licensed under the MIT License.

using Edge.Core.Sampling;
using Edge.Firmware.Boards;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Measurement
{
    /// <summary>
    /// ADC counts through the firmware's acquisition path into the sample frame, on the device's
    /// integer arithmetic. Expected values are hand-interpolated between the calibration points of
    /// boards/esp32-devkitc-4s2m.board (cell 0 on GPIO 36, module 0 current on GPIO 32).
    /// </summary>
    [TestClass]
    public class AdcConversionTests
    {
        private static SampleFrame s_frame;
        private static FakeAnalogInputs s_inputs;
        private static SampleAcquisition s_acquisition;

        /// <summary>Fresh inputs, all at 2000 counts: every test starts from here (the launcher runs [Setup] once per class, not per test).</summary>
        private static void CreateAcquisition()
        {
            BoardSetup setup = BoardSetup.FromCatalog("esp32-devkitc-4s2m");
            s_inputs = new FakeAnalogInputs();
            s_acquisition = new SampleAcquisition(setup.Board, s_inputs);
            s_frame = new SampleFrame(setup.Layout);
            for (int pin = 32; pin <= 39; pin++)
            {
                s_inputs.SetPin(pin, 2000);
            }
        }

        [TestMethod]
        public void CellCountsBetweenPointsInterpolate()
        {
            CreateAcquisition();

            // Points 214:-3381 and 3549:2369: -3381 + (1882 - 214) * 5750 / 3335 = -505.14 mV -> -505.
            s_inputs.SetPin(36, 1882);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(-505, s_frame.CellVoltageMv[0]);
            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Valid);
        }

        [TestMethod]
        public void CellCountsNearTheLowEndUseTheSteepSegment()
        {
            CreateAcquisition();

            // Points 85:-3583 and 158:-3473: -3583 + 15 * 110 / 73 = -3560.40 mV -> -3560.
            s_inputs.SetPin(36, 100);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(-3560, s_frame.CellVoltageMv[0]);
        }

        [TestMethod]
        public void CountsOnACalibrationPointGiveItsValue()
        {
            CreateAcquisition();

            s_inputs.SetPin(36, 3549);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(2369, s_frame.CellVoltageMv[0]);
        }

        [TestMethod]
        public void ModuleCurrentIsSignedMicroamps()
        {
            CreateAcquisition();

            // Points 222:-13479 and 3558:9528: -13479 + 1778 * 23007 / 3336 = -1216.88 uA -> -1217 (plating).
            s_inputs.SetPin(32, 2000);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(-1217, s_frame.ModuleCurrentUa[0]);
            Assert.IsTrue(s_frame.ModuleCurrentStatus[0] == ChannelStatus.Valid);
        }

        [TestMethod]
        public void FullScaleAndZeroAreSaturatedNotValues()
        {
            CreateAcquisition();

            // 12-bit ADC: 4095 is full scale; 0 is the floor. The ESP32 clips there, the true value is unknown.
            s_inputs.SetPin(36, 4095);
            s_inputs.SetPin(39, 0);

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Saturated);
            Assert.IsTrue(s_frame.CellVoltageStatus[1] == ChannelStatus.Saturated);
            Assert.AreEqual(0, s_frame.CellVoltageMv[0]);
        }

        [TestMethod]
        public void AFailedReadIsImplausible()
        {
            CreateAcquisition();

            // The ADC driver reports a failed read as -1; no ADC returns that.
            s_inputs.SetPin(34, -1);

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[2] == ChannelStatus.Implausible);
        }
    }
}
