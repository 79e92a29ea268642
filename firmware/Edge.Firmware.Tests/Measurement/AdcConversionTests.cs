// Licensed under the MIT License.

using Edge.Core.Boards;
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
            CreateAcquisition(BoardCatalog.Setup("esp32-devkitc-4s2m"));
        }

        /// <summary>As <see cref="CreateAcquisition()"/>, on the DevKitC board with <c>adc_readings_per_sample</c> set.</summary>
        private static void CreateAcquisition(int readingsPerSample)
        {
            string text = BoardCatalog.Find("esp32-devkitc-4s2m");
            string attenuation = "adc_attenuation_db = 11";
            int at = text.IndexOf(attenuation) + attenuation.Length;
            BoardSetup setup = BoardSetup.FromText(text.Substring(0, at) + "\nadc_readings_per_sample = " + readingsPerSample.ToString() + text.Substring(at));
            Assert.AreEqual(readingsPerSample, setup.Board.AdcReadingsPerSample);
            CreateAcquisition(setup);
        }

        private static void CreateAcquisition(BoardSetup setup)
        {
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

            // Points 4:-3272 and 2875:3737: -3272 + (1882 - 4) * 7009 / 2871 = 1312.78 mV -> 1313.
            s_inputs.SetPin(36, 1882);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(1313, s_frame.CellVoltageMv[0]);
            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Valid);
        }

        [TestMethod]
        public void CellCountsAboveTheKneeUseTheirOwnSegment()
        {
            CreateAcquisition();

            // Above 2880 counts the ESP32 curve leaves the line; points 2938:3858 and 3077:4154: 3858 + 62 * 296 / 139 = 3990.03 mV -> 3990.
            s_inputs.SetPin(36, 3000);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(3990, s_frame.CellVoltageMv[0]);
        }

        [TestMethod]
        public void CountsOnACalibrationPointGiveItsValue()
        {
            CreateAcquisition();

            s_inputs.SetPin(36, 2875);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(3737, s_frame.CellVoltageMv[0]);
        }

        [TestMethod]
        public void ModuleCurrentIsSignedMicroamps()
        {
            CreateAcquisition();

            // Points 5:-2160 and 2876:2466: -2160 + 995 * 4626 / 2871 = -556.77 uA -> -557 (plating).
            s_inputs.SetPin(32, 1000);

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(-557, s_frame.ModuleCurrentUa[0]);
            Assert.IsTrue(s_frame.ModuleCurrentStatus[0] == ChannelStatus.Valid);
        }

        [TestMethod]
        public void FullScaleAndZeroAreSaturatedAndReadAtTheirRail()
        {
            CreateAcquisition();

            // 12-bit ADC: 4095 is full scale; 0 is the floor. The ESP32 clips there, the true value is unknown: the status
            // says so, and the value is the calibration's at that rail, which tells a fault event the end. Cell 0's end
            // segment 3971:5625, 4088:5776 extended to 4095: 5776 + 7 x 151 / 117 = 5785.03 mV; cell 1's first, 2:-3283,
            // 2874:3735, back to 0: -3283 - 2 x 7018 / 2872 = -3287.89 mV.
            s_inputs.SetPin(36, 4095);
            s_inputs.SetPin(39, 0);

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Saturated);
            Assert.IsTrue(s_frame.CellVoltageStatus[1] == ChannelStatus.Saturated);
            Assert.AreEqual(5785, s_frame.CellVoltageMv[0]);
            Assert.AreEqual(-3288, s_frame.CellVoltageMv[1]);
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

        // adc_readings_per_sample = 4: each channel is read four times a tick and its sample is the readings' mean to the
        // nearest count (halves to even).

        [TestMethod]
        public void FourReadingsAverageToTheNearestCount()
        {
            CreateAcquisition(4);

            // (1880 + 1882 + 1883 + 1884) / 4 = 1882.25 -> 1882 counts; -3272 + 1878 * 7009 / 2871 = 1312.78 mV -> 1313.
            s_inputs.SetPinReadings(36, new int[] { 1880, 1882, 1883, 1884 });

            s_acquisition.Acquire(s_frame);

            Assert.AreEqual(4, s_inputs.ReadsOf(36));
            Assert.AreEqual(1313, s_frame.CellVoltageMv[0]);
            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Valid);
            Assert.AreEqual(1882, s_acquisition.CellCountsAt(0));
        }

        [TestMethod]
        public void OneReadingAtFullScaleMakesTheSampleSaturated()
        {
            CreateAcquisition(4);

            // The mean, 4094.25, would round to a valid 4094: the channel is at its limit all the same.
            s_inputs.SetPinReadings(36, new int[] { 4094, 4095, 4094, 4094 });

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Saturated);
        }

        [TestMethod]
        public void OneFailedReadMakesTheSampleImplausible()
        {
            CreateAcquisition(4);

            s_inputs.SetPinReadings(36, new int[] { 1882, -1, 1882, 1882 });

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Implausible);
        }
    }
}
