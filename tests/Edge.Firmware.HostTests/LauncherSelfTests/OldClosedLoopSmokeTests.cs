// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Firmware.Boards;
using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.ClosedLoop;
using NFUnitTest.Fakes;

namespace Edge.Firmware.HostTests.LauncherSnippets
{
    // The on-device ClosedLoopSmokeTests as they were before each test set up its own loop: kept to show
    // that the launcher emulation reproduces the failure measured under the real launcher on nanoCLR.

    /// <summary>
    /// The control core on the device runtime, closed over synthetic ohmic cells and the firmware's
    /// switch bank, with the configuration the firmware derives from esp32-devkitc-4s2m (10 ms ticks).
    /// The default protocol is the seed's pulse stripping ([W]): 1 s pulses, 5 s rests.
    /// </summary>
    [TestClass]
    public class OldClosedLoopSmokeTests
    {
        private const int PeriodMs = 10;

        private static EdgeController s_controller;
        private static SampleFrame s_frame;
        private static ActionFrame s_actions;
        private static FakeLoadSwitch[] s_switches;
        private static LoadSwitchBank s_bank;
        private static OhmicCell[] s_cells;
        private static long s_tick;

        [Setup]
        public void CreateLoop()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
            s_controller = new EdgeController(setup.Layout, setup.Configuration);
            s_frame = new SampleFrame(setup.Layout);
            s_actions = new ActionFrame(setup.Layout);
            s_switches = new FakeLoadSwitch[setup.Layout.ModuleCount];
            ILoadSwitch[] switches = new ILoadSwitch[s_switches.Length];
            for (int m = 0; m < s_switches.Length; m++)
            {
                s_switches[m] = new FakeLoadSwitch();
                switches[m] = s_switches[m];
            }

            s_bank = new LoadSwitchBank(switches);
            s_cells = new OhmicCell[setup.Layout.CellCount];
            for (int c = 0; c < s_cells.Length; c++)
            {
                s_cells[c] = new OhmicCell();
            }

            s_tick = 0;
        }

        [TestMethod]
        public void PulsesLastOneSecondAndRestsFiveSeconds()
        {
            long[] edges = new long[6];
            int edgeCount = 0;
            bool previous = false;
            while (s_tick <= 1300 && edgeCount < edges.Length)
            {
                Step();
                if (s_switches[0].IsClosed != previous)
                {
                    previous = s_switches[0].IsClosed;
                    edges[edgeCount] = s_frame.TimestampMs;
                    edgeCount++;
                }
            }

            // Closed at 0, open at 1 s, closed at 6 s, open at 7 s, closed at 12 s, open at 13 s.
            Assert.AreEqual(6, edgeCount);
            Assert.AreEqual(0L, edges[0]);
            Assert.AreEqual(1000L, edges[1]);
            Assert.AreEqual(6000L, edges[2]);
            Assert.AreEqual(7000L, edges[3]);
            Assert.AreEqual(12000L, edges[4]);
            Assert.AreEqual(13000L, edges[5]);
        }

        [TestMethod]
        public void HardShortOpensTheSwitchInTheSameTick()
        {
            // Run into the second pulse (6.0 .. 7.0 s), then short cell 1 (module 0) at 6.5 s.
            while (s_frame.TimestampMs < 6500 || s_tick == 0)
            {
                Step();
            }

            Assert.IsTrue(s_switches[0].IsClosed);
            s_cells[1].IsShorted = true;

            Step();

            Assert.IsFalse(s_actions.SwitchClosed[0]);
            Assert.IsFalse(s_switches[0].IsClosed);
            // The other module is not affected by module 0's fault.
            Assert.IsTrue(s_switches[1].IsClosed);
            // Latched: the next pulse time passes with module 0 still open.
            while (s_frame.TimestampMs < 12500)
            {
                Step();
                Assert.IsFalse(s_switches[0].IsClosed);
            }

            Assert.IsTrue(s_controller.Diagnosis.HasLatchedFault(0));
        }

        /// <summary>One 10 ms tick: the cells answer what the previous tick commanded, the core decides, the bank switches.</summary>
        private static void Step()
        {
            s_frame.TickIndex = s_tick;
            s_frame.TimestampMs = s_tick * PeriodMs;
            int cellsPerModule = s_frame.Layout.CellsPerModule;
            for (int m = 0; m < s_frame.Layout.ModuleCount; m++)
            {
                int currentUa = s_actions.SwitchClosed[m] ? s_actions.CurrentSetpointUa[m] : 0;
                s_frame.ModuleCurrentUa[m] = currentUa;
                s_frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
                for (int p = 0; p < cellsPerModule; p++)
                {
                    int cell = (m * cellsPerModule) + p;
                    s_frame.CellVoltageMv[cell] = s_cells[cell].VoltageMv(currentUa);
                    s_frame.CellVoltageStatus[cell] = ChannelStatus.Valid;
                }
            }

            s_controller.Tick(s_frame, s_actions);
            s_bank.Apply(s_actions);
            s_tick++;
        }
    }
}
