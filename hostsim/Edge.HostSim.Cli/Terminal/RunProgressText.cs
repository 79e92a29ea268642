// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Cli.Terminal;

/// <summary>The words of a run's progress line: where it stands against the stop it is heading for.</summary>
public static class RunProgressText
{
    /// <summary>Said once above plain progress lines.</summary>
    public const string Note = "progress: percent of the expected stop (the time limit, or the capacity limit at the mean rate so far); a cut-off or a fault can end a run earlier";

    public static string Describe(string name, RunProgress p)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string target = p.StopsAtCapacityLimit
            ? string.Format(inv, "{0:0.###} of {1:0.###} mAh/cm2 capacity limit (about {2} simulated)", p.RunningCapacityMAhPerCm2, p.CapacityLimitMAhPerCm2, Duration(p.ExpectedStopS))
            : string.Format(inv, "time limit {0}", Duration(p.TimeLimitS));
        string modules = p.Modules > 1 ? string.Format(inv, ", {0} of {1} modules running", p.ModulesRunning, p.Modules) : string.Empty;
        return string.Format(inv, "{0}: {1} simulated, {2}{3}, {4:0}x real time", name, Duration(p.SimulatedS), target, modules, p.SpeedFactor);
    }

    /// <summary>What fits next to the live bar: "long 32 min of ~5 d (capacity limit), 1930x".</summary>
    public static string Compact(string name, RunProgress p)
    {
        string target = p.StopsAtCapacityLimit ? "capacity limit" : "time limit";
        return string.Format(CultureInfo.InvariantCulture, "{0} {1} of {2}{3} ({4}), {5:0}x", name, Duration(p.SimulatedS), p.StopsAtCapacityLimit ? "~" : string.Empty, Duration(p.ExpectedStopS), target, p.SpeedFactor);
    }

    /// <summary>Seconds as "42 s", "12.5 min", "3.2 h" or "4.1 d".</summary>
    public static string Duration(double seconds)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        if (seconds < 120)
        {
            return seconds.ToString("0.#", inv) + " s";
        }

        if (seconds < 7200)
        {
            return (seconds / 60).ToString("0.#", inv) + " min";
        }

        if (seconds < 172800)
        {
            return (seconds / 3600).ToString("0.#", inv) + " h";
        }

        return (seconds / 86400).ToString("0.#", inv) + " d";
    }
}
