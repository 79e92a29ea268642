// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Tests.Cli;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A generic table ("time,voltage,current", s, V, mA) of a healthy symmetric cell sampled every 10 ms: open-circuit
/// voltage 0, 0.2 V per mA/cm2 under current (the NaK50 ohmic jump, README), of the current's sign; and its replay
/// through the real CLI with the columns named.
/// </summary>
internal static class SymmetricCellTable
{
    /// <summary>Electrode area, cm2: replay's default, the [W] 7 mm O-ring.</summary>
    public const double AreaCm2 = 0.3848;

    /// <summary>The table of <paramref name="steps"/> (current density mA/cm2, length s), one after another.</summary>
    public static string Of(IEnumerable<(double DensityMAPerCm2, double LengthS)> steps)
    {
        StringBuilder text = new StringBuilder("time,voltage,current\n");
        int sample = 0;
        foreach ((double density, double lengthS) in steps)
        {
            for (int k = 0; k < (int)Math.Round(lengthS / 0.01); k++)
            {
                text.Append(string.Format(CultureInfo.InvariantCulture, "{0:0.00},{1:0.00000},{2:0.00000}\n", sample * 0.01, density * 0.2, density * AreaCm2));
                sample++;
            }
        }

        return text.ToString();
    }

    /// <summary>The steps <paramref name="cycle"/> repeated <paramref name="cycles"/> times.</summary>
    public static IEnumerable<(double DensityMAPerCm2, double LengthS)> Repeated((double DensityMAPerCm2, double LengthS)[] cycle, int cycles) =>
        Enumerable.Range(0, cycles).SelectMany(_ => cycle);

    /// <summary>`edge-sim replay` of <paramref name="file"/> into the scratch's "out", with <paramref name="more"/> arguments.</summary>
    public static EdgeSimProcess Replay(CliScratch scratch, string file, params string[] more) => EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null,
        new[] { "replay", file, "--out", scratch.Path2("out"), "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current" }.Concat(more).ToArray());
}
