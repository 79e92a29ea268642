// Licensed under the MIT License.

using System.Text;
using Edge.Core.DeviceEvents;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Records;
using Edge.Core.Commands;
using Edge.Core.Sampling;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Calibration
{
    /// <summary>
    /// The device's calibration mode on the DevKitC board, driven through <c>cmd/calibrate</c> and the
    /// sampling loop over a synthetic unit whose ADC is not the board's nominal one: a cell reads
    /// 1520 + 0.4 counts per mV, a current 1520 + 0.62 counts per uA (a unit whose zero sits 176
    /// counts above the nominal points' 1344). Without a per-unit calibration the loop closes no
    /// switch; after the workflow the unit reads within 1 mV / 2 uA of the synthetic truth, the
    /// record is stored and parses back, and the switches may close.
    /// </summary>
    [TestClass]
    public class CalibrationModeTests
    {
        private const int ZeroCounts = 1520;

        // DevKitC ADC pins: cells 0-3, then modules 0-1 (boards/esp32-devkitc-4s2m.board).
        private static readonly int[] s_cellPins = new int[] { 36, 39, 34, 35 };
        private static readonly int[] s_modulePins = new int[] { 32, 33 };

        [TestMethod]
        public void UncalibratedUnitNeverClosesASwitch()
        {
            Rig rig = new Rig(null);
            rig.ApplyTruth(0, 0);
            for (int i = 0; i < 300; i++)
            {
                Assert.IsTrue(rig.Loop.TickOnce(), "tick " + i.ToString());
            }

            Assert.IsTrue(rig.Frame().Uncalibrated, "frames marked uncalibrated");
            Assert.IsFalse(rig.AnySwitchEverClosed(), "no switch closed in 3 s of a protocol that starts at once");
        }

        [TestMethod]
        public void TheWorkflowCalibratesTheUnitStoresTheRecordAndLetsTheSwitchesClose()
        {
            Rig rig = new Rig(null);
            rig.ApplyTruth(1000, 0);
            rig.Loop.TickOnce();
            int nominalMv = rig.Frame().CellVoltageMv[0];
            Assert.IsTrue(nominalMv - 1000 > 100 || 1000 - nominalMv > 100, "the nominal points misread this unit's 1000 mV (" + nominalMv.ToString() + " mV)");

            int togglesBefore = rig.Feed.Toggles;
            Assert.AreEqual(null, rig.Command("{\"action\":\"begin\",\"unit\":\"bench-3\",\"samplesPerPoint\":4}"));
            Assert.IsTrue(rig.Mode.IsActive);
            CalibrationProcedure procedure = rig.Mode.Procedure;

            // 4 cells x 9 points + 2 modules x 7 points.
            Assert.AreEqual(50, procedure.StepCount);
            int steps = 0;
            while (!procedure.IsComplete)
            {
                CalibrationStep step = procedure.Current;
                rig.ApplyStep(step);
                Assert.AreEqual(null, rig.Command("{\"action\":\"record\"}"));
                for (int i = 0; i < 4; i++)
                {
                    rig.Loop.TickOnce();
                }

                steps++;
                Assert.AreEqual(steps, procedure.StepIndex, "point " + steps.ToString() + " accepted");
            }

            Assert.IsFalse(rig.AnySwitchEverClosed(), "no switch closed during calibration");
            Assert.AreEqual(togglesBefore, rig.Feed.Toggles, "hardware enable not fed during calibration");

            // The references (3000 mV across a cell, 2000 uA through a shunt) are no cell's readings: judged, they latched
            // overvoltage and overcurrent faults that outlived the calibration and were stored across reboots.
            for (int m = 0; m < 2; m++)
            {
                Assert.IsFalse(rig.Controller.Diagnosis.HasLatchedFault(m), "module " + m.ToString() + " latched on a calibration reference");
            }

            Assert.AreEqual(null, rig.Command("{\"action\":\"finish\"}"));
            Assert.IsFalse(rig.Mode.IsActive);
            Assert.IsNotNull(rig.Acquisition.Unit);

            // The stored record is the unit's and parses back for this board.
            Assert.IsNotNull(rig.Store.Text, "record stored");
            UnitCalibration stored;
            BoardParseError error;
            Assert.IsTrue(UnitCalibrationText.TryParse(rig.Store.Text, rig.Board, out stored, out error), error == null ? string.Empty : error.ToString());
            Assert.AreEqual("bench-3", stored.UnitId);
            Assert.AreEqual(rig.Board.FrontEndFingerprint, stored.FrontEnd);

            // What an operator pastes as the deployed record is the reported text, the stored one: it names the front end
            // and ends in its last line (4 cells + 2 modules).
            string text = rig.Store.Text;
            Assert.IsTrue(text.IndexOf("\nfront_end = " + rig.Board.FrontEndFingerprint + "\n") > 0, text);
            Assert.AreEqual("\nend 6\n", text.Substring(text.Length - 7));
            Assert.IsTrue(Events.Contains(rig.Events, "calibration-record", text), "the record is reported");

            // Calibrated readings within 1 mV / 2 uA of the truth, across the range and near zero.
            int[] cellTruthMv = new int[] { -2500, -700, -150, 0, 40, 150, 2200 };
            for (int i = 0; i < cellTruthMv.Length; i++)
            {
                rig.ApplyTruth(cellTruthMv[i], 250);
                rig.Loop.TickOnce();
                SampleFrame frame = rig.Frame();
                Assert.IsFalse(frame.Uncalibrated);
                AssertWithin(cellTruthMv[i], frame.CellVoltageMv[2], 1, "cell 2 at " + cellTruthMv[i].ToString() + " mV");
                AssertWithin(250, frame.ModuleCurrentUa[1], 2, "module 1 at 250 uA");
            }

            // A fresh controller on the stored record closes switches as the protocol asks.
            // Its first tick closes the switches at the protocol's 385 uA; from then on the channels read what a closed
            // switch carries, 385 uA and 150 mV of polarisation (390 ohm cells): 0 uA under a closed switch is a current
            // reading that cannot be true, and 0 mV under 385 uA a hard short, both isolated.
            Rig calibrated = new Rig(stored);
            calibrated.ApplyTruth(0, 0);
            calibrated.Loop.TickOnce();
            calibrated.ApplyTruth(150, 385);
            for (int i = 0; i < 4; i++)
            {
                calibrated.Loop.TickOnce();
            }

            Assert.IsTrue(calibrated.AnySwitchEverClosed(), "a calibrated unit runs its protocol");

            // While it runs, a calibration would hold its switches under it: refused until the modules are stopped.
            string refused = calibrated.Command("{\"action\":\"begin\"}");
            Assert.IsNotNull(refused, "a calibration began under running modules");
            Assert.IsTrue(refused.IndexOf("is running: stop the modules first") >= 0, refused);
            Assert.IsFalse(calibrated.Mode.IsActive);
            Assert.IsTrue(calibrated.Verb("stop"));
            calibrated.Loop.TickOnce();
            Assert.AreEqual(null, calibrated.Command("{\"action\":\"begin\"}"));

            // A start sent during the calibration is refused: accepted, the controller took its modules for pulsing under
            // the held switches, and judged the first frame after the calibration as if current flowed (a hardShort latch).
            Assert.IsFalse(calibrated.Verb("start"), "a start was accepted during the calibration");
            calibrated.Loop.TickOnce();
            Assert.AreEqual(null, calibrated.Command("{\"action\":\"abort\"}"));
            calibrated.Loop.TickOnce();
            Assert.AreEqual((int)ModuleState.Done, (int)calibrated.Controller.Module(0).State, "module 0 resumed after the calibration");
            Assert.AreEqual((int)ModuleState.Done, (int)calibrated.Controller.Module(1).State, "module 1 resumed after the calibration");

            // Once it ended a start is taken again.
            Assert.IsTrue(calibrated.Verb("start"), "a start after the calibration was refused");
        }

        [TestMethod]
        public void AStartRightAfterFinishIsTakenAndRunsOnTheNewCalibration()
        {
            // finish applies the unit's curves from the next tick on, while the latest frame went through the nominal
            // points: a start sent in between was refused as "not calibrated", on a unit calibrated a moment before.
            Rig rig = new Rig(null);
            CalibrateOverConsole(rig);
            Assert.IsNotNull(rig.Acquisition.Unit, "the calibration is in use");
            Assert.IsTrue(rig.Verb("start"), "a start right after finish was refused");
            Assert.IsFalse(rig.AnySwitchEverClosed(), "nothing runs before the next tick");

            // The next tick converts through the new curves and runs the start: module 0 pulses, and its switch closes
            // (150 mV under the protocol's 385 uA from then on, as a 390 ohm cell).
            rig.ApplyTruth(0, 0);
            rig.Loop.TickOnce();
            Assert.IsFalse(rig.Frame().Uncalibrated);
            Assert.AreEqual((int)ModuleState.Pulse, (int)rig.Controller.Module(0).State, "module 0 did not start on the new calibration");
            rig.ApplyTruth(150, 385);
            for (int i = 0; i < 4; i++)
            {
                rig.Loop.TickOnce();
            }

            Assert.IsTrue(rig.AnySwitchEverClosed(), "no switch closed after the start");
        }

        [TestMethod]
        public void BadCommandsChangeNothingAndNameTheField()
        {
            Rig rig = new Rig(null);
            Assert.AreEqual("action", rig.CommandField("{}"));
            Assert.AreEqual("action", rig.CommandField("{\"action\":\"calibrate-everything\"}"));
            Assert.AreEqual("unit", rig.CommandField("{\"action\":\"begin\",\"unit\":\"no spaces allowed\"}"));
            Assert.AreEqual("samplesPerPoint", rig.CommandField("{\"action\":\"begin\",\"samplesPerPoint\":0}"));
            Assert.AreEqual("unit", rig.CommandField("{\"action\":\"record\",\"unit\":\"x\"}"));

            // A misspelt action with begin's fields: the action is what is wrong, not the fields it would take.
            Assert.AreEqual("action", rig.CommandField("{\"action\":\"begn\",\"unit\":\"x\"}"));
            Assert.Contains("must be begin", rig.Command("{\"action\":\"begn\",\"samplesPerPoint\":4}"));
            Assert.IsFalse(rig.Mode.IsActive, "nothing started");

            // Actions out of order are refused with the reason.
            Assert.Contains("no calibration is running", rig.Command("{\"action\":\"record\"}"));
            Assert.Contains("no calibration is running", rig.Command("{\"action\":\"finish\"}"));
            Assert.AreEqual(null, rig.Command("{\"action\":\"begin\",\"samplesPerPoint\":4}"));
            Assert.Contains("already running", rig.Command("{\"action\":\"begin\"}"));
            Assert.Contains("calibration incomplete", rig.Command("{\"action\":\"finish\"}"));
            Assert.AreEqual(null, rig.Command("{\"action\":\"abort\"}"));
            Assert.IsFalse(rig.Mode.IsActive);
            Assert.IsNull(rig.Acquisition.Unit, "an aborted calibration changes nothing");
            Assert.AreEqual(0, rig.Store.SaveAttempts);
        }

        [TestMethod]
        public void ASaturatedReadingIsRefusedAndThePointRecordedAgain()
        {
            Rig rig = new Rig(null);
            Assert.AreEqual(null, rig.Command("{\"action\":\"begin\",\"samplesPerPoint\":4}"));
            rig.ApplyTruth(0, 0);
            rig.Inputs.SetPin(s_cellPins[0], 0);
            Assert.AreEqual(null, rig.Command("{\"action\":\"record\"}"));
            rig.Loop.TickOnce();

            Assert.IsFalse(rig.Mode.IsRecording, "recording stopped");
            Assert.AreEqual(0, rig.Mode.Procedure.StepIndex, "the point was not accepted");
            Assert.IsTrue(Events.Contains(rig.Events, "calibration", "saturated"), "the operator is told why");
        }

        [TestMethod]
        public void TheSerialConsoleRunsTheSameWorkflowAndTheStoredRecordSurvivesAReboot()
        {
            Rig rig = new Rig(null);
            string finished = CalibrateOverConsole(rig);

            Assert.Contains("calibration-record: ", finished);
            Assert.Contains("calibration: unit bench-3 calibrated and in use; record stored, used from every boot on", finished);
            Assert.IsNotNull(rig.Acquisition.Unit, "in use at once");
            Assert.AreEqual(1, rig.Store.SaveAttempts);

            // A new boot over the same flash: the stored record is the one applied.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.UnitRecords = rig.Store;
            DeviceEventLog bootEvents = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, bootEvents, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            running.Dispose();
            Assert.IsTrue(Events.Contains(bootEvents, "calibration", "unit bench-3 calibrated for board esp32-devkitc-4s2m (stored calibration record)"), "the reboot applies the stored record");
        }

        [TestMethod]
        public void AFailedSaveIsReportedAndTheRecordStaysInUseUntilTheDeviceRestarts()
        {
            Rig rig = new Rig(null);
            rig.Store.SaveFailure = "writing I:\\unit-calibration.txt.new: IOException no space";
            string finished = CalibrateOverConsole(rig);

            Assert.Contains("calibration: unit bench-3 calibrated and in use; storing the record failed (writing I:\\unit-calibration.txt.new: IOException no space): in use until the device restarts", finished);
            Assert.IsNotNull(rig.Acquisition.Unit, "the record applies for this boot");
            Assert.IsFalse(rig.Mode.IsActive, "the calibration is over");
            Assert.IsNull(rig.Store.Text, "nothing stored");
        }

        /// <summary>Calibrates the rig's unit as "bench-3" through the serial console's lines; returns what the console wrote after finish.</summary>
        private static string CalibrateOverConsole(Rig rig)
        {
            ConsoleSession console = new ConsoleSession(new ConsoleCommands(rig.Mode));
            rig.Events.Echo = console;
            Assert.StartsWith("ok\r\ncalibration: unit bench-3 on board esp32-devkitc-4s2m", console.Process("calibrate begin unit=bench-3 samplesPerPoint=4\r\n"));
            CalibrationProcedure procedure = rig.Mode.Procedure;
            while (!procedure.IsComplete)
            {
                int point = procedure.StepIndex + 1;
                rig.ApplyStep(procedure.Current);
                Assert.AreEqual("ok\r\n", console.Process("calibrate record\r\n"));
                for (int i = 0; i < 4; i++)
                {
                    rig.Loop.TickOnce();
                }

                Assert.StartsWith("calibration: point " + point.ToString() + " accepted", console.Process(null));
            }

            Assert.IsFalse(rig.AnySwitchEverClosed(), "no switch closed during calibration");
            string finished = console.Process("calibrate finish\r\n");
            Assert.StartsWith("ok\r\n", finished);
            return finished;
        }

        private static void AssertWithin(int expected, int actual, int tolerance, string what)
        {
            int difference = actual - expected;
            Assert.IsTrue(difference <= tolerance && difference >= -tolerance, what + ": read " + actual.ToString() + ", truth " + expected.ToString());
        }

        /// <summary>Device events, searched without consuming the ones that do not match.</summary>
        private static class Events
        {
            public static bool Contains(DeviceEventLog events, string code)
            {
                return Contains(events, code, string.Empty);
            }

            public static bool Contains(DeviceEventLog events, string code, string text)
            {
                bool found = false;
                while (events.Peek() != null)
                {
                    DeviceEvent next = events.Peek();
                    events.RemoveOldest();
                    // An empty text matches any message. Not through IndexOf: nanoFramework's string.IndexOf throws
                    // ArgumentOutOfRangeException for an empty string (measured on nanoCLR), where .NET returns 0.
                    found = found || (next.Code == code && (text.Length == 0 || next.Message.IndexOf(text) >= 0));
                }

                return found;
            }
        }

        /// <summary>The DevKitC loop over the synthetic unit, ticked by hand, with the calibration command on the core's handler.</summary>
        private sealed class Rig
        {
            private readonly EdgeController _controller;
            private readonly CommandHandler _commands;
            private readonly FakeLoadSwitch[] _switches;
            private int _sent;

            public Rig(UnitCalibration unit)
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
                Board = setup.Board;
                Inputs = new FakeAnalogInputs();
                Events = new DeviceEventLog();
                Store = new FakeUnitRecordStore();
                Feed = new FakeEnableFeedOutput();
                FakeSampleTimer timer = new FakeSampleTimer();
                timer.StepUsPerRead = 1000;
                _switches = new FakeLoadSwitch[setup.Layout.ModuleCount];
                ILoadSwitch[] switches = new ILoadSwitch[_switches.Length];
                for (int m = 0; m < switches.Length; m++)
                {
                    _switches[m] = new FakeLoadSwitch();
                    switches[m] = _switches[m];
                }

                _controller = new EdgeController(setup.Layout, setup.Configuration);
                Acquisition = new SampleAcquisition(Board, Inputs, unit);
                Mode = new CalibrationMode(Board, Acquisition, Store, Events, "pack-7", _controller);
                Loop = new SamplingLoop(timer, _controller, Acquisition, new LoadSwitchBank(switches), null, new TickStatistics(), Events, 10, Feed);
                Loop.Calibration = Mode;
                _commands = new CommandHandler(_controller, null);
                _commands.DeviceCommands = new CalibrationCommands(Mode);
            }

            public BoardDefinition Board { get; }

            public FakeAnalogInputs Inputs { get; }

            public DeviceEventLog Events { get; }

            public FakeUnitRecordStore Store { get; }

            public FakeEnableFeedOutput Feed { get; }

            public SampleAcquisition Acquisition { get; }

            public CalibrationMode Mode { get; }

            public SamplingLoop Loop { get; }

            /// <summary>The frame the controller saw last (its measurement snapshot is read through the acquisition's frame).</summary>
            public SampleFrame Frame()
            {
                SampleFrame frame = new SampleFrame(_controller.Layout);
                Acquisition.Acquire(frame);
                return frame;
            }

            public bool AnySwitchEverClosed()
            {
                for (int m = 0; m < _switches.Length; m++)
                {
                    if (_switches[m].WasEverClosed)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Every cell at <paramref name="cellMv"/>, every module at <paramref name="currentUa"/>.</summary>
            public void ApplyTruth(int cellMv, int currentUa)
            {
                for (int c = 0; c < s_cellPins.Length; c++)
                {
                    Inputs.SetPin(s_cellPins[c], CellCounts(cellMv));
                }

                for (int m = 0; m < s_modulePins.Length; m++)
                {
                    Inputs.SetPin(s_modulePins[m], CurrentCounts(currentUa));
                }
            }

            /// <summary>The step's reference on its channel, everything else at zero.</summary>
            public void ApplyStep(CalibrationStep step)
            {
                ApplyTruth(0, 0);
                if (step.Kind == CalibrationChannelKind.Cell)
                {
                    Inputs.SetPin(s_cellPins[step.ChannelIndex], CellCounts(step.ReferenceValue));
                }
                else
                {
                    Inputs.SetPin(s_modulePins[step.ChannelIndex], CurrentCounts(step.ReferenceValue));
                }
            }

            /// <summary>Sends cmd/calibrate; null when accepted, else the error message.</summary>
            public EdgeController Controller
            {
                get { return _controller; }
            }

            /// <summary>Sends one of the core's verbs (start, stop) with a fresh id; whether it was accepted.</summary>
            public bool Verb(string verb)
            {
                _sent++;
                byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"v" + _sent.ToString() + "\"}");
                return _commands.Handle(verb, payload, 0, payload.Length).Ok;
            }

            public string Command(string json)
            {
                CommandReply reply = Send(json);
                return reply.Ok ? null : reply.ErrorMessage;
            }

            /// <summary>Sends cmd/calibrate expecting a refusal; the field it names.</summary>
            public string CommandField(string json)
            {
                CommandReply reply = Send(json);
                Assert.IsFalse(reply.Ok, json + " was accepted");
                return reply.ErrorField;
            }

            // Every command gets its own id: the handler answers a repeated id from its replay window.
            private CommandReply Send(string json)
            {
                _sent++;
                string id = "\"id\":\"t" + _sent.ToString() + "\"";
                string body = json == "{}" ? "{" + id + "}" : "{" + id + "," + json.Substring(1);
                byte[] payload = Encoding.UTF8.GetBytes(body);
                return _commands.Handle(CalibrationCommands.Verb, payload, 0, payload.Length);
            }

            // The synthetic unit: 0.4 counts per mV at the cell, 0.62 counts per uA through the shunt (rounded to a count).
            private static int CellCounts(int mv)
            {
                return ZeroCounts + Round(mv * 2, 5);
            }

            private static int CurrentCounts(int ua)
            {
                return ZeroCounts + Round(ua * 31, 50);
            }

            private static int Round(int numerator, int denominator)
            {
                return numerator >= 0 ? (numerator + (denominator / 2)) / denominator : -((-numerator + (denominator / 2)) / denominator);
            }
        }
    }
}
