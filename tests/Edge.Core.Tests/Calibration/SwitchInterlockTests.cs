using Edge.Core.Actuation;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Boards;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>
/// The controller closes no switch on readings without this unit's own calibration: frames from the
/// board's nominal (synthetic) points are marked uncalibrated, modules are not started, and every
/// switch stays open whatever a command asks. With a per-unit calibration the same board pulses.
/// </summary>
public class SwitchInterlockTests
{
    private readonly BoardDefinition _board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);

    [Fact]
    public void Uncalibrated_unit_never_closes_a_switch_and_says_why()
    {
        Rig rig = new Rig(_board, null);
        int uncalibratedEvents = 0;
        for (int tick = 0; tick < 300; tick++)
        {
            if (tick == 100)
            {
                rig.Controller.RequestStart(-1);
            }

            rig.Tick(tick);
            Assert.True(rig.Frame.Uncalibrated);
            Assert.All(rig.Actions.SwitchClosed, closed => Assert.False(closed));
            Assert.All(rig.Actions.CurrentSetpointUa, setpoint => Assert.Equal(0, setpoint));
            uncalibratedEvents += rig.Count(EventKind.Uncalibrated, Severity.Warning);
        }

        // One refusal per module at the automatic start, one per module for the start command.
        Assert.Equal(4, uncalibratedEvents);
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.Equal(ModuleState.Idle, rig.Controller.Module(1).State);
    }

    [Fact]
    public void Calibrated_unit_pulses_and_an_uncalibrated_frame_opens_the_switches_at_once()
    {
        Rig rig = new Rig(_board, UnitFromNominalCurves(_board));
        rig.Tick(0);
        Assert.False(rig.Frame.Uncalibrated);
        Assert.True(rig.Actions.SwitchClosed[0]);
        Assert.Equal(385, rig.Actions.CurrentSetpointUa[0]);
        Assert.Equal(0, rig.Count(EventKind.Uncalibrated, Severity.Warning));

        // A frame that lost its calibration (a host swapping channels at run time) opens everything in that tick.
        rig.Tick(1);
        rig.Frame.Uncalibrated = true;
        rig.Controller.Tick(rig.Frame, rig.Actions);
        Assert.All(rig.Actions.SwitchClosed, closed => Assert.False(closed));
    }

    [Fact]
    public void Calibration_of_another_board_is_refused()
    {
        BoardDefinition mux = BoardFiles.Parse(BoardFiles.Mux6s);
        ArgumentException e = Assert.Throws<ArgumentException>(() => new BoardAdcChannels(_board, UnitFromNominalCurves(mux)));
        Assert.Contains("calibration of board 'esp32-mux-6s' on board 'esp32-devkitc-4s2m'", e.Message);
    }

    [Fact]
    public void Plating_setpoint_never_leaves_a_board_that_cannot_plate()
    {
        // The configuration validator refuses plating protocols on a sink. Should a plating step get past it
        // (here: the flag cleared after the controller accepted a plating protocol), the actuation still refuses.
        Rig rig = new Rig(_board, UnitFromNominalCurves(_board), plate: true);
        rig.Tick(0);
        Assert.True(rig.Actions.SwitchClosed[0]);
        Assert.Equal(-154, rig.Actions.CurrentSetpointUa[0]);

        rig.Controller.Configuration.Protection.PlatingSupported = false;
        rig.Tick(1);
        Assert.False(rig.Actions.SwitchClosed[0]);
        Assert.Equal(0, rig.Actions.CurrentSetpointUa[0]);
    }

    /// <summary>A "unit" whose curves are the board's own: enough to stand for a calibrated unit here.</summary>
    internal static UnitCalibration UnitFromNominalCurves(BoardDefinition board)
    {
        var cells = new CalibrationCurve[board.CellCount];
        var modules = new CalibrationCurve[board.ModuleCount];
        var temperatures = new CalibrationCurve[board.TemperatureCount];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = board.CellAt(i).Calibration;
        }

        for (int m = 0; m < modules.Length; m++)
        {
            modules[m] = board.ModuleAt(m).CurrentCalibration;
        }

        for (int t = 0; t < temperatures.Length; t++)
        {
            temperatures[t] = board.TemperatureAt(t).Calibration;
        }

        return new UnitCalibration(board.Name, board.FrontEndFingerprint, "test-unit", board.Reference == null ? UnitCalibration.NoReference : 1344, cells, modules, temperatures);
    }

    /// <summary>The board's conversion in front of a controller configured for the board.</summary>
    private sealed class Rig
    {
        private readonly BoardSampleConverter _converter;
        private readonly int[] _cells;
        private readonly int[] _modules;

        public Rig(BoardDefinition board, UnitCalibration unit, bool plate = false)
        {
            Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
            var configuration = new ControllerConfiguration { SamplePeriodMs = board.SamplePeriodMs };
            BoardCellParameters.Apply(board.CellParameters, configuration);
            BoardCurrentSetpoints.ApplyDefaults(board, configuration);
            BoardSafetyLimits.Apply(board.Safety, configuration);
            if (plate)
            {
                configuration.Protection.PlatingSupported = true;
                configuration.Protocol.Steps = new[]
                {
                    new ProtocolStep(ProtocolStepKind.Plate, 154, 1000),
                    new ProtocolStep(ProtocolStepKind.Rest, 0, 1000),
                };
            }

            Controller = new EdgeController(layout, configuration);
            Frame = new SampleFrame(layout);
            Actions = new ActionFrame(layout);
            _converter = new BoardSampleConverter(new BoardAdcChannels(board, unit));

            // Every cell at about +100 mV, no current: 1344 counts is REF (1.225 V) on the typical chip.
            _cells = Enumerable.Repeat(1385, board.CellCount).ToArray();
            _modules = Enumerable.Repeat(1345, board.ModuleCount).ToArray();
        }

        public EdgeController Controller { get; }

        public SampleFrame Frame { get; }

        public ActionFrame Actions { get; }

        public void Tick(int tick)
        {
            _converter.Convert(_cells, _modules, null, Frame);
            Frame.TickIndex = tick;
            Frame.TimestampMs = tick * 10L;
            Controller.Tick(Frame, Actions);
        }

        public int Count(EventKind kind, Severity severity)
        {
            int count = 0;
            for (int i = 0; i < Controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = Controller.Telemetry[i];
                count += record.Kind == TelemetryRecordKind.Event && record.EventKind == kind && record.Severity == severity ? 1 : 0;
            }

            return count;
        }
    }
}
