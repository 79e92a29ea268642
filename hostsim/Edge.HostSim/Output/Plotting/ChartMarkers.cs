// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// The markers of a run: controller events (colour by severity), module stops and isolations, and the
/// faults the scenario injected. Identical events (same kind, place and severity) collapse into one
/// marker at the first with their count; beyond <see cref="Limit"/> markers the least important are left
/// out and counted in <see cref="Omitted"/>, which the plot writes on itself.
/// </summary>
public sealed class ChartMarkers
{
    public const int DefaultLimit = 40;

    private ChartMarkers(IReadOnlyList<ChartMarker> markers, int omitted, int limit)
    {
        Markers = markers;
        Omitted = omitted;
        Limit = limit;
    }

    /// <summary>Markers drawn, earliest first.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; }

    /// <summary>Markers (after collapsing identical events) left out beyond the limit.</summary>
    public int Omitted { get; }

    public int Limit { get; }

    public static ChartMarkers Collect(Scenario scenario, SimulationResult result, int limit = DefaultLimit)
    {
        List<ChartMarker> all = new List<ChartMarker>();
        Dictionary<string, int> firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int> counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (SimulationEvent e in result.Events)
        {
            string label = e.Kind + (e.Severity == "info" ? string.Empty : " " + e.Severity) + Where(e.Module, e.Cell);
            string key = label + "|" + e.Severity;
            if (counts.TryGetValue(key, out int n))
            {
                counts[key] = n + 1;
                continue;
            }

            counts[key] = 1;
            firstIndex[key] = all.Count;
            all.Add(new ChartMarker(e.TS, SeverityKind(e.Severity), label, e.Module));
        }

        foreach (KeyValuePair<string, int> pair in counts)
        {
            if (pair.Value > 1)
            {
                ChartMarker first = all[firstIndex[pair.Key]];
                all[firstIndex[pair.Key]] = new ChartMarker(first.TimeS, first.Kind, first.Label, first.Module, pair.Value);
            }
        }

        foreach (ModuleResult module in result.Modules)
        {
            if (module.StoppedAtS is double at)
            {
                bool isolated = module.State == "hold";
                all.Add(new ChartMarker(at, isolated ? MarkerKind.Fault : MarkerKind.Stop, isolated ? "isolated M" + module.Index : "stop M" + module.Index + ": " + module.StopReason, module.Index));
            }
        }

        foreach (FaultSpec fault in scenario.Faults)
        {
            if (fault.Kind == FaultKind.BrokerOutage)
            {
                continue;
            }

            // A temperature rise is on a sensor, which sits on a module or watches the whole pack.
            bool sensor = fault.Kind == FaultKind.TemperatureRise;
            int module = sensor ? SensorModule(scenario, fault.Sensor) : fault.Module;
            string where = sensor ? " sensor " + fault.Sensor + Where(module, -1) : Where(fault.Module, fault.Cell);
            all.Add(new ChartMarker(fault.AtS, MarkerKind.Injected, "injected " + ScenarioNames.Camel(fault.Kind.ToString()) + where, module));
        }

        all = MergeCoincident(all);
        List<ChartMarker> kept = all.OrderBy(m => (int)m.Kind).ThenBy(m => m.TimeS).Take(limit).OrderBy(m => m.TimeS).ToList();
        return new ChartMarkers(kept, all.Count - kept.Count, limit);
    }

    /// <summary>Markers of one module within 50 ms (a confirmed fault and the isolation it causes) become one, labelled with both.</summary>
    private static List<ChartMarker> MergeCoincident(List<ChartMarker> markers)
    {
        List<ChartMarker> merged = new List<ChartMarker>();
        foreach (ChartMarker marker in markers.OrderBy(m => m.TimeS).ThenBy(m => (int)m.Kind))
        {
            int i = merged.FindIndex(m => m.Module == marker.Module && m.Kind != MarkerKind.Injected && marker.Kind != MarkerKind.Injected && Math.Abs(m.TimeS - marker.TimeS) < 0.05);
            if (i < 0)
            {
                merged.Add(marker);
                continue;
            }

            ChartMarker other = merged[i];
            MarkerKind kind = (int)other.Kind <= (int)marker.Kind ? other.Kind : marker.Kind;
            merged[i] = new ChartMarker(other.TimeS, kind, other.Text + ", " + marker.Text, other.Module);
        }

        return merged;
    }

    private static MarkerKind SeverityKind(string severity) => severity switch
    {
        "fault" => MarkerKind.Fault,
        "warning" => MarkerKind.Warning,
        _ => MarkerKind.Info,
    };

    /// <summary>The module sensor <paramref name="sensor"/> sits on, -1 when it watches the whole pack.</summary>
    private static int SensorModule(Scenario scenario, int sensor)
    {
        int[]? modules = scenario.Pack.TemperatureSensorModules;
        return modules != null && sensor >= 0 && sensor < modules.Length ? modules[sensor] : -1;
    }

    private static string Where(int module, int cell)
    {
        if (module < 0)
        {
            return " pack";
        }

        return " M" + module + (cell >= 0 ? " C" + cell : string.Empty);
    }
}
