// Licensed under the MIT License.

using System.Collections;
using Edge.Core.Boards;
using Edge.Core.DeviceEvents;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Boards;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// Which calibration record the boot applies: the one stored in flash by the calibration mode,
    /// else the deployed one. A stored record that cannot be read, does not parse, was cut short,
    /// belongs to another board or to another front end of its board is refused with an "uncalibrated"
    /// event, and the deployed record does not stand in for it: the unit observes only.
    /// </summary>
    [TestClass]
    public class BootUnitRecordTests
    {
        private const string Devkit = "esp32-devkitc-4s2m";

        [TestMethod]
        public void AStoredRecordWinsOverTheDeployedOne()
        {
            FakeBootDevices devices = Devices(NominalRecord.For(Board(Devkit), "flash-unit"), NominalRecord.For(Board(Devkit), "deployed-unit"));
            ArrayList events = Boot(devices);

            Assert.IsNull(Find(events, "uncalibrated"));
            Assert.AreEqual("calibration: unit flash-unit calibrated for board esp32-devkitc-4s2m (stored calibration record)", Find(events, "calibration"));
        }

        [TestMethod]
        public void TheDeployedRecordServesWhileFlashHoldsNone()
        {
            FakeBootDevices devices = Devices(null, NominalRecord.For(Board(Devkit), "deployed-unit"));
            ArrayList events = Boot(devices);

            Assert.IsNull(Find(events, "uncalibrated"));
            Assert.AreEqual("calibration: unit deployed-unit calibrated for board esp32-devkitc-4s2m (deployed calibration record)", Find(events, "calibration"));
        }

        [TestMethod]
        public void ACorruptStoredRecordIsRefusedEvenWithAGoodDeployedOne()
        {
            string good = NominalRecord.For(Board(Devkit), "flash-unit");

            // Cut mid-record: what a flash that lost its tail would hold.
            FakeBootDevices devices = Devices(good.Substring(0, good.Length / 2), NominalRecord.For(Board(Devkit), "deployed-unit"));
            ArrayList events = Boot(devices);

            string refused = Find(events, "uncalibrated");
            Assert.IsNotNull(refused);
            Assert.StartsWith("uncalibrated: stored calibration record refused, line ", refused);
            Assert.Contains("observe only, no switch closes", refused);
            Assert.IsNull(Find(events, "calibration"), "no record applied");
        }

        [TestMethod]
        public void AStoredRecordOfAnotherBoardIsRefused()
        {
            FakeBootDevices devices = Devices(NominalRecord.For(Board("esp32-mux-6s"), "mux-unit"), null);
            ArrayList events = Boot(devices);

            Assert.StartsWith("uncalibrated: stored calibration record refused, line ", Find(events, "uncalibrated"));
            Assert.IsNull(Find(events, "calibration"));
        }

        [TestMethod]
        public void AStoredRecordOfTheBoardBeforeItsFrontEndChangedIsRefused()
        {
            // The board file changed under its name: cells 0 and 1 swapped between ADC pins 36 and 39. The two cells'
            // nominal curves lie within a few mV of each other, so the old record passed every curve check and each cell
            // converted through the other's curve.
            string record = NominalRecord.For(Board(Devkit), "flash-unit");
            FakeBootDevices devices = Devices(record, null);
            devices.BoardText = BoardText.With(BoardText.With(BoardCatalog.Find(Devkit), "[cell 0]", "adc_pin", "39"), "[cell 1]", "adc_pin", "36");
            ArrayList events = Boot(devices);

            string refused = Find(events, "uncalibrated");
            Assert.IsNotNull(refused, "the record of the board's earlier front end was applied");
            Assert.StartsWith("uncalibrated: stored calibration record refused, line 4: ", refused);
            Assert.Contains("the board's front end changed since calibration", refused);
            Assert.Contains("observe only, no switch closes", refused);
            Assert.IsNull(Find(events, "calibration"), "no record applied");
        }

        [TestMethod]
        public void AStoredRecordCutAtTheEndOfAPointIsRefused()
        {
            // Cut after module 1's eleventh point: every section and key is there, the last curve is one point short.
            string good = NominalRecord.For(Board(Devkit), "flash-unit");
            FakeBootDevices devices = Devices(good.Substring(0, good.LastIndexOf(", ")), NominalRecord.For(Board(Devkit), "deployed-unit"));
            ArrayList events = Boot(devices);

            string refused = Find(events, "uncalibrated");
            Assert.IsNotNull(refused, "a record cut short was applied");
            Assert.StartsWith("uncalibrated: stored calibration record refused, line 18: the record stops at line 18 without its last line 'end 6': it was cut short", refused);
            Assert.IsNull(Find(events, "calibration"), "no record applied");
        }

        [TestMethod]
        public void AnUnreadableStoreIsReportedAndTheUnitObserves()
        {
            FakeBootDevices devices = Devices(null, NominalRecord.For(Board(Devkit), "deployed-unit"));
            devices.UnitRecords.LoadFailure = "cannot read I:\\unit-calibration.txt: IOException";
            ArrayList events = Boot(devices);

            Assert.StartsWith("uncalibrated: stored calibration record unreadable, cannot read I:\\unit-calibration.txt: IOException: observe only", Find(events, "uncalibrated"));
            Assert.IsNull(Find(events, "calibration"));
        }

        private static BoardDefinition Board(string name)
        {
            return BoardCatalog.Setup(name).Board;
        }

        private static FakeBootDevices Devices(string stored, string deployed)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.UnitRecords.Text = stored;
            devices.CalibrationStore.Text = deployed;
            return devices;
        }

        /// <summary>Boots once and stops; every event line ("code: message"), oldest first.</summary>
        private static ArrayList Boot(FakeBootDevices devices)
        {
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.IsNotNull(running.Loop, "a uncalibrated unit still runs its loop, observing");
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }

            return Drain(log);
        }

        private static ArrayList Drain(DeviceEventLog log)
        {
            ArrayList lines = new ArrayList();
            while (log.Peek() != null)
            {
                DeviceEvent next = log.Peek();
                log.RemoveOldest();
                lines.Add(next.Code + ": " + next.Message);
            }

            return lines;
        }

        /// <summary>The first line of <paramref name="code"/>, or null.</summary>
        private static string Find(ArrayList lines, string code)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                string line = (string)lines[i];
                if (line.IndexOf(code + ": ") == 0)
                {
                    return line;
                }
            }

            return null;
        }
    }
}
