// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Counts a recording's pulses by direction: runs of samples under current of one sign, at least
/// <see cref="ProtocolInference.MinimumSamplesPerPulse"/> long, so that a lone sample of the other sign at a step (a
/// cycler's overshoot) is no pulse. A symmetric cell's usual cycling strips and plates by turns; the core infers one
/// direction's pulses, so such a recording must be told apart from one that only strips or only plates.
/// </summary>
internal sealed class PulseDirections
{
    private int _runSign;
    private int _runSamples;
    private double _runStartS;

    public int Stripping { get; private set; }

    public int Plating { get; private set; }

    /// <summary>Recording time of the first plating pulse's first sample, s; NaN while none plated.</summary>
    public double FirstPlatingS { get; private set; } = double.NaN;

    /// <summary>The next sample: its time and its current, 0 where it is under the pulse threshold.</summary>
    public void Add(double timeS, double currentMA)
    {
        int sign = Math.Sign(currentMA);
        if (sign == _runSign)
        {
            _runSamples++;
            return;
        }

        End();
        _runSign = sign;
        _runSamples = 1;
        _runStartS = timeS;
    }

    /// <summary>Counts the run in progress (at the recording's end).</summary>
    public void End()
    {
        if (_runSign != 0 && _runSamples >= ProtocolInference.MinimumSamplesPerPulse)
        {
            if (_runSign > 0)
            {
                Stripping++;
            }
            else
            {
                Plating++;
                FirstPlatingS = double.IsNaN(FirstPlatingS) ? _runStartS : FirstPlatingS;
            }
        }

        _runSign = 0;
        _runSamples = 0;
    }
}
