// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.Core.Boards;
using Edge.Core.Calibration;

namespace Edge.HostSim.Measurement;

/// <summary>
/// A calibration bench for a simulated unit: runs the core's <see cref="CalibrationProcedure"/>
/// step by step, applying each reference input to the unit's <see cref="MeasurementChain"/>
/// (noise included, as on a real bench) and recording its readings, and returns the unit's
/// <see cref="UnitCalibration"/>. This is how a simulated unit gets the per-unit calibration
/// the controller requires before it closes a switch.
/// </summary>
public static class CalibrationBench
{
    private static readonly int[] s_spreadEndsMv = { Esp32AdcCharacteristics.MinimumVrefMv, Esp32AdcCharacteristics.MaximumVrefMv };

    // The procedure's wording (Edge.Core.Boards UnitCalibration.CheckNearNominal): the unit's curve first, the board's points second.
    private static readonly Regex s_spanRefusal = new Regex(
        @"^(?<head>.*): the calibration spans (?<measured>\d+) (?<unit>\S+) over counts (?<first>\d+) to (?<last>\d+), (?<percent>\d+) % of the front end's nominal (?<points>\d+) \S+ \(a unit differs by up to (?<tolerance>\d+) %\)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_middleRefusal = new Regex(
        @"^(?<head>.*): at (?<counts>\d+) counts the calibration reads (?<offset>\d+) (?<unit>\S+) from the front end's nominal curve(?<rest>, more than .*)$",
        RegexOptions.CultureInvariant);

    /// <summary>Calibrates the unit behind <paramref name="chain"/>; throws when the procedure refuses a point or the result.</summary>
    public static UnitCalibration Calibrate(MeasurementChain chain, string unitId, int samplesPerPoint = CalibrationProcedure.DefaultSamplesPerPoint)
    {
        var procedure = new CalibrationProcedure(chain.Board, samplesPerPoint);
        while (!procedure.IsComplete)
        {
            CalibrationStep step = procedure.Current;
            for (int i = 0; i < procedure.SamplesPerPoint; i++)
            {
                string problem = procedure.AddSample(Read(chain, step), chain.ReferenceCounts());
                if (problem != null)
                {
                    throw new InvalidOperationException(step.Instruction + ": " + problem);
                }
            }

            if (!procedure.TryCompleteStep(out string error))
            {
                throw new InvalidOperationException(error);
            }
        }

        if (!procedure.TryFinish(unitId, out UnitCalibration calibration, out string finishError))
        {
            throw new InvalidOperationException(finishError);
        }

        return calibration;
    }

    /// <summary>
    /// Why no unit of <paramref name="board"/> can be calibrated, or null: a unit exactly as the board describes it
    /// (nominal Vref, no noise) put through the procedure. A board whose calibration points contradict its front end
    /// (a divider ratio, an offset or a shunt and gain the points do not follow) parses and loads, yet the device's
    /// procedure refuses every unit of it, which then observes for good.
    /// </summary>
    public static string? NominalUnitProblem(BoardDefinition board) => UnitProblem(board, Esp32AdcModel.Default);

    /// <summary>
    /// Why a unit of <paramref name="board"/> built exactly as the board describes it (no noise) on the chip
    /// <paramref name="adc"/> cannot be calibrated, or null.
    /// </summary>
    public static string? UnitProblem(BoardDefinition board, Esp32AdcModel adc)
    {
        try
        {
            Calibrate(new MeasurementChain(board, adc, new GaussianNoise(0, 1)), "nominal", 1);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return AsBoardProblem(e.Message);
        }
    }

    /// <summary>
    /// Why a unit of <paramref name="board"/> at either end of Espressif's Vref spread (1000 and 1200 mV) cannot be
    /// calibrated, or null, with that Vref in <paramref name="vrefMv"/>. A board the typical chip calibrates may still
    /// put a step where another chip cannot take it: a Vref-1000 chip reads full scale from 3060 mV, where the typical
    /// one reads about 3920 counts (Espressif's tables, computed), and a Vref-1200 chip has the fewest counts between two
    /// steps. Units of such a board observe for good, every one that carries such a chip. The ends stand for the
    /// spread: a reading moves monotonically with the chip's Vref.
    /// </summary>
    public static string? SpreadUnitProblem(BoardDefinition board, out int vrefMv)
    {
        foreach (int endMv in s_spreadEndsMv)
        {
            string? problem = UnitProblem(board, new Esp32AdcModel(endMv));
            if (problem != null)
            {
                vrefMv = endMv;
                return problem;
            }
        }

        vrefMv = 0;
        return null;
    }

    /// <summary>
    /// A refusal of the procedure read as the board's problem: without its closing question to a bench operator
    /// ("were the reference inputs the values the procedure asked for?"), which a simulated unit's references answer,
    /// and with the two curves it compares named as the board's author knows them. On the device "the calibration" is
    /// the unit's, "the front end's nominal" curve the board's points; here the unit is built from the board's divider,
    /// offset, shunt and gain, so those words sent the author to the wrong half of the file (a front end of 5000 mV
    /// against points of 2274 mV read "the calibration spans 5000 mV ... 219 % of the front end's nominal 2274 mV").
    /// </summary>
    public static string AsBoardProblem(string refusal)
    {
        int question = refusal.IndexOf(": were the reference inputs", StringComparison.Ordinal);
        string problem = question >= 0 ? refusal[..question] : refusal;

        Match span = s_spanRefusal.Match(problem);
        if (span.Success)
        {
            string unit = span.Groups["unit"].Value;
            return span.Groups["head"].Value + ": over counts " + span.Groups["first"].Value + " to " + span.Groups["last"].Value
                + " the board's calibration points span " + span.Groups["points"].Value + " " + unit + ", a unit built as its "
                + FrontEndKeys(span.Groups["head"].Value) + " describe measures " + span.Groups["measured"].Value + " " + unit + ", "
                + span.Groups["percent"].Value + " % of the points' span (a unit differs by up to " + span.Groups["tolerance"].Value + " %)";
        }

        Match middle = s_middleRefusal.Match(problem);
        if (middle.Success)
        {
            string unit = middle.Groups["unit"].Value;
            return middle.Groups["head"].Value + ": at " + middle.Groups["counts"].Value + " counts a unit built as its "
                + FrontEndKeys(middle.Groups["head"].Value) + " describe reads " + middle.Groups["offset"].Value + " " + unit
                + " away from the board's calibration points" + middle.Groups["rest"].Value;
        }

        return problem;
    }

    // The keys of the board file that make up a channel's front end, for the section the refusal names last.
    private static string FrontEndKeys(string head) =>
        head.LastIndexOf("[module", StringComparison.Ordinal) > head.LastIndexOf("[cell", StringComparison.Ordinal)
            ? "shunt_milliohm, amplifier_gain and offset_mv"
            : "divider_ratio and offset_mv";

    /// <summary>The unit's reading of the step's channel with the step's reference applied.</summary>
    public static int Read(MeasurementChain chain, CalibrationStep step) => step.Kind switch
    {
        CalibrationChannelKind.Cell => chain.CellCounts(step.ChannelIndex, step.ReferenceValue / 1000.0),
        CalibrationChannelKind.ModuleCurrent => chain.ModuleCurrentCounts(step.ChannelIndex, step.ReferenceValue * 1e-6),
        _ => chain.TemperatureCounts(step.ChannelIndex, step.ReferenceValue / 10.0),
    };
}
