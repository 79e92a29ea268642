// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Configuration;

namespace Edge.HostSim.Boards;

/// <summary>
/// What a usable board gives the device, in a few lines for the person who wrote it: the pack, the sampling, the
/// outputs and safety lines, the envelope the controller is clipped to, and every warning with its line (the parser's,
/// then the CLI's own, <see cref="HostWarnings"/>).
/// </summary>
public static class BoardSummary
{
    public static IReadOnlyList<string> Lines(BoardSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        BoardDefinition board = setup.Board ?? throw new ArgumentException("the setup is not usable: " + setup.Error, nameof(setup));
        CultureInfo inv = CultureInfo.InvariantCulture;
        ProtectionConfiguration protection = setup.Configuration.Protection;
        IReadOnlyList<string> hostWarnings = HostWarnings(setup);
        List<string> lines = new List<string>
        {
            "board " + board.Name + " (ESP32 " + (board.ModuleVariant == Esp32ModuleVariant.Wrover ? "WROVER" : "WROOM") + " module)",
            "pack: " + Count(board.CellCount, "cell") + " in " + Count(board.ModuleCount, "module") + " (" + CellsPerModule(board) + "), "
                + Count(board.TemperatureCount, "temperature channel"),
            "sampling: every " + board.SamplePeriodMs.ToString(inv) + " ms, " + Count(board.AdcReadingsPerSample, "ADC reading") + " a sample"
                + (board.Mux != null ? ", cells through a multiplexer (" + board.Mux.InputCount.ToString(inv) + " inputs)" : ", every channel on its own pin")
                + (board.Reference != null ? ", reference input at " + board.Reference.NominalMv.ToString(inv) + " mV" : ", no reference input"),
            "safety: " + (board.HardwareEnable != null
                ? "hardware enable on GPIO " + board.HardwareEnable.FeedPin.ToString(inv) + " (drops " + board.HardwareEnable.TimeoutMs.ToString(inv) + " ms after the last feed)"
                : "no hardware enable (unsafe for act mode)"),
            "envelope: module current up to " + Milliamps(board.Safety.MaxModuleCurrentUa) + (protection.PlatingSupported
                ? ", plating up to " + Milliamps(board.Safety.MaxPlatingCurrentUa) : ", stripping only")
                + ", cells " + board.Safety.CellVoltageMinMv.ToString(inv) + " to " + board.Safety.CellVoltageMaxMv.ToString(inv) + " mV"
                + (board.Safety.TemperatureMaxDeciC == SafetyEnvelope.NoTemperatureLimit ? ", no temperature limit"
                    : ", temperature up to " + (board.Safety.TemperatureMaxDeciC / 10.0).ToString("0.0", inv) + " degC"),
            "cells: " + (board.CellParameters.HasElectrodeArea ? "electrode area " + board.CellParameters.ElectrodeAreaCm2.ToString("0.####", inv) + " cm2" : "no electrode area (the controller's default)")
                + (board.CellParameters.HasNominalResistance ? ", nominal resistance " + board.CellParameters.NominalResistanceOhmCm2.ToString(inv) + " ohm cm2" : string.Empty),
            Count(board.WarningCount + hostWarnings.Count, "warning"),
        };
        for (int i = 0; i < board.WarningCount; i++)
        {
            // A warning about something missing belongs to no line (0).
            BoardWarning warning = board.WarningAt(i);
            lines.Add("  " + (warning.LineNumber > 0 ? "line " + warning.LineNumber.ToString(inv) + ": " : string.Empty) + "warning: " + warning.Message + ComputedLabel(warning.Kind));
        }

        foreach (string warning in hostWarnings)
        {
            lines.Add("  warning: " + warning);
        }

        return lines;
    }

    /// <summary>
    /// The warnings edge-sim board adds to the parser's, from what the device boots with on the board: the pulses of its
    /// protocol against the cell limits (<see cref="BoardPulseRise"/>), then its cell channels' counts against the
    /// detectors' floors (<see cref="BoardCellResolution"/>).
    /// </summary>
    public static IReadOnlyList<string> HostWarnings(BoardSetup setup) => BoardPulseRise.Warnings(setup).Concat(BoardCellResolution.Warnings(setup)).ToList();

    /// <summary>What the board file's computed figure means for a warning that has one.</summary>
    public const string ComputedFromBoardFile = " (computed from the board file)";

    /// <summary>
    /// <see cref="ComputedFromBoardFile"/> for a warning whose figures the parser works out from the board file (the
    /// millivolts at the ADC pin from the divider, offset and gain; the current density from the module current limit
    /// and the electrode area), empty for one that states only what the file says or lacks. The device's message is
    /// the same: the label is the CLI's, as its other figures say simulated.
    /// </summary>
    public static string ComputedLabel(BoardWarningKind kind) =>
        kind == BoardWarningKind.OutsideAccurateSpan || kind == BoardWarningKind.AreaBeyondModuleCurrent ? ComputedFromBoardFile : string.Empty;

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");

    private static string Milliamps(int microamps) => (microamps / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " mA";

    private static string CellsPerModule(BoardDefinition board)
    {
        int[] counts = new int[board.ModuleCount];
        for (int m = 0; m < counts.Length; m++)
        {
            counts[m] = board.ModuleAt(m).CellCount;
        }

        return counts.Distinct().Count() == 1 ? counts[0].ToString(CultureInfo.InvariantCulture) + " each" : string.Join(" + ", counts);
    }
}
