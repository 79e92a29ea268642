using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Support;

/// <summary>
/// A 16-cell, 4-module pack on the default 1 s / 5 s protocol with every detector on, driven by frames
/// computed before the run (closed loop on the switch state, healthy cells, fixed noise pattern), so that
/// a tick loop runs nothing but the core.
/// </summary>
public sealed class PrecomputedPack
{
    public const int Modules = 4;
    public const int CellsPerModule = 4;

    private readonly int[][] _noiseMv;
    private long _tick;

    public PrecomputedPack()
    {
        Layout = new PackLayout(Modules, CellsPerModule, 2);
        Configuration = new ControllerConfiguration();
        Controller = new EdgeController(Layout, Configuration);
        Frame = new SampleFrame(Layout);
        Actions = new ActionFrame(Layout);
        Frame.TemperatureDeciCelsius[0] = 250;
        Frame.TemperatureDeciCelsius[1] = 251;
        var random = new Random(5);
        _noiseMv = new int[1024][];
        for (int i = 0; i < _noiseMv.Length; i++)
        {
            _noiseMv[i] = new int[Layout.CellCount];
            for (int c = 0; c < Layout.CellCount; c++)
            {
                _noiseMv[i][c] = random.Next(-2, 3);
            }
        }
    }

    public PackLayout Layout { get; }

    public ControllerConfiguration Configuration { get; }

    public EdgeController Controller { get; }

    public SampleFrame Frame { get; }

    public ActionFrame Actions { get; }

    /// <summary>One tick: fill the frame from the previous actions (integer arithmetic only) and run the core.</summary>
    public void Tick()
    {
        long tick = _tick++;
        Frame.TickIndex = tick;
        Frame.TimestampMs = tick * 10;
        int[] noise = _noiseMv[tick & 1023];
        for (int m = 0; m < Modules; m++)
        {
            bool closed = Actions.SwitchClosed[m];
            int current = closed ? Actions.CurrentSetpointUa[m] : 0;
            Frame.ModuleCurrentUa[m] = current;

            // 390 ohm ohmic step plus a small rise while the pulse lasts; relaxed at rest.
            int pulseMv = closed ? (current * 39 / 100) + (int)(tick % 600 / 10) : 0;
            for (int i = 0; i < CellsPerModule; i++)
            {
                int c = (m * CellsPerModule) + i;
                Frame.CellVoltageMv[c] = pulseMv + noise[c];
            }
        }

        Controller.Tick(Frame, Actions);
    }
}
