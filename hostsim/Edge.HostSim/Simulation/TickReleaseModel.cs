// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Randomness;

namespace Edge.HostSim.Simulation;

/// <summary>
/// When each tick of the simulated firmware starts, under a nanoFramework-like
/// <see cref="TickJitterMode.NanoFramework"/> jitter: the sampling thread is released every period
/// by the high-resolution timer, but nanoFramework time-slices managed threads with a 20 ms quantum,
/// so in a share of releases (another thread running: the network thread, Wi-Fi on the same core)
/// the tick waits up to the quantum; a garbage collection stops every thread for its pause. A tick
/// that starts after the next release swallows that release (the firmware's auto-reset event holds
/// one signal), as on the device. Without such a fault every tick starts on its release.
/// The latency is the device's figure (SamplingLoop: start minus the timer's latest release the tick
/// answers), so a tick that swallowed releases is measured from the last of them, not from the one
/// that woke it: the health telemetry and the simulator's tickTiming then mean the same thing.
/// </summary>
public sealed class TickReleaseModel
{
    /// <summary>Scheduling overhead of an uncontended release, us (a context switch and the timer callback).</summary>
    public const int UncontendedLatencyUs = 300;

    private readonly SimRandom _random;
    private readonly long _periodUs;
    private double _nextGcS = double.NaN;
    private long _lastStartUs = long.MinValue;

    public TickReleaseModel(int periodMs, ulong seed)
    {
        _periodUs = periodMs * 1000L;
        _random = new SimRandom(seed);
    }

    /// <summary>Release latency of the latest accepted tick, us: its start minus the latest release at or before it (below one period).</summary>
    public int LatencyUs { get; private set; }

    /// <summary>Start of the latest accepted tick, us of simulated time.</summary>
    public long StartUs => _lastStartUs;

    /// <summary>
    /// The tick released at <paramref name="releaseUs"/>: false when it is swallowed (the previous tick
    /// started at or after this release); otherwise true with <see cref="StartUs"/> and
    /// <see cref="LatencyUs"/> set. <paramref name="jitter"/> null: the tick starts on its release.
    /// </summary>
    public bool TryRelease(long releaseUs, FaultSpec? jitter)
    {
        if (_lastStartUs >= releaseUs)
        {
            return false;
        }

        int latency = 0;
        if (jitter != null)
        {
            latency = _random.NextDouble() < jitter.BusyFraction
                ? (int)(_random.NextDouble() * jitter.JitterMs * 1000.0)
                : (int)(_random.NextDouble() * UncontendedLatencyUs);
            double releaseS = releaseUs / 1e6;
            if (double.IsNaN(_nextGcS))
            {
                _nextGcS = releaseS + (_random.NextDouble() * jitter.GcPeriodS);
            }

            if (releaseS >= _nextGcS)
            {
                latency += jitter.GcPauseMs * 1000;

                // Collections come with allocation, not a clock: +-50 % around the mean period.
                _nextGcS = releaseS + (jitter.GcPeriodS * (0.5 + _random.NextDouble()));
            }
        }

        _lastStartUs = Math.Max(releaseUs + latency, _lastStartUs + 1);

        // Releases fall every period from this one; those up to the start are answered by this tick (the device's
        // thread takes every pending release when it wakes) and it is measured from the latest of them.
        LatencyUs = (int)((_lastStartUs - releaseUs) % _periodUs);
        return true;
    }

    /// <summary>Nominal period, us.</summary>
    public long PeriodUs => _periodUs;
}
