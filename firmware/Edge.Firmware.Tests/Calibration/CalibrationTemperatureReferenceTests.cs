// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Commands;
using Edge.Core.Records;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Calibration
{
    /// <summary>
    /// A calibration of the mux board's NTC channel (firmware README, the calibrate command's begin row): from the
    /// calibration's first NTC point on a bath or a resistor takes the sensor's place, and its points up to 85.0 degC
    /// (against the board's 45.0 degC limit) latch nothing and write no latched faults record. Before those points the
    /// NTC reads the pack, and 85.0 degC there latches every module and is stored; so does an 85.0 degC reference left
    /// in the sensor's place when the calibration ends.
    /// </summary>
    [TestClass]
    public class CalibrationTemperatureReferenceTests
    {
        // NTC counts from the board's nominal points: 1872 is 25.0 degC, 3740 is 85.0 degC.
        private const int RoomTemperatureCounts = 1872;
        private const int HotCounts = 3740;

        [TestMethod]
        public void TheNtcPointsUpTo85CLatchNothingAndStoreNothing()
        {
            Rig rig = new Rig();
            Assert.AreEqual(450, rig.Controller.Configuration.Protection.MaximumTemperatureDeciCelsius);
            Assert.IsTrue(rig.Send("\"action\":\"begin\",\"samplesPerPoint\":1"));
            CalibrationProcedure procedure = rig.Mode.Procedure;
            Assert.AreEqual(87, procedure.StepCount);
            Assert.AreEqual(850, procedure.StepAt(86).ReferenceValue);
            int temperaturePoints = 0;
            while (!procedure.IsComplete)
            {
                CalibrationStep step = procedure.Current;
                rig.Apply(step);
                if (step.Kind == CalibrationChannelKind.Temperature)
                {
                    temperaturePoints++;
                }

                // Each NTC point held past both debounces (overtemperature 3 readings, a channel without a value 10).
                rig.Ticks(step.Kind == CalibrationChannelKind.Temperature ? 12 : 1);
                int index = procedure.StepIndex;
                Assert.IsTrue(rig.Send("\"action\":\"record\""));
                rig.Ticks(2);
                Assert.AreEqual(index + 1, procedure.StepIndex, step.Instruction);
                rig.AssertNothingLatched(step.Instruction);
            }

            rig.Inputs.SetMuxInput(6, RoomTemperatureCounts);
            rig.Ticks(2);
            Assert.IsTrue(rig.Send("\"action\":\"finish\""));
            rig.Ticks(12);
            rig.AssertNothingLatched("after finish");
            Assert.AreEqual(12, temperaturePoints);
            Assert.IsNotNull(rig.CalibrationStore.Text, "calibration record not stored");
            Assert.IsNull(rig.LatchStore.Text);
            Assert.AreEqual(0, rig.LatchStore.SaveAttempts, "latched faults record written");
            Assert.AreEqual("latched faults\nend 0\n", LatchedFaultRecord.Format(rig.Controller.Diagnosis, 3));
        }

        [TestMethod]
        public void An85CPackBeforeTheNtcPointsLatchesEveryModuleAndIsStored()
        {
            Rig rig = new Rig();
            Assert.IsTrue(rig.Send("\"action\":\"begin\",\"samplesPerPoint\":1"));
            rig.Apply(rig.Mode.Procedure.Current);
            rig.Ticks(5);
            rig.AssertNothingLatched("at 25.0 degC");

            rig.Inputs.SetMuxInput(6, HotCounts);
            rig.Ticks(5);
            Assert.IsTrue(rig.Mode.IsActive);
            for (int m = 0; m < 3; m++)
            {
                Assert.IsTrue(rig.Controller.Diagnosis.HasLatchedFault(m), "module " + m.ToString());
                Assert.IsTrue(rig.Controller.Diagnosis.LatchCause(m) == DiagnosisId.CellOvertemperature, "module " + m.ToString());
            }

            Assert.AreEqual("latched faults\n0 cellOvertemperature\n1 cellOvertemperature\n2 cellOvertemperature\nend 3\n", rig.LatchStore.Text);
        }

        [TestMethod]
        public void The85CPointLeftInPlaceAfterAnAbortLatchesEveryModuleAndIsStored()
        {
            // The calibration reaches the NTC's points and is aborted with the 85.0 degC reference still in the sensor's
            // place: from the first tick after the end it reads as the pack's temperature and latches.
            Rig rig = new Rig();
            Assert.IsTrue(rig.Send("\"action\":\"begin\",\"samplesPerPoint\":1"));
            CalibrationProcedure procedure = rig.Mode.Procedure;
            while (procedure.Current.Kind != CalibrationChannelKind.Temperature)
            {
                int index = procedure.StepIndex;
                rig.Apply(procedure.Current);
                Assert.IsTrue(rig.Send("\"action\":\"record\""));
                rig.Ticks(2);
                Assert.AreEqual(index + 1, procedure.StepIndex);
            }

            rig.Apply(procedure.StepAt(86));
            rig.Ticks(12);
            rig.AssertNothingLatched("85.0 degC in the sensor's place during the calibration");
            Assert.IsNull(rig.LatchStore.Text);

            Assert.IsTrue(rig.Send("\"action\":\"abort\""));
            rig.Ticks(5);
            for (int m = 0; m < 3; m++)
            {
                Assert.IsTrue(rig.Controller.Diagnosis.LatchCause(m) == DiagnosisId.CellOvertemperature && rig.Controller.Diagnosis.HasLatchedFault(m), "module " + m.ToString());
            }

            Assert.AreEqual("latched faults\n0 cellOvertemperature\n1 cellOvertemperature\n2 cellOvertemperature\nend 3\n", rig.LatchStore.Text);
        }

        /// <summary>The mux board's loop over fakes, on its nominal curves, its latched faults kept after every tick.</summary>
        private sealed class Rig
        {
            private readonly BoardDefinition _board;
            private readonly SamplingLoop _loop;
            private readonly CommandHandler _handler;
            private readonly LatchedFaultKeeper _keeper;
            private int _sent;

            public Rig()
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-mux-6s");
                _board = setup.Board;
                setup.Configuration.StartImmediately = false;
                UnitCalibration unit = NominalRecord.Unit(_board, "unit-1");
                Inputs = new FakeAnalogInputs();
                Inputs.SetMuxInput(7, unit.ReferenceCounts);
                ILoadSwitch[] switches = new ILoadSwitch[setup.Layout.ModuleCount];
                for (int m = 0; m < switches.Length; m++)
                {
                    switches[m] = new FakeLoadSwitch();
                }

                FakeSampleTimer timer = new FakeSampleTimer();
                timer.StepUsPerRead = 1000;
                DeviceEventLog events = new DeviceEventLog();
                Controller = new EdgeController(setup.Layout, setup.Configuration);
                SampleAcquisition acquisition = new SampleAcquisition(_board, Inputs, unit);
                CalibrationStore = new FakeUnitRecordStore();
                LatchStore = new FakeUnitRecordStore();
                Mode = new CalibrationMode(_board, acquisition, CalibrationStore, events, "unit-1", Controller);
                _loop = new SamplingLoop(timer, Controller, acquisition, new LoadSwitchBank(switches), null, new TickStatistics(), events, 20, null);
                _loop.Calibration = Mode;
                _handler = new CommandHandler(Controller, null);
                _handler.DeviceCommands = new CalibrationCommands(Mode);
                _keeper = new LatchedFaultKeeper(LatchStore, Controller, events);
                Apply(null);
            }

            public FakeAnalogInputs Inputs { get; }

            public EdgeController Controller { get; }

            public CalibrationMode Mode { get; }

            public FakeUnitRecordStore CalibrationStore { get; }

            public FakeUnitRecordStore LatchStore { get; }

            /// <summary>cmd/calibrate with <paramref name="fields"/> and a fresh id; whether it was accepted.</summary>
            public bool Send(string fields)
            {
                _sent++;
                byte[] payload = Encoding.UTF8.GetBytes("{\"id\":\"t" + _sent.ToString() + "\"," + fields + "}");
                return _handler.Handle(CalibrationCommands.Verb, payload, 0, payload.Length).Ok;
            }

            public void Ticks(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    Assert.IsTrue(_loop.TickOnce());
                    _keeper.SaveIfChanged();
                }
            }

            /// <summary>Cells at 0 mV, modules at 0 uA, the NTC at 25.0 degC; then the step's reference on its channel (none for null).</summary>
            public void Apply(CalibrationStep step)
            {
                for (int c = 0; c < _board.CellCount; c++)
                {
                    Set(_board.CellAt(c).Input, CountsOf(_board.CellAt(c).Calibration, 0));
                }

                for (int m = 0; m < _board.ModuleCount; m++)
                {
                    Set(_board.ModuleAt(m).CurrentInput, CountsOf(_board.ModuleAt(m).CurrentCalibration, 0));
                }

                Inputs.SetMuxInput(6, RoomTemperatureCounts);
                if (step == null)
                {
                    return;
                }

                int channel = step.ChannelIndex;
                if (step.Kind == CalibrationChannelKind.Cell)
                {
                    Set(_board.CellAt(channel).Input, CountsOf(_board.CellAt(channel).Calibration, step.ReferenceValue));
                }
                else if (step.Kind == CalibrationChannelKind.ModuleCurrent)
                {
                    Set(_board.ModuleAt(channel).CurrentInput, CountsOf(_board.ModuleAt(channel).CurrentCalibration, step.ReferenceValue));
                }
                else
                {
                    Set(_board.TemperatureAt(channel).Input, CountsOf(_board.TemperatureAt(channel).Calibration, step.ReferenceValue));
                }
            }

            public void AssertNothingLatched(string when)
            {
                for (int m = 0; m < _board.ModuleCount; m++)
                {
                    Assert.IsFalse(Controller.Diagnosis.HasLatchedFault(m), "module " + m.ToString() + " latched: " + when);
                }
            }

            private void Set(AnalogInputDefinition input, int counts)
            {
                if (input.IsMultiplexed)
                {
                    Inputs.SetMuxInput(input.MuxInput, counts);
                }
                else
                {
                    Inputs.SetPin(input.AdcPin, counts);
                }
            }

            // The counts of a value on a rising curve, interpolated between its points (integer, truncated).
            private static int CountsOf(CalibrationCurve curve, int value)
            {
                int last = curve.PointCount - 1;
                for (int i = 1; i <= last; i++)
                {
                    if (value <= curve.ValueAt(i) || i == last)
                    {
                        int c0 = curve.CountsAt(i - 1);
                        int v0 = curve.ValueAt(i - 1);
                        return c0 + (int)((long)(value - v0) * (curve.CountsAt(i) - c0) / (curve.ValueAt(i) - v0));
                    }
                }

                return curve.CountsAt(0);
            }
        }
    }
}
