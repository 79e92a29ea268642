// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Commands;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using NFUnitTest.Fakes;

namespace Edge.Firmware.HostTests.Calibration
{
    /// <summary>
    /// The DevKitC loop over fakes as the device wires it (one command handler with the calibrate verb), calibrated with
    /// the board's nominal curves, nothing started at boot, every reading at 0 (no cell voltage, no current).
    /// </summary>
    internal sealed class CalibrationRig
    {
        private readonly FakeLoadSwitch[] _switches;

        public CalibrationRig()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
            BoardDefinition board = setup.Board;
            setup.Configuration.StartImmediately = false;
            FakeAnalogInputs inputs = new FakeAnalogInputs();
            foreach (int pin in new[] { 36, 39, 34, 35 })
            {
                inputs.SetPin(pin, 1344);
            }

            inputs.SetPin(32, 1345);
            inputs.SetPin(33, 1345);
            _switches = new FakeLoadSwitch[setup.Layout.ModuleCount];
            ILoadSwitch[] switches = new ILoadSwitch[_switches.Length];
            for (int m = 0; m < switches.Length; m++)
            {
                _switches[m] = new FakeLoadSwitch();
                switches[m] = _switches[m];
            }

            FakeSampleTimer timer = new FakeSampleTimer();
            timer.StepUsPerRead = 1000;
            DeviceEventLog events = new DeviceEventLog();
            Controller = new EdgeController(setup.Layout, setup.Configuration);
            SampleAcquisition acquisition = new SampleAcquisition(board, inputs, NominalRecord.Unit(board, "unit-1"));
            Mode = new CalibrationMode(board, acquisition, new FakeUnitRecordStore(), events, "unit-1", Controller);
            Statistics = new TickStatistics();
            Loop = new SamplingLoop(timer, Controller, acquisition, new LoadSwitchBank(switches), null, Statistics, events, 10, null);
            Loop.Calibration = Mode;
            Handler = new CommandHandler(Controller, null);
            Handler.DeviceCommands = new CalibrationCommands(Mode);
        }

        public EdgeController Controller { get; }

        public CalibrationMode Mode { get; }

        public TickStatistics Statistics { get; }

        public SamplingLoop Loop { get; }

        public CommandHandler Handler { get; }

        public int ModuleCount => _switches.Length;

        public CommandReply Send(string verb, string json)
        {
            byte[] payload = Encoding.UTF8.GetBytes(json);
            return Handler.Handle(verb, payload, 0, payload.Length);
        }

        public void Ticks(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Xunit.Assert.True(Loop.TickOnce());
            }
        }

        public bool AnySwitchEverClosed()
        {
            foreach (FakeLoadSwitch s in _switches)
            {
                if (s.WasEverClosed)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
