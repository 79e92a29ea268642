// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// Whether a recording's current sign fits its voltage: on these symmetric cells stripping (positive current) lifts
/// the voltage at a pulse's start and plating (negative) lowers it. Cyclers differ in which direction they count as
/// positive; read the wrong way round, a stripping file replays as plating above the critical current, with a
/// current-cap answer at every pulse.
/// </summary>
public static class CurrentSign
{
    /// <summary>Pulse starts needed before the sign is judged by the share of them against the current.</summary>
    public const int MinimumPulses = 3;

    /// <summary>
    /// A jump at a pulse start that a shorted or noisy cell does not make, V: the core's hard-short ceiling (5 mV). A
    /// recording of fewer than <see cref="MinimumPulses"/> pulse starts is judged on such jumps only, all of them against
    /// the current: a pulse's ohmic jump is the current times the cell's resistance (0.2 V for NaK50 at 1 mA/cm2, 21 mV
    /// for a K cell), of the current's sign on any cell.
    /// </summary>
    public const double ClearJumpV = 0.005;

    /// <summary>
    /// Pulse starts of module 0 (current from below to above a fifth of its largest magnitude) and how many of them
    /// moved its cells' mean voltage against the current's sign, from the last sample before the start to the second
    /// after it (a cycler's first point of a pulse may or may not have jumped yet).
    /// </summary>
    /// <remarks>ClearAgainst: those against the current by at least <see cref="ClearJumpV"/>.</remarks>
    public static (int Against, int Pulses, int ClearAgainst) Check(LabRecording recording)
    {
        double[] current = recording.ModuleCurrentMA[0];
        double largest = current.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (!(largest > 0))
        {
            return (0, 0, 0);
        }

        double threshold = largest / 5;
        int against = 0;
        int pulses = 0;
        int clearAgainst = 0;
        for (int i = 1; i + 2 < current.Length; i++)
        {
            if (Math.Abs(current[i - 1]) >= threshold || Math.Abs(current[i]) < threshold)
            {
                continue;
            }

            double jumpV = MeanVoltage(recording, i + 1) - MeanVoltage(recording, i - 1);
            pulses++;
            if (jumpV != 0 && Math.Sign(jumpV) != Math.Sign(current[i]))
            {
                against++;
                clearAgainst += Math.Abs(jumpV) >= ClearJumpV ? 1 : 0;
            }
        }

        return (against, pulses, clearAgainst);
    }

    /// <summary>
    /// True when most pulse starts (at least <see cref="MinimumPulses"/>, over four in five) move the voltage against the
    /// current; with fewer pulse starts, when every one of them jumps clearly (<see cref="ClearJumpV"/>) against it.
    /// </summary>
    public static bool LooksReversed((int Against, int Pulses, int ClearAgainst) check) =>
        check.Pulses >= MinimumPulses
            ? check.Against * 5 > check.Pulses * 4
            : check.Pulses > 0 && check.ClearAgainst == check.Pulses;

    private static double MeanVoltage(LabRecording recording, int sample)
    {
        double sum = 0;
        for (int c = 0; c < recording.CellsPerModule; c++)
        {
            sum += recording.CellVoltageV[c][sample];
        }

        return sum / recording.CellsPerModule;
    }
}
