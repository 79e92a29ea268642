// Licensed under the MIT License.

using Edge.Core.Sampling;
using Edge.Firmware.Boards;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Measurement
{
    /// <summary>
    /// The DevKitC board with <c>adc_readings_per_sample = 4</c>: each channel is read four times a tick and its sample
    /// is the readings' mean to the nearest count (halves to even). Expected voltages are hand-interpolated between the calibration
    /// points of boards/esp32-devkitc-4s2m.board (cell 0 on GPIO 36).
    /// </summary>
    [TestClass]
    public class AdcMultisamplingTests
    {
        private static SampleFrame s_frame;
        private static FakeAnalogInputs s_inputs;
        private static SampleAcquisition s_acquisition;

        private static void CreateAcquisition()
        {
            string text = BoardCatalog.Find("esp32-devkitc-4s2m");
            string attenuation = "adc_attenuation_db = 11";
            int at = text.IndexOf(attenuation) + attenuation.Length;
            BoardSetup setup = BoardSetup.FromText(text.Substring(0, at) + "\nadc_readings_per_sample = 4" + text.Substring(at));
            Assert.AreEqual(4, setup.Board.AdcReadingsPerSample);

            s_inputs = new FakeAnalogInputs();
            s_acquisition = new SampleAcquisition(setup.Board, s_inputs);
            s_frame = new SampleFrame(setup.Layout);
            for (int pin = 32; pin <= 39; pin++)
            {
                s_inputs.SetPin(pin, 2000);
            }
        }

        [TestMethod]
        public void FourReadingsAverageToTheNearestCount()
        {
            CreateAcquisition();

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
            CreateAcquisition();

            // The mean, 4094.25, would round to a valid 4094: the channel is at its limit all the same.
            s_inputs.SetPinReadings(36, new int[] { 4094, 4095, 4094, 4094 });

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Saturated);
        }

        [TestMethod]
        public void OneFailedReadMakesTheSampleImplausible()
        {
            CreateAcquisition();

            s_inputs.SetPinReadings(36, new int[] { 1882, -1, 1882, 1882 });

            s_acquisition.Acquire(s_frame);

            Assert.IsTrue(s_frame.CellVoltageStatus[0] == ChannelStatus.Implausible);
        }
    }
}
