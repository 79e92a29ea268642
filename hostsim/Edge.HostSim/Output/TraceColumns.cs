// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Sampling;

namespace Edge.HostSim.Output;

/// <summary>
/// The names of trace.csv's measured columns, written by the run and read by replay: what the core read at the row's
/// tick, beside the true values of the other columns, and the status each of those readings had.
/// </summary>
public static class TraceColumns
{
    /// <summary>Suffix of a cell's measured voltage column, mV: module&lt;m&gt;Cell&lt;c&gt;MeasuredMV.</summary>
    public const string MeasuredCellVoltageSuffix = "MeasuredMV";

    /// <summary>Suffix of a module's measured current column, uA: module&lt;m&gt;MeasuredCurrentUA.</summary>
    public const string MeasuredModuleCurrentSuffix = "MeasuredCurrentUA";

    /// <summary>Suffix of a cell's voltage status column: module&lt;m&gt;Cell&lt;c&gt;MeasuredStatus.</summary>
    public const string CellVoltageStatusSuffix = "MeasuredStatus";

    /// <summary>Suffix of a module's current status column: module&lt;m&gt;MeasuredCurrentStatus.</summary>
    public const string ModuleCurrentStatusSuffix = "MeasuredCurrentStatus";

    /// <summary>Suffix of a temperature sensor's measured column, 0.1 degC: temperature&lt;t&gt;MeasuredDeciC.</summary>
    public const string MeasuredTemperatureSuffix = "MeasuredDeciC";

    /// <summary>Suffix of a temperature sensor's status column: temperature&lt;t&gt;MeasuredStatus.</summary>
    public const string TemperatureStatusSuffix = "MeasuredStatus";

    // Indexed by the status's code. Valid is written as nothing: nearly every reading is valid, and a word there grew
    // every row of a trace kept every tick by the word's length for each channel.
    private static readonly string[] s_statusWords = { string.Empty, "saturated", "implausible", "missing", "calibrationReference" };

    /// <summary>The column of the cell voltage the core read, whole mV.</summary>
    public static string MeasuredCellVoltage(int module, int cell) =>
        "module" + module.ToString(CultureInfo.InvariantCulture) + "Cell" + cell.ToString(CultureInfo.InvariantCulture) + MeasuredCellVoltageSuffix;

    /// <summary>The column of the module current the core read, whole uA (over the tick before the row's).</summary>
    public static string MeasuredModuleCurrent(int module) => "module" + module.ToString(CultureInfo.InvariantCulture) + MeasuredModuleCurrentSuffix;

    /// <summary>The column of the status of the cell voltage the core read (<see cref="StatusWord"/>).</summary>
    public static string CellVoltageStatus(int module, int cell) =>
        "module" + module.ToString(CultureInfo.InvariantCulture) + "Cell" + cell.ToString(CultureInfo.InvariantCulture) + CellVoltageStatusSuffix;

    /// <summary>The column of the status of the module current the core read (<see cref="StatusWord"/>).</summary>
    public static string ModuleCurrentStatus(int module) => "module" + module.ToString(CultureInfo.InvariantCulture) + ModuleCurrentStatusSuffix;

    /// <summary>The column of the temperature the core read from sensor <paramref name="sensor"/>, whole 0.1 degC.</summary>
    public static string MeasuredTemperature(int sensor) => "temperature" + sensor.ToString(CultureInfo.InvariantCulture) + MeasuredTemperatureSuffix;

    /// <summary>The column of the status of the temperature the core read from sensor <paramref name="sensor"/> (<see cref="StatusWord"/>).</summary>
    public static string TemperatureStatus(int sensor) => "temperature" + sensor.ToString(CultureInfo.InvariantCulture) + TemperatureStatusSuffix;

    /// <summary>The words a status column holds besides nothing (valid), as the refusal of another word lists them.</summary>
    public static string StatusWords => string.Join(", ", s_statusWords.Skip(1));

    /// <summary>A status as a status column writes it: nothing for Valid, else its name in camelCase.</summary>
    public static string StatusWord(ChannelStatus status)
    {
        int code = (int)status;
        if (code < 0 || code >= s_statusWords.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "no word for this channel status");
        }

        return s_statusWords[code];
    }

    /// <summary>The status a status column's word stands for (nothing: Valid); false for any other word.</summary>
    public static bool TryParseStatus(string word, out ChannelStatus status)
    {
        for (int code = 0; code < s_statusWords.Length; code++)
        {
            if (string.Equals(word, s_statusWords[code], StringComparison.Ordinal))
            {
                status = (ChannelStatus)code;
                return true;
            }
        }

        status = ChannelStatus.Valid;
        return false;
    }
}
