using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A 2 x 2 pack of healthy cells (390 ohm: 0.39 mV per uA of what the previous tick made flow) on 1 s strip pulses
/// and 0.5 s rests, every reading off by uniform integer noise of +-<c>noiseMv</c>, as an ESP32 ADC can read; a test
/// may add its own offset to a cell (a sinking level, a rising overpotential). 10 ms ticks, no parallel path, no
/// depletion: whatever a detector finds here beyond a test's offset is a false alarm.
/// </summary>
internal sealed class NoisyHealthyPack
{
    public const int ModuleCount = 2;
    public const int CellsPerModule = 2;

    private readonly Random _random;
    private readonly int _noiseMv;
    private readonly SampleFrame _frame;
    private readonly ActionFrame _actions;
    private readonly bool[] _closedBefore = new bool[ModuleCount];
    private readonly int[] _setpointBeforeUa = new int[ModuleCount];
    private readonly int[] _openings = new int[ModuleCount];
    private long _tick;

    public NoisyHealthyPack(int seed, int noiseMv, ControlMode mode, int currentUa)
    {
        _random = new Random(seed);
        _noiseMv = noiseMv;
        Layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        ControllerConfiguration configuration = new ControllerConfiguration { Mode = mode };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, currentUa, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 500),
        };
        Controller = new EdgeController(Layout, configuration);
        _frame = new SampleFrame(Layout);
        _actions = new ActionFrame(Layout);
        _frame.TemperatureDeciCelsius[0] = 250;
    }

    /// <summary>A test's offset for one reading (mV): the cell, whether current flowed over the interval, the sample's time.</summary>
    public delegate int OffsetMv(int cell, bool underCurrent, long timestampMs);

    public PackLayout Layout { get; }

    public EdgeController Controller { get; }

    /// <summary>Time of the latest tick's sample, ms.</summary>
    public long TimestampMs => _frame.TimestampMs;

    /// <summary>Module-ticks after which a module's switch was closed.</summary>
    public int ClosedModuleTicks { get; private set; }

    /// <summary>How often the module's switch opened: the rests it began.</summary>
    public int Openings(int module) => _openings[module];

    /// <summary>One tick: every cell reads what the last tick's actions made flow, plus <paramref name="offset"/>, plus noise.</summary>
    public void Tick(OffsetMv offset = null)
    {
        _frame.TimestampMs = _tick * 10L;
        _frame.TickIndex = _tick;
        for (int m = 0; m < ModuleCount; m++)
        {
            _frame.ModuleCurrentUa[m] = _closedBefore[m] ? _setpointBeforeUa[m] : 0;
            for (int i = 0; i < CellsPerModule; i++)
            {
                int c = Layout.FirstCellOf(m) + i;
                int polarisationMv = _closedBefore[m] ? (int)(_setpointBeforeUa[m] * 0.39) : 0;
                int offsetMv = offset == null ? 0 : offset(c, _closedBefore[m], _frame.TimestampMs);
                _frame.CellVoltageMv[c] = polarisationMv + offsetMv + _random.Next(-_noiseMv, _noiseMv + 1);
            }
        }

        Controller.Tick(_frame, _actions);
        for (int m = 0; m < ModuleCount; m++)
        {
            if (_closedBefore[m] && !_actions.SwitchClosed[m])
            {
                _openings[m]++;
            }

            _closedBefore[m] = _actions.SwitchClosed[m];
            _setpointBeforeUa[m] = _actions.CurrentSetpointUa[m];
            ClosedModuleTicks += _closedBefore[m] ? 1 : 0;
        }

        _tick++;
    }
}
