using Edge.Core.Actuation;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Boards;
using Edge.Core.Tests.Calibration;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A multiplexer select line that sticks on the shipped mux board (boards/esp32-mux-6s.board: cells on inputs 0-5, the
/// NTC on 6, REF on 7) takes REF's address to another input. The reference check names the multiplexer
/// (<c>muxAddressFault</c>), latched, every switch open in the tick it latches, instead of one invalid verdict per cell.
/// </summary>
public class MuxAddressFaultTests
{
    /// <summary>
    /// The typical chip's line (boards/README.md: 0.806 mV a count + 142 mV): counts at <paramref name="adcMv"/>, plus
    /// the reading's own noise, drawn for every conversion as the ADC draws it.
    /// </summary>
    private static int Counts(double adcMv, Random noise) => (int)Math.Round((adcMv - 142) / 0.80564) + noise.Next(-2, 3);

    /// <summary>
    /// The pack on the mux board: every cell at 100 mV resting and 442 ohm (170 ohm cm2 / 0.3848 cm2) times its module's
    /// current while it flows, the current what the previous tick commanded, the NTC at 25.0 degC (1872 counts, the
    /// board's point 1872:250), REF at 1225 mV. <paramref name="stuckLowBit"/> (-1: none) is a select line held low:
    /// address a then connects input a with that bit cleared.
    /// </summary>
    private sealed record Event(long TimestampMs, EventKind EventKind, DiagnosisId Diagnosis, Severity Severity, long Value, long Threshold);

    private sealed class MuxRig
    {
        private readonly BoardSampleConverter _converter;
        private readonly Random _noise = new Random(5);
        private readonly int[] _cells = new int[6];
        private readonly int[] _modules = new int[3];
        private readonly int[] _temperatures = new int[1];

        public MuxRig()
        {
            BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
            Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
            var configuration = new ControllerConfiguration { SamplePeriodMs = board.SamplePeriodMs };
            BoardCellParameters.Apply(board.CellParameters, configuration);
            BoardCurrentSetpoints.ApplyDefaults(board, configuration);
            BoardSafetyLimits.Apply(board.Safety, configuration);
            Controller = new EdgeController(layout, configuration);
            Frame = new SampleFrame(layout);
            Actions = new ActionFrame(layout);

            // The unit's calibration recorded REF at 1344 counts: (1225 - 142) / 0.806.
            _converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        }

        public EdgeController Controller { get; }

        public SampleFrame Frame { get; }

        public ActionFrame Actions { get; }

        public int StuckLowBit { get; set; } = -1;

        public void Tick(int tick)
        {
            var flowingUa = new int[3];
            for (int m = 0; m < 3; m++)
            {
                flowingUa[m] = Actions.SwitchClosed[m] ? Actions.CurrentSetpointUa[m] : 0;

                // 500 V/A around REF: 0.5 mV at the ADC per uA. Read directly, not through the multiplexer.
                _modules[m] = Counts(1225 + (0.5 * flowingUa[m]), _noise);
            }

            for (int c = 0; c < 6; c++)
            {
                _cells[c] = ReadAddress(c, flowingUa);
            }

            _temperatures[0] = ReadAddress(6, flowingUa);
            _converter.Convert(_cells, _modules, _temperatures, ReadAddress(7, flowingUa), Frame);
            Frame.TickIndex = tick;
            Frame.TimestampMs = tick * 20L;
            Controller.Tick(Frame, Actions);
        }

        /// <summary>This tick's warning and fault events, copied (the controller reuses its records).</summary>
        public List<Event> Events()
        {
            var events = new List<Event>();
            for (int i = 0; i < Controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = Controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.Event && record.Severity != Severity.Info)
                {
                    events.Add(new Event(record.TimestampMs, record.EventKind, record.Diagnosis, record.Severity, record.Value, record.Threshold));
                }
            }

            return events;
        }

        private int ReadAddress(int address, int[] flowingUa)
        {
            int input = StuckLowBit < 0 ? address : address & ~(1 << StuckLowBit);
            if (input == 7)
            {
                return Counts(1225, _noise);
            }

            if (input == 6)
            {
                return 1872 + _noise.Next(-2, 3);
            }

            // A cell's front end: REF + 0.33 x the cell voltage; cell c sits in module c / 2.
            double cellMv = 100 + (442.0 * flowingUa[input / 2] / 1000.0);
            return Counts(1225 + (0.33 * cellMv), _noise);
        }
    }

    [Fact]
    public void A_select_line_stuck_low_latches_a_mux_address_fault_and_opens_every_switch_in_the_tick_it_latches()
    {
        var rig = new MuxRig();
        var events = new List<Event>();
        bool pulsed = false;
        for (int tick = 0; tick < 400; tick++)
        {
            rig.Tick(tick);
            events.AddRange(rig.Events());
            pulsed |= rig.Actions.SwitchClosed[0];
        }

        // The rig is a healthy pack: it pulses and reports nothing.
        Assert.True(pulsed);
        Assert.Empty(events);

        // S0 held low from tick 400: REF's address 7 connects input 6, the NTC (1872 counts, 528 from calibration).
        rig.StuckLowBit = 0;
        for (int tick = 400; tick < 600; tick++)
        {
            rig.Tick(tick);
            List<Event> now = rig.Events();
            events.AddRange(now);
            if (tick < 402)
            {
                // Two readings pending (the row's debounce is three).
                Assert.Empty(now);
                continue;
            }

            // From the third reading on: every switch open, whatever the line does after it (freed at 500).
            Assert.All(rig.Actions.SwitchClosed, closed => Assert.False(closed));
            Assert.All(rig.Actions.CurrentSetpointUa, setpoint => Assert.Equal(0, setpoint));
            if (tick == 500)
            {
                rig.StuckLowBit = -1;
            }
        }

        // One verdict, naming the multiplexer: the pack's, latched, at the third reading; the REF reading against 1344.
        Event fault = Assert.Single(events);
        Assert.Equal(DiagnosisId.MuxAddressFault, fault.Diagnosis);
        Assert.Equal(EventKind.ChannelFault, fault.EventKind);
        Assert.Equal(Severity.Fault, fault.Severity);
        Assert.Equal(402 * 20L, fault.TimestampMs);
        Assert.InRange(fault.Value, 1870, 1874);
        Assert.Equal(1344, fault.Threshold);
        Assert.True(rig.Controller.Diagnosis.IsActive(DiagnosisId.MuxAddressFault, 0));
    }
}
