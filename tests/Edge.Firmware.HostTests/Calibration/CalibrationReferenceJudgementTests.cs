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
    /// -3 V point latches nothing; the temperature channels are judged as usual, so a temperature point over the
    /// limit (85 C of the mux board's NTC points against 60 C) latches the pack, and that latch is stored like any.
    /// </summary>
    public class CalibrationReferenceJudgementTests
    {
        // esp32-mux-6s: cells on multiplexer inputs 0-5, the NTC on 6, the 1.225 V reference on 7; module currents on GPIO
        // 39, 34 and 35. Counts from the board's nominal points: cell 4 counts is -3272 (its lowest point), NTC 1872
        // counts is 25.0 C and 3740 counts 85.0 C.
        private const int CellLowestCounts = 4;
        private const int RoomTemperatureCounts = 1872;
        private const int HotPointCounts = 3740;

        [Fact]
        public void CellReferencesLatchNothingAndATemperaturePointOverTheLimitLatchesThePack()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-mux-6s");
            BoardDefinition board = setup.Board;
            setup.Configuration.StartImmediately = false;
            UnitCalibration unit = NominalRecord.Unit(board, "unit-1");
            FakeAnalogInputs inputs = new FakeAnalogInputs();
            inputs.SetMuxInput(7, unit.ReferenceCounts);
            ILoadSwitch[] switches = new ILoadSwitch[setup.Layout.ModuleCount];
            for (int m = 0; m < switches.Length; m++)
            {
                switches[m] = new FakeLoadSwitch();
            }

            FakeSampleTimer timer = new FakeSampleTimer();
            timer.StepUsPerRead = 1000;
            DeviceEventLog events = new DeviceEventLog();
            EdgeController controller = new EdgeController(setup.Layout, setup.Configuration);
            SampleAcquisition acquisition = new SampleAcquisition(board, inputs, unit);
            CalibrationMode mode = new CalibrationMode(board, acquisition, new FakeUnitRecordStore(), events, "unit-1", controller);
            SamplingLoop loop = new SamplingLoop(timer, controller, acquisition, new LoadSwitchBank(switches), null, new TickStatistics(), events, 20, null);
            loop.Calibration = mode;
            CommandHandler handler = new CommandHandler(controller, null);
            handler.DeviceCommands = new CalibrationCommands(mode);
            Assert.True(Send(handler, "{\"id\":\"c1\",\"action\":\"begin\"}").Ok);

            // Every cell at its -3 V reference point (far below the undervoltage limit), the module currents at 0 counts
            // (saturated low), the NTC at 25 C: 300 ticks, nothing latches.
            for (int c = 0; c < 6; c++)
            {
                inputs.SetMuxInput(c, CellLowestCounts);
            }

            inputs.SetMuxInput(6, RoomTemperatureCounts);
            for (int i = 0; i < 300; i++)
            {
                Assert.True(loop.TickOnce());
            }

            for (int m = 0; m < setup.Layout.ModuleCount; m++)
            {
                Assert.False(controller.Diagnosis.HasLatchedFault(m), "module " + m + " latched " + controller.Diagnosis.LatchCause(m) + " on a cell or current reference");
            }

            // The NTC's 85 C point: judged, over the 60 C limit, it latches the pack sensor's modules, every one.
            inputs.SetMuxInput(6, HotPointCounts);
            for (int i = 0; i < 10; i++)
            {
                Assert.True(loop.TickOnce());
            }

            Assert.True(Send(handler, "{\"id\":\"c2\",\"action\":\"abort\"}").Ok);
            inputs.SetMuxInput(6, RoomTemperatureCounts);
            for (int i = 0; i < 10; i++)
            {
                Assert.True(loop.TickOnce());
            }

            for (int m = 0; m < setup.Layout.ModuleCount; m++)
            {
                Assert.True(controller.Diagnosis.HasLatchedFault(m), "module " + m + " not latched by the 85 C point");
                Assert.Equal(DiagnosisId.CellOvertemperature, controller.Diagnosis.LatchCause(m));
            }

            Assert.Equal(
                "latched faults\n0 cellOvertemperature\n1 cellOvertemperature\n2 cellOvertemperature\nend 3\n",
                LatchedFaultRecord.Format(controller.Diagnosis, setup.Layout.ModuleCount));
        }

        private static CommandReply Send(CommandHandler handler, string json)
        {
            byte[] payload = Encoding.UTF8.GetBytes(json);
            return handler.Handle(CalibrationCommands.Verb, payload, 0, payload.Length);
        }
    }
}
