// Licensed under the MIT License.

namespace Edge.HostSim.Faults;

/// <summary>One injected fault of a scenario: when, where, what, and its kind's parameters.</summary>
public sealed class FaultSpec
{
    /// <summary>Simulated time the fault starts, s.</summary>
    public double AtS { get; set; }

    public FaultKind Kind { get; set; }

    /// <summary>Module index; -1 where the kind needs none (tickJitter, brokerOutage).</summary>
    public int Module { get; set; } = -1;

    /// <summary>Cell index within the module; -1 = every cell of the module (noiseBurst) or none.</summary>
    public int Cell { get; set; } = -1;

    /// <summary>How long it lasts, s; 0 = until the end of the run.</summary>
    public double DurationS { get; set; }

    /// <summary>softShort: shunt resistance, ohm cm2.</summary>
    public double ResistanceOhmCm2 { get; set; }

    /// <summary>softShort: intermittent shunt, conducting this long (s)...</summary>
    public double OnS { get; set; }

    /// <summary>...then open this long (s), repeating.</summary>
    public double OffS { get; set; }

    /// <summary>softShort: alternatively, the chance per sample period that the shunt conducts (0..1].</summary>
    public double Probability { get; set; }

    /// <summary>noiseBurst: extra noise, mV (standard deviation).</summary>
    public double NoiseMv { get; set; }

    /// <summary>tickJitter: largest timestamp error (uniform) or thread quantum (nanoFramework), ms.</summary>
    public int JitterMs { get; set; }

    /// <summary>tickJitter: uniform timestamp jitter or nanoFramework-like late starts.</summary>
    public TickJitterMode JitterMode { get; set; }

    /// <summary>tickJitter (nanoFramework): share of releases that find another thread running, 0..1.</summary>
    public double BusyFraction { get; set; } = 0.25;

    /// <summary>tickJitter (nanoFramework): mean time between garbage collections, s.</summary>
    public double GcPeriodS { get; set; } = 10.0;

    /// <summary>tickJitter (nanoFramework): how long a garbage collection stops every thread, ms.</summary>
    public int GcPauseMs { get; set; } = 15;

    /// <summary>temperatureRise: the temperature sensor (0 .. pack.temperatureSensors - 1).</summary>
    public int Sensor { get; set; }

    /// <summary>temperatureRise: how fast the reading rises, degC per second; it holds its last value after durationS.</summary>
    public double RateCPerS { get; set; }

    /// <summary>currentSensor: how the reading is falsified.</summary>
    public CurrentSensorMode CurrentSensorMode { get; set; }

    /// <summary>currentSensor (stuck): the reading, uA.</summary>
    public int ValueUa { get; set; }

    /// <summary>currentSensor (offset): added to the reading, uA.</summary>
    public int OffsetUa { get; set; }

    /// <summary>currentSensor (saturated): at the ADC's full scale (true) or at 0 counts.</summary>
    public bool RailHigh { get; set; }

    /// <summary>muxSelectLine: the select line, 0 = S0 (the least significant address bit).</summary>
    public int SelectLine { get; set; }

    /// <summary>muxSelectLine: stuck high (true) or low.</summary>
    public bool StuckHigh { get; set; }

    /// <summary>Pack-wide cell index given the layout (module * cellsPerModule + cell).</summary>
    public int PackCell(int cellsPerModule) => (Module * cellsPerModule) + Cell;

    /// <summary>Start, whole ms: sample times are whole milliseconds, so windows are decided on them.</summary>
    public long AtMs => ToMs(AtS);

    /// <summary>
    /// Whether the fault is active at <paramref name="tS"/>. Compared in whole milliseconds: in seconds the end
    /// 0.1 + 0.2 is 0.30000000000000004, and the window held one tick more than its duration.
    /// </summary>
    public bool IsActiveAt(double tS)
    {
        long timeMs = ToMs(tS);
        long startMs = AtMs;
        return timeMs >= startMs && (DurationS <= 0 || timeMs < startMs + ToMs(DurationS));
    }

    /// <summary>Seconds to the nearest whole millisecond.</summary>
    public static long ToMs(double seconds) => (long)Math.Round(seconds * 1000);
}
