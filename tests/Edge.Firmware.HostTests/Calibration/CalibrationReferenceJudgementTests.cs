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
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Calibration
{
    /// <summary>
    /// What the controller judges while a calibration holds the switches (firmware README, the calibrate command's
    /// begin row): the cell and current channels carry the operator's references and are not judged, so a cell's
    /// -3 V point latches nothing; a temperature channel is not judged either once the calibration has reached its
    /// points (a bath or a resistor in the sensor's place), so the mux board's 85 C point latches nothing and the
    /// latched faults record is never written. A temperature channel whose points are still to come reads the pack
    /// and is judged, and once the calibration ends every channel is judged again.
    /// </summary>
    public class CalibrationReferenceJudgementTests
    {
        // esp32-mux-6s: cells on multiplexer inputs 0-5, the NTC on 6, the 1.225 V reference on 7; module currents on GPIO
        // 39, 34 and 35. Counts from the board's nominal points: NTC 1872 counts is 25.0 C and 3740 counts 85.0 C, past the
        // board's 45.0 C limit (temperature_max_c), as its 50, 60 and 70 C points are.
        private const int RoomTemperatureCounts = 1872;
        private const int HotPointCounts = 3740;

        private const string NothingLatched = "latched faults\nend 0\n";
        private const string PackLatched = "latched faults\n0 cellOvertemperature\n1 cellOvertemperature\n2 cellOvertemperature\nend 3\n";

        [Fact]
        public void AWholeCalibrationLatchesNothingAndStoresNoLatchThe85CPointIncluded()
        {
            Rig rig = new Rig();
            Assert.Equal(450, rig.Controller.Configuration.Protection.MaximumTemperatureDeciCelsius);
            Assert.True(rig.Send("{\"id\":\"c1\",\"action\":\"begin\",\"samplesPerPoint\":2}").Ok);
            CalibrationProcedure procedure = rig.Mode.Procedure;

            // 6 cells x 9 + 3 modules x 7 + the NTC's 12 points, the NTC's last at 85.0 C. Each reference stays applied
            // for 100 ticks before it is recorded, as an operator's would (2 s at 20 ms), far past every debounce.
            Assert.Equal(87, procedure.StepCount);
            Assert.Equal(850, procedure.StepAt(86).ReferenceValue);
            int temperaturePointsHeld = 0;
            while (!procedure.IsComplete)
            {
                CalibrationStep step = procedure.Current;
                rig.Apply(step);
                rig.Ticks(100);
                if (step.Kind == CalibrationChannelKind.Temperature)
                {
                    temperaturePointsHeld++;
                }

                int index = procedure.StepIndex;
                Assert.True(rig.Send("{\"id\":\"r" + index + "\",\"action\":\"record\"}").Ok);
                rig.Ticks(3);
                Assert.True(procedure.StepIndex == index + 1, "point " + (index + 1) + " (" + step.Instruction + ") not accepted");
                rig.AssertNothingLatched(step.Instruction);
            }

            Assert.Equal(12, temperaturePointsHeld);

            // The sensor back in its place, then finish: the record is stored, nothing latched, and the latched faults
            // record was never written.
            rig.Inputs.SetMuxInput(6, RoomTemperatureCounts);
            rig.Ticks(5);
            Assert.True(rig.Send("{\"id\":\"c2\",\"action\":\"finish\"}").Ok);
            rig.Ticks(20);
            rig.AssertNothingLatched("after finish");
            Assert.NotNull(rig.CalibrationStore.Text);
            Assert.Null(rig.LatchStore.Text);
            Assert.Equal(0, rig.LatchStore.SaveAttempts);
            Assert.Equal(NothingLatched, LatchedFaultRecord.Format(rig.Controller.Diagnosis, 3));
        }

        [Fact]
        public void ARealOvertemperatureBeforeTheTemperaturePointsLatchesThePackAndIsStored()
        {
            // The calibration at its first cell point: the NTC is still at the pack, and 85 C there is the pack's.
            Rig rig = new Rig();
            Assert.True(rig.Send("{\"id\":\"c1\",\"action\":\"begin\",\"samplesPerPoint\":2}").Ok);
            rig.Apply(rig.Mode.Procedure.Current);
            rig.Ticks(10);
            rig.AssertNothingLatched("at 25 C");

            rig.Inputs.SetMuxInput(6, HotPointCounts);
            rig.Ticks(10);
            Assert.True(rig.Mode.IsActive);
            rig.AssertPackLatched();
            Assert.Equal(PackLatched, rig.LatchStore.Text);
        }

        [Fact]
        public void The85CPointLeftInPlaceAfterTheCalibrationEndsIsJudged()
        {
            // The calibration reaches the NTC's points and is aborted with the 85 C reference still in the sensor's place:
            // from the first tick after the end it reads as the pack's temperature and latches.
            Rig rig = new Rig();
            Assert.True(rig.Send("{\"id\":\"c1\",\"action\":\"begin\",\"samplesPerPoint\":2}").Ok);
            CalibrationProcedure procedure = rig.Mode.Procedure;
            while (procedure.Current.Kind != CalibrationChannelKind.Temperature)
            {
                int index = procedure.StepIndex;
                rig.Apply(procedure.Current);
                Assert.True(rig.Send("{\"id\":\"r" + index + "\",\"action\":\"record\"}").Ok);
                rig.Ticks(3);
                Assert.Equal(index + 1, procedure.StepIndex);
            }

            // The current references taken away, the NTC's last point, 85 C, in its place.
            rig.Apply(procedure.StepAt(86));
            rig.Ticks(100);
            rig.AssertNothingLatched("85 C at the sensor's place during the calibration");
            Assert.Null(rig.LatchStore.Text);

            Assert.True(rig.Send("{\"id\":\"c2\",\"action\":\"abort\"}").Ok);
            rig.Ticks(10);
            rig.AssertPackLatched();
            Assert.Equal(PackLatched, rig.LatchStore.Text);
        }

        /// <summary>
        /// The mux board's loop as the device wires it, the unit on the board's nominal curves, nothing started at boot,
        /// the latched faults kept by a <see cref="LatchedFaultKeeper"/> that stores after every tick.
        /// </summary>
        private sealed class Rig
        {
            private readonly BoardDefinition _board;
            private readonly SamplingLoop _loop;
            private readonly CommandHandler _handler;
            private readonly LatchedFaultKeeper _keeper;

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
                Assert.Equal(0, _keeper.Restore());
                Rest();
            }

            public FakeAnalogInputs Inputs { get; }

            public EdgeController Controller { get; }

            public CalibrationMode Mode { get; }

            public FakeUnitRecordStore CalibrationStore { get; }

            public FakeUnitRecordStore LatchStore { get; }

            public CommandReply Send(string json)
            {
                byte[] payload = Encoding.UTF8.GetBytes(json);
                return _handler.Handle(CalibrationCommands.Verb, payload, 0, payload.Length);
            }

            public void Ticks(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    Assert.True(_loop.TickOnce());
                    _keeper.SaveIfChanged();
                }
            }

            /// <summary>The step's reference on its channel (counts from the board's nominal curve), every other channel at rest.</summary>
            public void Apply(CalibrationStep step)
            {
                Rest();
                if (step.Kind == CalibrationChannelKind.Cell)
                {
                    Set(_board.CellAt(step.ChannelIndex).Input, CountsOf(_board.CellAt(step.ChannelIndex).Calibration, step.ReferenceValue));
                }
                else if (step.Kind == CalibrationChannelKind.ModuleCurrent)
                {
                    Set(_board.ModuleAt(step.ChannelIndex).CurrentInput, CountsOf(_board.ModuleAt(step.ChannelIndex).CurrentCalibration, step.ReferenceValue));
                }
                else
                {
                    Set(_board.TemperatureAt(step.ChannelIndex).Input, CountsOf(_board.TemperatureAt(step.ChannelIndex).Calibration, step.ReferenceValue));
                }
            }

            public void AssertNothingLatched(string when)
            {
                for (int m = 0; m < _board.ModuleCount; m++)
                {
                    Assert.False(Controller.Diagnosis.HasLatchedFault(m), "module " + m + " latched " + Controller.Diagnosis.LatchCause(m) + ": " + when);
                }
            }

            public void AssertPackLatched()
            {
                for (int m = 0; m < _board.ModuleCount; m++)
                {
                    Assert.True(Controller.Diagnosis.HasLatchedFault(m), "module " + m + " not latched");
                    Assert.Equal(DiagnosisId.CellOvertemperature, Controller.Diagnosis.LatchCause(m));
                }
            }

            // Cells at 0 mV, modules at 0 uA, the NTC at 25.0 C.
            private void Rest()
            {
                for (int c = 0; c < _board.CellCount; c++)
                {
                    Set(_board.CellAt(c).Input, CountsOf(_board.CellAt(c).Calibration, 0));
                }

                for (int m = 0; m < _board.ModuleCount; m++)
                {
                    Set(_board.ModuleAt(m).CurrentInput, CountsOf(_board.ModuleAt(m).CurrentCalibration, 0));
                }

                Inputs.SetMuxInput(_board.TemperatureAt(0).Input.MuxInput, RoomTemperatureCounts);
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

            // The counts of a value on a rising curve, by linear interpolation between its points.
            private static int CountsOf(CalibrationCurve curve, int value)
            {
                for (int i = 1; i < curve.PointCount; i++)
                {
                    if (value <= curve.ValueAt(i) || i == curve.PointCount - 1)
                    {
                        int c0 = curve.CountsAt(i - 1);
                        int v0 = curve.ValueAt(i - 1);
                        return c0 + (int)System.Math.Round((double)(value - v0) * (curve.CountsAt(i) - c0) / (curve.ValueAt(i) - v0));
                    }
                }

                return curve.CountsAt(0);
            }
        }
    }
}
