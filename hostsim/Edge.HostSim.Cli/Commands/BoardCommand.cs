// Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using Edge.Core.Boards;
using Edge.HostSim.Boards;
using Edge.HostSim.Measurement;

namespace Edge.HostSim.Cli.Commands;

/// <summary>
/// edge-sim board: checks board files as the device does at boot (the core's <see cref="BoardSetup"/>: the parser, the
/// pack layout, the configuration the board implies and its validation) and says what each gives the device, before
/// any is flashed.
/// </summary>
public static class BoardCommand
{
    /// <summary>What a step read at 0 or 4095 on one chip asks of the board's author.</summary>
    private static readonly string s_saturationAdvice = "; keep the channel's whole range at the ADC pin inside "
        + Esp32AdcCharacteristics.ReadableLowMv.ToString(CultureInfo.InvariantCulture) + "-" + Esp32AdcCharacteristics.ReadableHighMv.ToString(CultureInfo.InvariantCulture)
        + " mV, what every chip reads without saturating (boards/README.md, \"The ESP32 ADC as nanoFramework runs it\")";

    /// <summary>What a refusal for points that contradict the front end offers its author: the points that do not.</summary>
    private const string PointsAdvice = "; --nominal-points prints the points the board's front ends give on the typical chip";

    public static Command Create(CliContext context)
    {
        Argument<string[]> files = new Argument<string[]>("files")
        {
            Description = "The .board files to check (boards/README.md).",
            HelpName = "FILE.board",
            Arity = ArgumentArity.OneOrMore,
        };
        EdgeSimCommand.RejectOptionLikeValues(files);
        Option<bool> strict = new Option<bool>("--strict")
        {
            Description = "Count warnings as problems (exit 2), for a check before a board is shipped.",
        };
        Option<bool> nominalPoints = new Option<bool>("--nominal-points")
        {
            Description = "Also print each cell and current channel's calibration line as its nominal front end reads on the typical chip (Vref 1100 mV), for every file that parses.",
        };
        Command command = new Command("board", "Check board files as the device does at boot, and say what each gives it: exit 2 when one is refused.")
        {
            files, strict, nominalPoints,
        };
        command.SetAction(result => Execute(context, result.GetRequiredValue(files), result.GetValue(strict), result.GetValue(nominalPoints)));
        return command;
    }

    private static int Execute(CliContext context, string[] files, bool strict, bool nominalPoints)
    {
        int refused = 0;
        foreach (string file in files)
        {
            string? problem = Check(file, out BoardSetup? setup);
            if (problem != null)
            {
                // Every file is checked: one run lists the problems of all of them.
                context.Console.Error.WriteLine("edge-sim board: " + file + ": " + problem);
                refused++;
                if (nominalPoints && setup?.Board != null)
                {
                    // A board refused for its points is the one whose author needs them most.
                    WriteNominalPoints(context, file, setup.Board);
                }

                continue;
            }

            IReadOnlyList<string> lines = BoardSummary.Lines(setup!);
            context.Console.Out.WriteLine(file + ": usable: " + lines[0]);
            foreach (string line in lines.Skip(1))
            {
                context.Console.Out.WriteLine("  " + line);
            }

            IReadOnlyList<string> hostWarnings = BoardSummary.HostWarnings(setup!);
            int warnings = setup!.Board!.WarningCount + hostWarnings.Count;
            if (strict && warnings > 0)
            {
                string first = setup.Board.WarningCount > 0 ? setup.Board.WarningAt(0).ToString() + BoardSummary.ComputedLabel(setup.Board.WarningAt(0).Kind) : hostWarnings[0];
                context.Console.Error.WriteLine("edge-sim board: " + file + ": " + warnings + " warning(s), refused with --strict (the first, " + first + ")");
                refused++;
            }

            if (nominalPoints)
            {
                WriteNominalPoints(context, file, setup.Board);
            }
        }

        return refused == 0 ? ExitCodes.Ok : ExitCodes.Usage;
    }

    private static void WriteNominalPoints(CliContext context, string file, BoardDefinition board)
    {
        context.Console.Out.WriteLine(file + ": nominal calibration points (the typical chip, Vref "
            + Esp32AdcCharacteristics.NominalVrefMv.ToString(CultureInfo.InvariantCulture) + " mV, through each channel's front end; computed from the board file):");
        foreach (string line in BoardNominalPoints.Lines(board))
        {
            context.Console.Out.WriteLine("  " + line);
        }
    }

    /// <summary>Why <paramref name="file"/> cannot serve a device (unreadable, or refused as the device's boot refuses it), or null.</summary>
    private static string? Check(string file, out BoardSetup? setup)
    {
        setup = null;
        if (Directory.Exists(file))
        {
            return "is a folder, not a board file";
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return "cannot read it: " + e.Message;
        }

        setup = BoardSetup.FromText(text);
        if (!setup.IsUsable)
        {
            return "refused: " + setup.Error;
        }

        // The device loads such a board, then refuses every unit's calibration: it would observe for good.
        string? calibration = CalibrationBench.NominalUnitProblem(setup.Board!);
        if (calibration != null)
        {
            return "refused: no unit of this board can be calibrated, its calibration points contradict its front end (divider, offset, shunt or gain): a unit exactly as the board describes it fails the procedure at " + calibration + Advice(calibration);
        }

        // The typical chip is one of many: a unit whose chip lies at an end of the Vref spread must calibrate too.
        string? spread = CalibrationBench.SpreadUnitProblem(setup.Board!, out int vrefMv);
        return spread == null ? null
            : "refused: a unit whose ESP32 has an ADC Vref of " + vrefMv.ToString(CultureInfo.InvariantCulture) + " mV (chips lie anywhere in "
                + Esp32AdcCharacteristics.MinimumVrefMv.ToString(CultureInfo.InvariantCulture) + "-" + Esp32AdcCharacteristics.MaximumVrefMv.ToString(CultureInfo.InvariantCulture)
                + " mV; the typical " + Esp32AdcCharacteristics.NominalVrefMv.ToString(CultureInfo.InvariantCulture) + " mV one calibrates) cannot be calibrated, so every such unit would only observe: built exactly as the board describes it, it fails the procedure at "
                + spread + Advice(spread);
    }

    /// <summary>
    /// What the author of a board refused at the calibration can change: a channel's range at the pin where a step
    /// saturated, else a cell or current channel's points (the only ones --nominal-points gives: an NTC's are the part's).
    /// </summary>
    private static string Advice(string problem) =>
        problem.Contains("is saturated", StringComparison.Ordinal) ? s_saturationAdvice
        : problem.StartsWith("[cell ", StringComparison.Ordinal) || problem.StartsWith("[module ", StringComparison.Ordinal) ? PointsAdvice
        : string.Empty;
}
