// Licensed under the MIT License.

namespace Edge.HostSim.Output.Report;

/// <summary>Everything report.html shows: header facts, tables and zoomable charts (serialised camelCase into the page).</summary>
public sealed class ReportData
{
    public string Title { get; init; } = string.Empty;

    /// <summary>Where the numbers come from (e.g. "simulated: ..."), shown under the title.</summary>
    public string Provenance { get; init; } = string.Empty;

    /// <summary>Label and value pairs of the summary block.</summary>
    public List<string[]> Facts { get; init; } = new List<string[]>();

    public List<ReportChart> Charts { get; init; } = new List<ReportChart>();

    public List<ReportTable> Tables { get; init; } = new List<ReportTable>();
}

/// <summary>A table of the report; cells are text.</summary>
public sealed class ReportTable
{
    public string Title { get; init; } = string.Empty;

    public string[] Columns { get; init; } = Array.Empty<string>();

    public List<string[]> Rows { get; init; } = new List<string[]>();

    /// <summary>Written under the table (e.g. how many rows were left out and where they are).</summary>
    public string? Note { get; init; }

    /// <summary>Column whose value colours the row: "info", "warning" or "fault".</summary>
    public int SeverityColumn { get; init; } = -1;
}

/// <summary>A zoomable chart: series as lines or min/max bands, vertical markers and horizontal limit lines. Charts of one report share the x zoom.</summary>
public sealed class ReportChart
{
    public string Title { get; init; } = string.Empty;

    public string XLabel { get; init; } = string.Empty;

    public string YLabel { get; init; } = string.Empty;

    public List<ReportSeries> Series { get; init; } = new List<ReportSeries>();

    public List<ReportMarker> Markers { get; init; } = new List<ReportMarker>();

    public List<ReportLimit> Limits { get; init; } = new List<ReportLimit>();

    /// <summary>Lines written under the chart (selection, omitted markers).</summary>
    public List<string> Notes { get; init; } = new List<string>();

    /// <summary>Share the x zoom with the other charts that share it (time charts), not for a sweep's rest axis.</summary>
    public bool SharedX { get; init; } = true;
}

/// <summary>One series: x with per-point minimum, maximum and value (the value alone when <see cref="Band"/> is false).</summary>
public sealed class ReportSeries
{
    public string Name { get; init; } = string.Empty;

    public string Color { get; init; } = "#000000";

    /// <summary>Line dash pattern in px (empty = solid).</summary>
    public int[] Dash { get; init; } = Array.Empty<int>();

    public double[] X { get; init; } = Array.Empty<double>();

    public double[] Y { get; init; } = Array.Empty<double>();

    public double[]? Min { get; init; }

    public double[]? Max { get; init; }

    /// <summary>Draw the min/max band (several samples per point).</summary>
    public bool Band { get; init; }

    /// <summary>Draw a dot at every point (sweeps).</summary>
    public bool Points { get; init; }
}

/// <summary>A vertical marker (event, stop, injected fault).</summary>
public sealed class ReportMarker
{
    public double X { get; init; }

    public string Label { get; init; } = string.Empty;

    public string Color { get; init; } = "#000000";

    public string Kind { get; init; } = string.Empty;
}

/// <summary>A horizontal limit line (cut-off, safety limit).</summary>
public sealed class ReportLimit
{
    public double Y { get; init; }

    public string Label { get; init; } = string.Empty;

    public string Color { get; init; } = "#000000";
}
