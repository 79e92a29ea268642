// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.DeviceEvents;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The boot reads the unit's calibration record with the board: none, or one that does not fit,
    /// leaves the unit observing only and says why in an "uncalibrated" device event; a record of this
    /// board is taken without complaint.
    /// </summary>
    [TestClass]
    public class BootCalibrationTests
    {
        [TestMethod]
        public void WithoutARecordTheUnitObservesAndSaysSo()
        {
            DeviceEvent uncalibrated = BootWith(null);
            Assert.IsNotNull(uncalibrated);
            Assert.Contains("no per-unit calibration for board esp32-devkitc-4s2m: observe only, no switch closes", uncalibrated.Message);
        }

        [TestMethod]
        public void ARecordOfAnotherBoardIsRefusedNamingTheLine()
        {
            BoardDefinition mux = BoardCatalog.Setup("esp32-mux-6s").Board;
            DeviceEvent uncalibrated = BootWith(UnitCalibrationText.Format(NominalRecord.Unit(mux, "unit-1")));
            Assert.IsNotNull(uncalibrated);
            Assert.Contains("calibration record refused, line ", uncalibrated.Message);
        }

        [TestMethod]
        public void ARecordOfThisBoardIsTaken()
        {
            BoardDefinition devkit = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            Assert.IsNull(BootWith(UnitCalibrationText.Format(NominalRecord.Unit(devkit, "unit-1"))));
        }

        [TestMethod]
        public void ABoardWithoutAHardwareEnableIsFlaggedAtBoot()
        {
            // The DevKitC board without its [enable] section (up to the next section, [cell 0]).
            string full = BoardCatalog.DevKitC4s2m;
            int start = full.IndexOf("[enable]");
            int end = full.IndexOf("[cell 0]");
            string text = full.Substring(0, start) + full.Substring(end);
            Assert.IsTrue(text.IndexOf("feed_pin") < 0, "the enable section is gone");

            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.BoardText = text;
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.IsNotNull(running.Loop, "the board still runs (observing until calibrated)");
                Assert.AreEqual(0, devices.EnableFeeds.Count, "no feed pin opened");
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }

            bool flagged = false;
            while (events.Peek() != null)
            {
                DeviceEvent next = events.Peek();
                events.RemoveOldest();
                flagged = flagged || (next.Code == "board-warning" && next.Message.IndexOf("board esp32-devkitc-4s2m") == 0 && next.Message.IndexOf("act mode") >= 0);
            }

            Assert.IsTrue(flagged, "a board-warning event names the board and says it is unsafe for act mode");
        }

        /// <summary>Boots the DevKitC board with <paramref name="record"/> in the calibration store; the "uncalibrated" event, or null.</summary>
        private static DeviceEvent BootWith(string record)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.CalibrationStore.Text = record;
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.IsNotNull(running.Loop);
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }

            DeviceEvent found = null;
            while (events.Peek() != null)
            {
                DeviceEvent next = events.Peek();
                events.RemoveOldest();
                if (next.Code == "uncalibrated" && found == null)
                {
                    found = next;
                }
            }

            return found;
        }
    }
}
