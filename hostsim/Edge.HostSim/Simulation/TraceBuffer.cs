// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.HostSim.Simulation;

/// <summary>
/// Decimated trace kept in preallocated columns. When full, rows are merged in pairs and the period
/// doubles, so any run length fits in a fixed number of rows with an even spacing. A trace whose period the
/// scenario fixed grows instead, up to <see cref="MaximumBytes"/>, and is only thinned beyond that: the end of a
/// run (a cut-off, a short) is never left out. Besides the sample
/// at its time, every row keeps the minimum and maximum of each cell voltage and module current over
/// the ticks since the previous row (<see cref="Observe"/> sees every tick), so pulses far shorter than
/// the row spacing still show as their true peaks and troughs.
/// </summary>
public sealed class TraceBuffer
{
    private int _capacity;

    // Extremes of the ticks since the last row; folded into the next row.
    private readonly float[] _pendingVoltageMinV;
    private readonly float[] _pendingVoltageMaxV;
    private readonly float[] _pendingCurrentMin;
    private readonly float[] _pendingCurrentMax;

    public TraceBuffer(int modules, int cells, int capacity, int periodMs, bool adaptive, int temperatureSensors = 0)
    {
        _capacity = capacity;
        Modules = modules;
        Cells = cells;
        TemperatureSensors = temperatureSensors;
        PeriodMs = Math.Max(1, periodMs);
        Adaptive = adaptive;
        TimeS = new double[capacity];
        CurrentMAPerCm2 = new float[modules * capacity];
        CurrentMinMAPerCm2 = new float[modules * capacity];
        CurrentMaxMAPerCm2 = new float[modules * capacity];
        State = new byte[modules * capacity];
        VoltageV = new float[cells * capacity];
        VoltageMinV = new float[cells * capacity];
        VoltageMaxV = new float[cells * capacity];
        MeasuredCellVoltageMv = new int[cells * capacity];
        MeasuredModuleCurrentUa = new int[modules * capacity];
        MeasuredCellVoltageStatus = new ChannelStatus[cells * capacity];
        MeasuredModuleCurrentStatus = new ChannelStatus[modules * capacity];
        MeasuredTemperatureDeciC = new int[temperatureSensors * capacity];
        MeasuredTemperatureStatus = new ChannelStatus[temperatureSensors * capacity];
        _pendingVoltageMinV = new float[cells];
        _pendingVoltageMaxV = new float[cells];
        _pendingCurrentMin = new float[modules];
        _pendingCurrentMax = new float[modules];
        ClearPending();
    }

    public int Modules { get; }

    public int Cells { get; }

    /// <summary>The pack's temperature sensors, each read every tick as the cells are.</summary>
    public int TemperatureSensors { get; }

    public int Count { get; private set; }

    /// <summary>Spacing of the rows now, ms.</summary>
    public long PeriodMs { get; private set; }

    /// <summary>True when the buffer picks its period (thinning at its capacity); false: the period was given, and the buffer grows.</summary>
    public bool Adaptive { get; }

    /// <summary>The most a fixed-period trace grows to before it is thinned like an adaptive one.</summary>
    public const long MaximumBytes = 256L * 1024 * 1024;

    public double[] TimeS { get; private set; }

    /// <summary>
    /// Row-major [row * Modules + module]: module current from the row's tick on (the closed loop: what the board's stage
    /// carries for the command; a replay: the recording's).
    /// </summary>
    public float[] CurrentMAPerCm2 { get; private set; }

    /// <summary>Row-major [row * Modules + module]: smallest module current since the previous row.</summary>
    public float[] CurrentMinMAPerCm2 { get; private set; }

    /// <summary>Row-major [row * Modules + module]: largest module current since the previous row.</summary>
    public float[] CurrentMaxMAPerCm2 { get; private set; }

    /// <summary>Row-major [row * Modules + module]: the core's ModuleState.</summary>
    public byte[] State { get; private set; }

    /// <summary>Row-major [row * Cells + cell]: true cell voltage at the row's tick.</summary>
    public float[] VoltageV { get; private set; }

    /// <summary>Row-major [row * Cells + cell]: lowest true cell voltage since the previous row.</summary>
    public float[] VoltageMinV { get; private set; }

    /// <summary>Row-major [row * Cells + cell]: highest true cell voltage since the previous row.</summary>
    public float[] VoltageMaxV { get; private set; }

    /// <summary>
    /// Row-major [row * Cells + cell]: the cell voltage the core read at the row's tick, mV (the sample frame's, after the
    /// measurement chain's noise, step and rounding; a replay: the value it fed).
    /// </summary>
    public int[] MeasuredCellVoltageMv { get; private set; }

    /// <summary>
    /// Row-major [row * Modules + module]: the module current the core read at the row's tick, uA: the current over the
    /// tick before it, as the sample frame held it (unlike <see cref="CurrentMAPerCm2"/>, the current from the row's tick on).
    /// </summary>
    public int[] MeasuredModuleCurrentUa { get; private set; }

    /// <summary>Row-major [row * Cells + cell]: the status of <see cref="MeasuredCellVoltageMv"/>'s reading, as the sample frame held it.</summary>
    public ChannelStatus[] MeasuredCellVoltageStatus { get; private set; }

    /// <summary>Row-major [row * Modules + module]: the status of <see cref="MeasuredModuleCurrentUa"/>'s reading, as the sample frame held it.</summary>
    public ChannelStatus[] MeasuredModuleCurrentStatus { get; private set; }

    /// <summary>Row-major [row * TemperatureSensors + sensor]: the temperature the core read at the row's tick, 0.1 degC.</summary>
    public int[] MeasuredTemperatureDeciC { get; private set; }

    /// <summary>Row-major [row * TemperatureSensors + sensor]: the status of <see cref="MeasuredTemperatureDeciC"/>'s reading, as the sample frame held it.</summary>
    public ChannelStatus[] MeasuredTemperatureStatus { get; private set; }

    /// <summary>True when a row is due at this simulated time.</summary>
    public bool IsDue(long timeMs) => timeMs % PeriodMs == 0;

    /// <summary>Takes one cell's voltage of this tick into the extremes of the next row (every cell, every tick).</summary>
    public void ObserveCell(int cell, float voltageV)
    {
        if (voltageV < _pendingVoltageMinV[cell])
        {
            _pendingVoltageMinV[cell] = voltageV;
        }

        if (voltageV > _pendingVoltageMaxV[cell])
        {
            _pendingVoltageMaxV[cell] = voltageV;
        }
    }

    /// <summary>Takes one module's current of this tick, mA/cm2, into the extremes of the next row (every module, every tick).</summary>
    public void ObserveModule(int module, float currentMAPerCm2)
    {
        if (currentMAPerCm2 < _pendingCurrentMin[module])
        {
            _pendingCurrentMin[module] = currentMAPerCm2;
        }

        if (currentMAPerCm2 > _pendingCurrentMax[module])
        {
            _pendingCurrentMax[module] = currentMAPerCm2;
        }
    }

    /// <summary>Appends a row (its extremes are those observed since the previous row); returns its index for the caller to fill.</summary>
    public int Append(double timeS)
    {
        if (Count == _capacity)
        {
            if (!Adaptive && (long)_capacity * 2 * BytesPerRow <= MaximumBytes)
            {
                Grow();
            }
            else
            {
                Compact();
            }
        }

        int row = Count;
        TimeS[row] = timeS;
        Array.Copy(_pendingVoltageMinV, 0, VoltageMinV, row * Cells, Cells);
        Array.Copy(_pendingVoltageMaxV, 0, VoltageMaxV, row * Cells, Cells);
        Array.Copy(_pendingCurrentMin, 0, CurrentMinMAPerCm2, row * Modules, Modules);
        Array.Copy(_pendingCurrentMax, 0, CurrentMaxMAPerCm2, row * Modules, Modules);
        ClearPending();
        Count++;
        return row;
    }

    private long BytesPerRow => sizeof(double) + (Modules * ((3 * sizeof(float)) + sizeof(int) + 2)) + (Cells * ((3 * sizeof(float)) + sizeof(int) + 1)) + (TemperatureSensors * (sizeof(int) + 1));

    private void Grow()
    {
        int capacity = _capacity * 2;
        TimeS = Resized(TimeS, capacity);
        CurrentMAPerCm2 = Resized(CurrentMAPerCm2, Modules * capacity);
        CurrentMinMAPerCm2 = Resized(CurrentMinMAPerCm2, Modules * capacity);
        CurrentMaxMAPerCm2 = Resized(CurrentMaxMAPerCm2, Modules * capacity);
        State = Resized(State, Modules * capacity);
        VoltageV = Resized(VoltageV, Cells * capacity);
        VoltageMinV = Resized(VoltageMinV, Cells * capacity);
        VoltageMaxV = Resized(VoltageMaxV, Cells * capacity);
        MeasuredCellVoltageMv = Resized(MeasuredCellVoltageMv, Cells * capacity);
        MeasuredModuleCurrentUa = Resized(MeasuredModuleCurrentUa, Modules * capacity);
        MeasuredCellVoltageStatus = Resized(MeasuredCellVoltageStatus, Cells * capacity);
        MeasuredModuleCurrentStatus = Resized(MeasuredModuleCurrentStatus, Modules * capacity);
        MeasuredTemperatureDeciC = Resized(MeasuredTemperatureDeciC, TemperatureSensors * capacity);
        MeasuredTemperatureStatus = Resized(MeasuredTemperatureStatus, TemperatureSensors * capacity);
        _capacity = capacity;
    }

    private static T[] Resized<T>(T[] array, int length)
    {
        Array.Resize(ref array, length);
        return array;
    }

    /// <summary>
    /// Keeps the even rows (their times stay multiples of the doubled period); each absorbs the extremes
    /// of the odd row before it, so a kept row covers the whole interval since the previous kept row. The
    /// last odd row's extremes go to the row being appended.
    /// </summary>
    private void Compact()
    {
        int kept = 0;
        for (int row = 0; row < Count; row += 2)
        {
            TimeS[kept] = TimeS[row];
            Array.Copy(CurrentMAPerCm2, row * Modules, CurrentMAPerCm2, kept * Modules, Modules);
            Array.Copy(State, row * Modules, State, kept * Modules, Modules);
            Array.Copy(VoltageV, row * Cells, VoltageV, kept * Cells, Cells);
            Array.Copy(MeasuredCellVoltageMv, row * Cells, MeasuredCellVoltageMv, kept * Cells, Cells);
            Array.Copy(MeasuredModuleCurrentUa, row * Modules, MeasuredModuleCurrentUa, kept * Modules, Modules);
            Array.Copy(MeasuredCellVoltageStatus, row * Cells, MeasuredCellVoltageStatus, kept * Cells, Cells);
            Array.Copy(MeasuredModuleCurrentStatus, row * Modules, MeasuredModuleCurrentStatus, kept * Modules, Modules);
            Array.Copy(MeasuredTemperatureDeciC, row * TemperatureSensors, MeasuredTemperatureDeciC, kept * TemperatureSensors, TemperatureSensors);
            Array.Copy(MeasuredTemperatureStatus, row * TemperatureSensors, MeasuredTemperatureStatus, kept * TemperatureSensors, TemperatureSensors);
            MergeInto(VoltageMinV, VoltageMaxV, Cells, row, row - 1, kept);
            MergeInto(CurrentMinMAPerCm2, CurrentMaxMAPerCm2, Modules, row, row - 1, kept);
            kept++;
        }

        int last = Count - 1;
        if ((last & 1) == 1)
        {
            FoldIntoPending(VoltageMinV, VoltageMaxV, _pendingVoltageMinV, _pendingVoltageMaxV, Cells, last);
            FoldIntoPending(CurrentMinMAPerCm2, CurrentMaxMAPerCm2, _pendingCurrentMin, _pendingCurrentMax, Modules, last);
        }

        Count = kept;
        PeriodMs *= 2;
    }

    private static void MergeInto(float[] min, float[] max, int width, int row, int previous, int target)
    {
        for (int i = 0; i < width; i++)
        {
            float lo = min[(row * width) + i];
            float hi = max[(row * width) + i];
            if (previous >= 0)
            {
                lo = Math.Min(lo, min[(previous * width) + i]);
                hi = Math.Max(hi, max[(previous * width) + i]);
            }

            min[(target * width) + i] = lo;
            max[(target * width) + i] = hi;
        }
    }

    private static void FoldIntoPending(float[] min, float[] max, float[] pendingMin, float[] pendingMax, int width, int row)
    {
        for (int i = 0; i < width; i++)
        {
            pendingMin[i] = Math.Min(pendingMin[i], min[(row * width) + i]);
            pendingMax[i] = Math.Max(pendingMax[i], max[(row * width) + i]);
        }
    }

    // Nothing observed yet: any value observed replaces these.
    private void ClearPending()
    {
        Array.Fill(_pendingVoltageMinV, float.PositiveInfinity);
        Array.Fill(_pendingVoltageMaxV, float.NegativeInfinity);
        Array.Fill(_pendingCurrentMin, float.PositiveInfinity);
        Array.Fill(_pendingCurrentMax, float.NegativeInfinity);
    }
}
