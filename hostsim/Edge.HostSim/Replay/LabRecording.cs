// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.HostSim.Replay;

/// <summary>
/// Recorded cell voltages and module currents at (possibly irregular) sample times, as read from a lab or
/// simulator file. A current sample holds from its time until the next sample (a cycler's step), a voltage
/// sample is a point of a continuous curve. Currents are positive while stripping.
/// </summary>
public sealed class LabRecording
{
    public LabRecording(string format, int modules, int cellsPerModule, int samples)
    {
        Format = format;
        Modules = modules;
        CellsPerModule = cellsPerModule;
        TimeS = new double[samples];
        CellVoltageV = new double[modules * cellsPerModule][];
        ModuleCurrentMA = new double[modules][];
        for (int c = 0; c < CellVoltageV.Length; c++)
        {
            CellVoltageV[c] = new double[samples];
        }

        for (int m = 0; m < modules; m++)
        {
            ModuleCurrentMA[m] = new double[samples];
        }
    }

    /// <summary>"biologic-mpt", "arbin-csv", "csv" or "edge-sim-trace".</summary>
    public string Format { get; }

    public int Modules { get; }

    public int CellsPerModule { get; }

    public int Samples => TimeS.Length;

    /// <summary>Sample times, s, strictly increasing.</summary>
    public double[] TimeS { get; }

    /// <summary>[cell][sample], V.</summary>
    public double[][] CellVoltageV { get; }

    /// <summary>[module][sample], mA, positive while stripping.</summary>
    public double[][] ModuleCurrentMA { get; }

    /// <summary>
    /// [cell][sample], mV: the cell voltage the simulated run's core read at each sample (an edge-sim trace's measured
    /// columns); null where the file has none (lab data, a trace written before they were).
    /// </summary>
    public int[][]? MeasuredCellVoltageMv { get; internal set; }

    /// <summary>
    /// [module][sample], uA: the module current the simulated run's core read at each sample, over the tick before it
    /// (positive while stripping); null with <see cref="MeasuredCellVoltageMv"/>.
    /// </summary>
    public int[][]? MeasuredModuleCurrentUa { get; internal set; }

    /// <summary>
    /// [cell][sample]: the status of each <see cref="MeasuredCellVoltageMv"/> reading as the run's core read it (an edge-sim
    /// trace's status columns); null where the file has none (a trace written before them: its readings were all fed as valid).
    /// </summary>
    public ChannelStatus[][]? MeasuredCellVoltageStatus { get; internal set; }

    /// <summary>[module][sample]: the status of each <see cref="MeasuredModuleCurrentUa"/> reading; null with <see cref="MeasuredCellVoltageStatus"/>.</summary>
    public ChannelStatus[][]? MeasuredModuleCurrentStatus { get; internal set; }

    /// <summary>
    /// [sensor][sample], 0.1 degC: the temperature the simulated run's core read from each sensor (an edge-sim trace's
    /// temperature columns); null where the file has none (a pack without sensors, or a trace written before them).
    /// </summary>
    public int[][]? MeasuredTemperatureDeciC { get; internal set; }

    /// <summary>[sensor][sample]: the status of each <see cref="MeasuredTemperatureDeciC"/> reading; null with it.</summary>
    public ChannelStatus[][]? MeasuredTemperatureStatus { get; internal set; }

    /// <summary>The temperature sensors whose readings the file holds (<see cref="MeasuredTemperatureDeciC"/>); 0 for none.</summary>
    public int TemperatureSensors => MeasuredTemperatureDeciC?.Length ?? 0;

    /// <summary>
    /// Why the file is known to hold simulator output, not a bench measurement: an edge-sim trace, or an export whose
    /// header block says so (the shipped lab-cell.mpt's "SIMULATED DATA, NOT A BENCH MEASUREMENT"); null for lab data.
    /// The replay's outputs name it instead of calling the values recorded.
    /// </summary>
    public string? SimulatedBecause { get; internal set; }

    /// <summary>
    /// Why the file was read as Latin-1 after its first 64 kB had read as UTF-8 (the byte that is not UTF-8); null when
    /// it was read in one encoding from the start. The replay prints it.
    /// </summary>
    public string? ReadAsLatin1Because { get; internal set; }

    /// <summary>
    /// The file's last line, left out because no line break ends it (a row cut where the file was copied while the
    /// cycler still wrote it), with its line number and text; null when the file ends with a line break. The replay prints it.
    /// </summary>
    public string? LastLineLeftOut { get; internal set; }

    /// <summary>
    /// How many rows share their time with the row before (and the first one's line): of rows at one time only the last
    /// is read. Null when no two rows share a time.
    /// </summary>
    public string? SameTimeRows { get; init; }

    /// <summary>The time column and the unit it was read in; null where the format fixes it (an edge-sim trace).</summary>
    public ColumnReading? TimeReading { get; init; }

    /// <summary>The voltage column and the unit it was read in; null where the format fixes it (EC-Lab, Arbin, an edge-sim trace).</summary>
    public ColumnReading? VoltageReading { get; init; }

    /// <summary>The current column and the unit it was read in; null where the format fixes it (an edge-sim trace).</summary>
    public ColumnReading? CurrentReading { get; init; }

    /// <summary>The electrode area a BioLogic export's header block states; null for other formats, and where none is stated.</summary>
    public HeaderArea? HeaderArea { get; internal set; }
}
