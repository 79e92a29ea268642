// Licensed under the MIT License.

using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// The layout whose Home Assistant discovery configs the device announced last, kept in flash (firmware/README.md,
    /// "Home Assistant after a board change"): stored as written, recalled at boot, and a record that is missing, does
    /// not read or names no layout recalls none (nothing is cleared) with an event for the last two.
    /// </summary>
    [TestClass]
    public class DiscoveryLayoutKeeperTests
    {
        [TestMethod]
        public void NothingStoredRecallsNoLayoutAndReportsNothing()
        {
            DeviceEventLog events = new DeviceEventLog();
            DiscoveryLayoutKeeper keeper = new DiscoveryLayoutKeeper(new FakeUnitRecordStore(), events);
            int modules;
            int cells;
            Assert.IsFalse(keeper.Recall(out modules, out cells));
            Assert.AreEqual(0, modules);
            Assert.AreEqual(0, cells);
            Assert.AreEqual(0, events.Count);
        }

        [TestMethod]
        public void AStoredLayoutIsRecalledByTheNextBoot()
        {
            FakeUnitRecordStore flash = new FakeUnitRecordStore();
            Assert.IsTrue(new DiscoveryLayoutKeeper(flash, new DeviceEventLog()).Store(2, 3));
            Assert.AreEqual("discovery layout\n2 x 3\nend 1\n", flash.Text);

            int modules;
            int cells;
            Assert.IsTrue(new DiscoveryLayoutKeeper(flash, new DeviceEventLog()).Recall(out modules, out cells));
            Assert.AreEqual(2, modules);
            Assert.AreEqual(3, cells);
        }

        [TestMethod]
        public void ARecordThatDoesNotReadRecallsNoLayoutAndSaysWhy()
        {
            // Cut short, a stray line before and after the end line, a wrong count, another header, no number, no layout
            // (0 modules; more cells than the core runs);
            // then a storage that cannot read the record at all (null here).
            string[] records = new string[] { "discovery layout\n", "discovery layout\n2 x 3\n4 x 1\nend 1\n", "discovery layout\n2 x 3\nend 1\n4 x 1\n", "discovery layout\n2 x 3\nend 2\n", "latched faults\nend 0\n", "discovery layout\n2 x three\nend 1\n", "discovery layout\n0 x 3\nend 1\n", "discovery layout\n300 x 1\nend 1\n", null };
            for (int r = 0; r < records.Length; r++)
            {
                FakeUnitRecordStore flash = new FakeUnitRecordStore();
                flash.Text = records[r];
                if (records[r] == null)
                {
                    flash.LoadFailure = "cannot read";
                }

                DeviceEventLog events = new DeviceEventLog();
                int modules;
                int cells;
                Assert.IsFalse(new DiscoveryLayoutKeeper(flash, events).Recall(out modules, out cells), "record " + r.ToString());
                Assert.AreEqual(0, modules, "record " + r.ToString());
                Assert.AreEqual(0, cells, "record " + r.ToString());
                Assert.AreEqual(1, events.Count, "record " + r.ToString());
                Assert.AreEqual("discovery-record-unreadable", events.Peek().Code, "record " + r.ToString());
            }
        }

        [TestMethod]
        public void ARecordCutShortAnywhereRecallsNoLayoutAndSaysItWasCutShort()
        {
            // The record of 2 x 12 as stored: before the end line a cut after "2 x 1" read as 2 x 1, a smaller layout
            // than was announced, so a change to a 2 x 6 board cleared nothing of cells 6 to 11, and no event said why.
            // Every cut is refused now, the ones that end at the layout line saying the record was cut short; only the
            // last newline may go.
            string whole = "discovery layout\n2 x 12\nend 1\n";
            FakeUnitRecordStore written = new FakeUnitRecordStore();
            Assert.IsTrue(new DiscoveryLayoutKeeper(written, new DeviceEventLog()).Store(2, 12));
            Assert.AreEqual(whole, written.Text);
            int endLine = whole.IndexOf("end 1");
            for (int length = 0; length < whole.Length - 1; length++)
            {
                FakeUnitRecordStore flash = new FakeUnitRecordStore();
                flash.Text = whole.Substring(0, length);
                DeviceEventLog events = new DeviceEventLog();
                int modules;
                int cells;
                Assert.IsFalse(new DiscoveryLayoutKeeper(flash, events).Recall(out modules, out cells), "cut at " + length.ToString());
                Assert.AreEqual(0, modules, "cut at " + length.ToString());
                Assert.AreEqual(0, cells, "cut at " + length.ToString());
                Assert.AreEqual(1, events.Count, "cut at " + length.ToString());
                Assert.AreEqual("discovery-record-unreadable", events.Peek().Code);
                if (length >= endLine - 1 && length <= endLine)
                {
                    Assert.Contains("cut short", events.Peek().Message);
                }
            }

            FakeUnitRecordStore lastNewlineLost = new FakeUnitRecordStore();
            lastNewlineLost.Text = whole.Substring(0, whole.Length - 1);
            int readModules;
            int readCells;
            Assert.IsTrue(new DiscoveryLayoutKeeper(lastNewlineLost, new DeviceEventLog()).Recall(out readModules, out readCells));
            Assert.AreEqual(2, readModules);
            Assert.AreEqual(12, readCells);
        }

        [TestMethod]
        public void AStoreThatFailsSaysSoAndReportsIt()
        {
            FakeUnitRecordStore flash = new FakeUnitRecordStore();
            flash.SaveFailure = "flash full";
            DeviceEventLog events = new DeviceEventLog();
            Assert.IsFalse(new DiscoveryLayoutKeeper(flash, events).Store(1, 2));
            Assert.AreEqual(1, events.Count);
            Assert.AreEqual("discovery-record-failed", events.Peek().Code);
            Assert.Contains("flash full", events.Peek().Message);
        }

        [TestMethod]
        public void TheBootRecallsTheStoredLayout()
        {
            // The boot reads the record before the network thread starts: one that does not read is reported then.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.DiscoveryLayoutRecords.Text = "discovery layout\n2 x\n";
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            try
            {
                bool reported = false;
                while (events.Count > 0)
                {
                    reported |= events.Peek().Code == "discovery-record-unreadable";
                    events.RemoveOldest();
                }

                Assert.IsTrue(reported, "the boot did not read the stored discovery layout");
            }
            finally
            {
                running.Dispose();
            }
        }
    }
}
