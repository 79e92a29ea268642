// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// Decimated trace kept in preallocated columns. When full, every other row is dropped and the period
/// doubles, so any run length fits in a fixed number of rows with an even spacing.
/// </summary>
public sealed class TraceBuffer
{
    private readonly int _capacity;

    public TraceBuffer(int modules, int cells, int capacity, int periodMs, bool adaptive)
    {
        _capacity = capacity;
        Modules = modules;
        Cells = cells;
        PeriodMs = Math.Max(1, periodMs);
        Adaptive = adaptive;
        TimeS = new double[capacity];
        CurrentMAPerCm2 = new float[modules * capacity];
        State = new byte[modules * capacity];
        VoltageV = new float[cells * capacity];
    }

    public int Modules { get; }

    public int Cells { get; }

    public int Count { get; private set; }

    /// <summary>Spacing of the rows now, ms.</summary>
    public long PeriodMs { get; private set; }

    public bool Adaptive { get; }

    public double[] TimeS { get; }

    /// <summary>Row-major [row * Modules + module].</summary>
    public float[] CurrentMAPerCm2 { get; }

    /// <summary>Row-major [row * Modules + module]: the core's ModuleState.</summary>
    public byte[] State { get; }

    /// <summary>Row-major [row * Cells + cell]: true cell voltage.</summary>
    public float[] VoltageV { get; }

    /// <summary>True when a row is due at this simulated time.</summary>
    public bool IsDue(long timeMs) => timeMs % PeriodMs == 0;

    /// <summary>Appends a row; returns its index for the caller to fill.</summary>
    public int Append(double timeS)
    {
        if (Count == _capacity)
        {
            if (!Adaptive)
            {
                return -1;
            }

            Compact();
        }

        int row = Count;
        TimeS[row] = timeS;
        Count++;
        return row;
    }

    private void Compact()
    {
        int kept = 0;
        for (int row = 0; row < Count; row += 2)
        {
            TimeS[kept] = TimeS[row];
            Array.Copy(CurrentMAPerCm2, row * Modules, CurrentMAPerCm2, kept * Modules, Modules);
            Array.Copy(State, row * Modules, State, kept * Modules, Modules);
            Array.Copy(VoltageV, row * Cells, VoltageV, kept * Cells, Cells);
            kept++;
        }

        Count = kept;
        PeriodMs *= 2;
    }
}
