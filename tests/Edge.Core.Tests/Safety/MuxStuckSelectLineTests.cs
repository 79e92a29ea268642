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
/// A select line stuck high or low, against the multiplexer's address checks. The shipped mux board
/// (boards/esp32-mux-6s.board: cells on inputs 0-5, the NTC on 6, REF on 7) checks REF's address alone, and a resting
/// cell reads as REF (its front end gives REF + 0.33 x 0 V). The same board with inputs 0 and 7 tied to ground
/// (<c>ground_inputs = 0, 7</c>; its cells on 1-6, REF and the NTC on the ADC1 pins its setpoints used) sees every line at
/// both levels: a line stuck high moves address 0, one stuck low address 7, onto an input that reads above ground.
/// </summary>
public class MuxStuckSelectLineTests
{
    internal sealed record Event(long TimestampMs, DiagnosisId Diagnosis, Severity Severity, long Value, long Threshold);

    /// <summary>The board a <see cref="Rig"/> runs: the shipped mux board or one of its revisions (<see cref="RevisedMuxBoards"/>).</summary>
    internal enum MuxBoard
    {
        /// <summary>boards/esp32-mux-6s.board: cells on inputs 0-5, the NTC on 6, REF on 7.</summary>
        Shipped,

        /// <summary><see cref="RevisedMuxBoards.With4051"/>: cells on 1-6, ground on 0 and 7, REF and the NTC on ADC pins of their own.</summary>
        With4051,

        /// <summary><see cref="RevisedMuxBoards.With4067"/>: cells on 1-6, REF on 7, the NTC on 8, ground on 0 and 15, 9-14 unwired.</summary>
        With4067,
    }

    /// <summary>
    /// The pack on any of those boards: every cell at 0 mV resting (the worst case: it reads as REF) and 442 ohm (170 ohm
    /// cm2 / 0.3848 cm2) times its module's current while it flows, the NTC at 25.0 degC (1872 counts) unless told, REF at
    /// 1225 mV, a ground input at 0 V (0 counts: every chip reads 0 below 142 mV), each reading with its own noise. A stuck
    /// select line makes address a connect input a with that bit forced to the stuck level.
    /// </summary>
    internal sealed class Rig
    {
        private readonly MuxBoard _board;
        private readonly bool _grounded;
        private readonly BoardSampleConverter _converter;
        private readonly Random _noise = new Random(11);
        private readonly Random _groundNoise = new Random(5);
        private readonly int[] _cells = new int[6];
        private readonly int[] _modules = new int[3];
        private readonly int[] _temperatures = new int[1];
        private readonly int[] _grounds = new int[2];

        public Rig(bool grounded)
            : this(grounded ? MuxBoard.With4051 : MuxBoard.Shipped)
        {
        }

        public Rig(MuxBoard muxBoard)
        {
            _board = muxBoard;
            _grounded = muxBoard != MuxBoard.Shipped;
            BoardDefinition board = muxBoard == MuxBoard.Shipped ? BoardFiles.Parse(BoardFiles.Mux6s)
                : BoardRuleAssert.Parsed(muxBoard == MuxBoard.With4051 ? RevisedMuxBoards.With4051() : RevisedMuxBoards.With4067());
            Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
            var configuration = new ControllerConfiguration { SamplePeriodMs = board.SamplePeriodMs };
            BoardCellParameters.Apply(board.CellParameters, configuration);
            BoardCurrentSetpoints.ApplyDefaults(board, configuration);
            BoardSafetyLimits.Apply(board.Safety, configuration);
            Controller = new EdgeController(layout, configuration);
            Frame = new SampleFrame(layout);
            Actions = new ActionFrame(layout);
            _converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        }

        public EdgeController Controller { get; }

        public SampleFrame Frame { get; }

        public ActionFrame Actions { get; }

        /// <summary>The stuck line (-1: none) and its level.</summary>
        public int StuckBit { get; set; } = -1;

        public bool StuckHigh { get; set; }

        /// <summary>Extra noise on every multiplexed reading, counts either way (healthy: 2).</summary>
        public int NoiseCounts { get; set; } = 2;

        /// <summary>
        /// A ground input's own pick-up, counts: each ground reading adds a draw from 0 to this (0: none), from a generator
        /// of its own, so every other reading stays as it would be without it.
        /// </summary>
        public int GroundPickupCounts { get; set; }

        /// <summary>What a ground input reads this tick in place of ground (-1: ground): a glitch.</summary>
        public int GroundOverrideCounts { get; set; } = -1;

        /// <summary>What the NTC gives at its own input, counts before noise (1872: 25.0 degC; 2838: 50.0 degC).</summary>
        public int NtcCounts { get; set; } = 1872;

        /// <summary>What an input nothing is wired to reads on the 4067 board, counts (it floats: anything).</summary>
        public int FloatingCounts { get; set; }

        /// <summary>Per module, current flowing beyond the setpoint while its switch is closed, uA (a stage running away).</summary>
        public int[] ExtraCurrentUa { get; } = new int[3];

        public void Tick(int tick)
        {
            var flowingUa = new int[3];
            for (int m = 0; m < 3; m++)
            {
                flowingUa[m] = Actions.SwitchClosed[m] ? Actions.CurrentSetpointUa[m] + ExtraCurrentUa[m] : 0;
                _modules[m] = Counts(1225 + (0.5 * flowingUa[m]));
            }

            int cellBase = _grounded ? 1 : 0;
            for (int c = 0; c < 6; c++)
            {
                _cells[c] = Read(cellBase + c, flowingUa);
            }

            if (_board == MuxBoard.With4067)
            {
                _temperatures[0] = Read(8, flowingUa);
                _grounds[0] = Read(0, flowingUa);
                _grounds[1] = Read(15, flowingUa);
                _converter.Convert(_cells, _modules, _temperatures, Read(7, flowingUa), _grounds, Frame);
            }
            else if (_grounded)
            {
                _temperatures[0] = Ntc();
                _grounds[0] = Read(0, flowingUa);
                _grounds[1] = Read(7, flowingUa);
                _converter.Convert(_cells, _modules, _temperatures, Counts(1225), _grounds, Frame);
            }
            else
            {
                _temperatures[0] = Read(6, flowingUa);
                _converter.Convert(_cells, _modules, _temperatures, Read(7, flowingUa), Frame);
            }

            Frame.TickIndex = tick;
            Frame.TimestampMs = tick * 20L;
            Controller.Tick(Frame, Actions);
        }

        public List<Event> Events()
        {
            var events = new List<Event>();
            for (int i = 0; i < Controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = Controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.Event && record.Severity != Severity.Info)
                {
                    events.Add(new Event(record.TimestampMs, record.Diagnosis, record.Severity, record.Value, record.Threshold));
                }
            }

            return events;
        }

        /// <summary>The typical chip (0.806 mV a count + 142 mV), clipped at 0 and full scale, plus this reading's noise.</summary>
        private int Counts(double adcMv)
        {
            int counts = (int)Math.Round((adcMv - 142) / 0.80564) + _noise.Next(-NoiseCounts, NoiseCounts + 1);
            return Math.Clamp(counts, 0, 4095);
        }

        private int Read(int address, int[] flowingUa)
        {
            int input = address;
            if (StuckBit >= 0)
            {
                input = StuckHigh ? address | (1 << StuckBit) : address & ~(1 << StuckBit);
            }

            if (_board == MuxBoard.With4067)
            {
                if (input == 0 || input == 15)
                {
                    return Counts(0);
                }

                return input == 7 ? Counts(1225)
                    : input == 8 ? Ntc()
                    : input <= 6 ? CellCounts(input - 1, flowingUa)
                    : Math.Clamp(FloatingCounts + _noise.Next(-NoiseCounts, NoiseCounts + 1), 0, 4095);
            }

            if (_grounded)
            {
                if (input == 0 || input == 7)
                {
                    int ground = Counts(0) + (GroundPickupCounts > 0 ? _groundNoise.Next(0, GroundPickupCounts + 1) : 0);
                    return GroundOverrideCounts >= 0 ? GroundOverrideCounts : ground;
                }

                return CellCounts(input - 1, flowingUa);
            }

            if (input == 7)
            {
                return Counts(1225);
            }

            return input == 6 ? Ntc() : CellCounts(input, flowingUa);
        }

        private int Ntc() => NtcCounts + _noise.Next(-NoiseCounts, NoiseCounts + 1);

        private int CellCounts(int cell, int[] flowingUa) => Counts(1225 + (0.33 * 442.0 * flowingUa[cell / 2] / 1000.0));
    }

    /// <summary>Runs a healthy rig for 400 ticks (it pulses, reports nothing), then sticks the line from tick 400.</summary>
    private static (List<Event> Events, bool OpenFromThird) Stick(Rig rig, int bit, bool high)
    {
        bool pulsed = false;
        for (int tick = 0; tick < 400; tick++)
        {
            rig.Tick(tick);
            Assert.Empty(rig.Events());
            pulsed |= rig.Actions.SwitchClosed[0] && rig.Actions.SwitchClosed[2];
        }

        Assert.True(pulsed);
        rig.StuckBit = bit;
        rig.StuckHigh = high;
        var events = new List<Event>();
        bool open = true;
        for (int tick = 400; tick < 600; tick++)
        {
            rig.Tick(tick);
            events.AddRange(rig.Events());
            if (tick >= 402)
            {
                open &= rig.Actions.SwitchClosed.All(closed => !closed) && rig.Actions.CurrentSetpointUa.All(setpoint => setpoint == 0);
            }
        }

        return (events, open);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void With_ground_inputs_at_the_all_zeros_and_all_ones_addresses_each_stuck_select_line_latches_at_the_third_reading(int bit, bool high)
    {
        (List<Event> events, bool open) = Stick(new Rig(grounded: true), bit, high);

        // As the reference check (MuxAddressFaultTests): one verdict naming the multiplexer, latched at the third reading
        // (tick 402), every switch open and every setpoint 0 in that tick and after. The value is the ground input's reading:
        // a line stuck high moves address 0 onto input 2^bit, cell 2^bit - 1; one stuck low moves address 7 onto input
        // 7 - 2^bit, a cell at rest or pulsing: REF + 0.33 x its voltage, at least (1225 - 142) / 0.806 - 2 = 1342 counts.
        Event fault = Assert.Single(events);
        Assert.Equal(DiagnosisId.MuxAddressFault, fault.Diagnosis);
        Assert.Equal(Severity.Fault, fault.Severity);
        Assert.Equal(402 * 20L, fault.TimestampMs);
        Assert.InRange(fault.Value, 1342, 4095);
        Assert.Equal(0, fault.Threshold);
        Assert.True(open);
    }

    [Fact]
    public void A_healthy_grounded_board_never_trips_the_check()
    {
        // Ten times the healthy noise on every reading, ground included: a ground input reads 0-20 counts, far inside 124.
        var rig = new Rig(grounded: true) { NoiseCounts = 20 };
        bool pulsed = false;
        for (int tick = 0; tick < 3000; tick++)
        {
            rig.Tick(tick);
            Assert.DoesNotContain(rig.Events(), e => e.Diagnosis == DiagnosisId.MuxAddressFault);
            Assert.False(rig.Frame.MuxAddressFault);
            pulsed |= rig.Actions.SwitchClosed[1];
        }

        Assert.True(pulsed);
    }

    [Theory]
    [InlineData(0, false, true)]   // REF's address 7 reads input 6, the NTC at 25 degC: 528 counts off
    [InlineData(1, false, false)]  // address 7 reads cell 5: at rest it reads as REF, pulsing 0.33 x 170 mV = 70 counts off
    [InlineData(2, false, false)]  // address 7 reads cell 3: the same
    [InlineData(0, true, false)]   // address 7 stays 7: REF reads REF
    [InlineData(1, true, false)]
    [InlineData(2, true, false)]
    public void The_shipped_board_sees_a_stuck_line_only_where_REF_address_lands_away_from_REF(int bit, bool high, bool seen)
    {
        (List<Event> events, _) = Stick(new Rig(grounded: false), bit, high);

        Assert.Equal(seen, events.Any(e => e.Diagnosis == DiagnosisId.MuxAddressFault));
    }
}
