// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Output;

/// <summary>
/// The names of trace.csv's measured columns, written by the run and read by replay: what the core read at the row's
/// tick, beside the true values of the other columns.
/// </summary>
public static class TraceColumns
{
    /// <summary>Suffix of a cell's measured voltage column, mV: module&lt;m&gt;Cell&lt;c&gt;MeasuredMV.</summary>
    public const string MeasuredCellVoltageSuffix = "MeasuredMV";

    /// <summary>Suffix of a module's measured current column, uA: module&lt;m&gt;MeasuredCurrentUA.</summary>
    public const string MeasuredModuleCurrentSuffix = "MeasuredCurrentUA";

    /// <summary>The column of the cell voltage the core read, whole mV.</summary>
    public static string MeasuredCellVoltage(int module, int cell) =>
        "module" + module.ToString(CultureInfo.InvariantCulture) + "Cell" + cell.ToString(CultureInfo.InvariantCulture) + MeasuredCellVoltageSuffix;

    /// <summary>The column of the module current the core read, whole uA (over the tick before the row's).</summary>
    public static string MeasuredModuleCurrent(int module) => "module" + module.ToString(CultureInfo.InvariantCulture) + MeasuredModuleCurrentSuffix;
}
