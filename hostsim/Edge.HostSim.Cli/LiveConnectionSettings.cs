// Licensed under the MIT License.

namespace Edge.HostSim.Cli;

/// <summary>The MQTT and dashboard options of edge-sim run, as given (null = not given).</summary>
public sealed class LiveConnectionSettings
{
    /// <summary>--mqtt host:port.</summary>
    public string? Mqtt { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public string? CaFile { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>--mqtt-allow-unreachable: start even if nothing answers at the broker address yet.</summary>
    public bool AllowUnreachable { get; init; }

    public bool Dashboard { get; init; }

    public string? DashboardDirectory { get; init; }

    /// <summary>--dashboard-port: the dashboard's HTTP port, null for a free one.</summary>
    public int? DashboardPort { get; init; }

    /// <summary>--health-period-s: device time between two health messages, s (the firmware's health_period_s).</summary>
    public int? HealthPeriodS { get; init; }
}
