// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// The board's hardware enable as the simulator models it: a retriggerable monostable (a
/// 74LVC1G123 fed on its rising-edge input) whose output gates every gate driver. Each rising edge
/// of the feed pin restarts its timeout; the output is high until the timeout has passed since the
/// last rising edge, and low from power-up until the first one. The firmware toggles the feed once
/// per healthy tick, so the output stays high while ticks complete and falls one timeout after
/// they stop, whatever the switch outputs hold.
/// </summary>
public sealed class HardwareEnableLine
{
    private bool _level;
    private bool _triggered;
    private double _lastRiseMs;

    public HardwareEnableLine(int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, 1);
        TimeoutMs = timeoutMs;
    }

    public int TimeoutMs { get; }

    /// <summary>Time of the last rising edge, ms (NaN before the first).</summary>
    public double LastRiseMs => _triggered ? _lastRiseMs : double.NaN;

    /// <summary>The feed pin changed to <paramref name="level"/> at <paramref name="atMs"/>; a rising edge retriggers.</summary>
    public void Feed(bool level, double atMs)
    {
        if (level && !_level)
        {
            _lastRiseMs = atMs;
            _triggered = true;
        }

        _level = level;
    }

    /// <summary>Whether the gate drivers are enabled at <paramref name="atMs"/>.</summary>
    public bool IsEnabled(double atMs) => _triggered && atMs - _lastRiseMs < TimeoutMs;
}
