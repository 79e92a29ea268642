// Licensed under the MIT License.

using System.Collections;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Hardware
{
    /// <summary>
    /// The DevKitC's DAC setpoints (2550 uA at code 255, 10 uA a code): written before the switches, only on change,
    /// 0 while a switch is open, during calibration and after a failed tick; a module whose setpoint output did not
    /// open never closes its switch.
    /// </summary>
    [TestClass]
    public class CurrentSetpointBankTests
    {
        [TestMethod]
        public void ClosedModulesGetTheirCodeRoundedDownAndOnlyChangesAreWritten()
        {
            BoardDefinition board = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            FakeSetpointOutput a = new FakeSetpointOutput();
            FakeSetpointOutput b = new FakeSetpointOutput();
            CurrentSetpointBank bank = new CurrentSetpointBank(board, new ISetpointOutput[] { a, b });
            Assert.AreEqual(0, a.Code, "opened at 0");
            Assert.AreEqual(1, a.WriteCount);

            ActionFrame actions = new ActionFrame(new Edge.Core.Sampling.PackLayout(2, 2, 0));
            actions.SwitchClosed[0] = true;
            actions.CurrentSetpointUa[0] = 385;
            actions.CurrentSetpointUa[1] = 385;
            bank.Apply(actions);
            bank.Apply(actions);

            // 385 x 255 / 2550 = 38.5 -> code 38 (380 uA); module 1 is open: code 0, unchanged, not rewritten.
            Assert.AreEqual(38, a.Code);
            Assert.AreEqual(2, a.WriteCount);
            Assert.AreEqual(0, b.Code);
            Assert.AreEqual(1, b.WriteCount);

            // Act mode's lower current: 385 x 80 % = 308 -> code 30.
            actions.CurrentSetpointUa[0] = 308;
            bank.Apply(actions);
            Assert.AreEqual(30, a.Code);

            actions.SwitchClosed[0] = false;
            bank.Apply(actions);
            Assert.AreEqual(0, a.Code);
        }

        [TestMethod]
        public void AModuleWhoseOutputDidNotOpenIsHeldOpen()
        {
            BoardDefinition board = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            FakeSetpointOutput a = new FakeSetpointOutput();
            CurrentSetpointBank bank = new CurrentSetpointBank(board, new ISetpointOutput[] { a, null });
            ActionFrame actions = new ActionFrame(new Edge.Core.Sampling.PackLayout(2, 2, 0));
            actions.SwitchClosed[0] = true;
            actions.SwitchClosed[1] = true;
            actions.CurrentSetpointUa[0] = 385;
            actions.CurrentSetpointUa[1] = 385;

            bank.Apply(actions);

            Assert.IsFalse(bank.IsUndriven(0));
            Assert.IsTrue(bank.IsUndriven(1));
            Assert.IsTrue(actions.SwitchClosed[0], "a driven module keeps its switch");
            Assert.IsFalse(actions.SwitchClosed[1], "an undriven module's switch is held open");
        }

        [TestMethod]
        public void TheSetpointIsWrittenBeforeTheSwitchCloses()
        {
            Rig rig = new Rig(false);
            Assert.IsTrue(rig.Loop.TickOnce());

            // Tick 0 starts the protocol's 1 mA/cm2 pulse: 385 uA -> code 38, then the switch.
            int setpoint = rig.Log.IndexOf("setpoint0=38");
            int closing = rig.Log.IndexOf("switch0=closed");
            Assert.IsTrue(setpoint >= 0, "setpoint written");
            Assert.IsTrue(closing > setpoint, "switch closes after its setpoint is set");
        }

        [TestMethod]
        public void AnUndrivenModuleNeverClosesWhileTheOtherRuns()
        {
            Rig rig = new Rig(true);
            for (int i = 0; i < 20; i++)
            {
                Assert.IsTrue(rig.Loop.TickOnce());
            }

            Assert.IsTrue(rig.Switches[0].WasEverClosed, "module 0 pulses");
            Assert.IsFalse(rig.Switches[1].WasEverClosed, "module 1 has no driven setpoint");
        }

        [TestMethod]
        public void AFailedTickSetsEverySetpointToZero()
        {
            Rig rig = new Rig(false);
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.AreEqual(38, rig.Outputs[0].Code);

            rig.Inputs.ThrowOnRead = true;
            Assert.IsFalse(rig.Loop.TickOnce());

            Assert.AreEqual(0, rig.Outputs[0].Code);
            Assert.AreEqual(0, rig.Outputs[1].Code);
            Assert.IsFalse(rig.Switches[0].IsClosed);
        }

        [TestMethod]
        public void CalibrationModeHoldsEverySetpointAtZero()
        {
            Rig rig = new Rig(false);
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.AreEqual(38, rig.Outputs[0].Code);

            CalibrationMode calibration = new CalibrationMode(rig.Board, rig.Acquisition, new FakeUnitRecordStore(), new DeviceEventLog(), "unit-1");
            rig.Loop.Calibration = calibration;
            Assert.IsNull(calibration.Begin(null, 0));
            Assert.IsTrue(rig.Loop.TickOnce());

            Assert.AreEqual(0, rig.Outputs[0].Code);
            Assert.IsFalse(rig.Switches[0].IsClosed);
        }

        [TestMethod]
        public void AWatchdogLatchDuringATicksWriteLeavesTheOutputAtZero()
        {
            BoardDefinition board = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            FakeSetpointOutput a = new FakeSetpointOutput();
            CurrentSetpointBank bank = new CurrentSetpointBank(board, new ISetpointOutput[] { a, null });
            ActionFrame actions = new ActionFrame(new Edge.Core.Sampling.PackLayout(2, 2, 0));
            actions.SwitchClosed[0] = true;
            actions.CurrentSetpointUa[0] = 385;

            // The tick has chosen code 38 when the watchdog latches every output at 0; the tick's write lands after.
            a.LatchDuringNextWrite = bank;
            bank.Apply(actions);

            Assert.IsTrue(bank.IsLatchedAtZero);
            Assert.AreEqual(0, a.Code, "the latch's zero stands, not the code the tick chose before it");
            Assert.AreEqual(0, bank.CodeOf(0));

            bank.Apply(actions);
            Assert.AreEqual(0, a.Code, "later ticks keep it at 0");
        }

        [TestMethod]
        public void StoppingTheLoopSetsEverySetpointToZero()
        {
            Rig rig = new Rig(false);
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.AreEqual(38, rig.Outputs[0].Code);

            rig.Loop.Dispose();

            Assert.AreEqual(0, rig.Outputs[0].Code);
        }

        /// <summary>
        /// The DevKitC loop over fakes, calibrated with the board's nominal curves, every cell at 0 mV and every current at
        /// 0 uA, with every setpoint and switch write in one log; module 1's output missing when <c>withoutModule1</c>.
        /// </summary>
        private sealed class Rig
        {
            public Rig(bool withoutModule1)
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
                Board = setup.Board;
                Log = new ArrayList();
                Inputs = new FakeAnalogInputs();

                // On the nominal curves 1344 counts read within 1 mV of 0 on every cell, 1345 within 1 uA of 0 on every current.
                int[] cellPins = new int[] { 36, 39, 34, 35 };
                for (int i = 0; i < cellPins.Length; i++)
                {
                    Inputs.SetPin(cellPins[i], 1344);
                }

                Inputs.SetPin(32, 1345);
                Inputs.SetPin(33, 1345);

                Switches = new LoggingSwitch[2];
                Outputs = new FakeSetpointOutput[2];
                ILoadSwitch[] switches = new ILoadSwitch[2];
                ISetpointOutput[] outputs = new ISetpointOutput[2];
                for (int m = 0; m < 2; m++)
                {
                    Switches[m] = new LoggingSwitch(Log, "switch" + m.ToString());
                    switches[m] = Switches[m];
                    Outputs[m] = new FakeSetpointOutput();
                    Outputs[m].Log = Log;
                    Outputs[m].Name = "setpoint" + m.ToString();
                    outputs[m] = Outputs[m];
                }

                if (withoutModule1)
                {
                    outputs[1] = null;
                }

                Acquisition = new SampleAcquisition(Board, Inputs, NominalRecord.Unit(Board, "unit-1"));
                FakeSampleTimer timer = new FakeSampleTimer();
                timer.StepUsPerRead = 1000;
                Loop = new SamplingLoop(
                    timer,
                    new EdgeController(setup.Layout, setup.Configuration),
                    Acquisition,
                    new LoadSwitchBank(switches),
                    null,
                    new TickStatistics(),
                    new DeviceEventLog(),
                    setup.Board.SamplePeriodMs,
                    null);
                Loop.Setpoints = new CurrentSetpointBank(Board, outputs);
            }

            public BoardDefinition Board { get; }

            public ArrayList Log { get; }

            public FakeAnalogInputs Inputs { get; }

            public SampleAcquisition Acquisition { get; }

            public LoggingSwitch[] Switches { get; }

            public FakeSetpointOutput[] Outputs { get; }

            public SamplingLoop Loop { get; }
        }

        /// <summary>A switch that logs "name=closed" / "name=open" and remembers whether it ever closed.</summary>
        private sealed class LoggingSwitch : ILoadSwitch
        {
            private readonly ArrayList _log;
            private readonly string _name;

            public LoggingSwitch(ArrayList log, string name)
            {
                _log = log;
                _name = name;
            }

            public bool IsClosed { get; private set; }

            public bool WasEverClosed { get; private set; }

            public void SetClosed(bool closed)
            {
                IsClosed = closed;
                WasEverClosed = WasEverClosed || closed;
                _log.Add(_name + (closed ? "=closed" : "=open"));
            }
        }
    }
}
