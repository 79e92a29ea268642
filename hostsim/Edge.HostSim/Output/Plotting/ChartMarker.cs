// Licensed under the MIT License.

namespace Edge.HostSim.Output.Plotting;

/// <summary>One vertical marker of a run plot: an event, a module stop or an injected fault.</summary>
public sealed class ChartMarker
{
    public ChartMarker(double timeS, MarkerKind kind, string label, int module, int occurrences = 1)
    {
        TimeS = timeS;
        Kind = kind;
        Label = label;
        Module = module;
        Occurrences = occurrences;
    }

    /// <summary>Simulated time of the (first) occurrence, s.</summary>
    public double TimeS { get; }

    public MarkerKind Kind { get; }

    /// <summary>Short text drawn beside the line, e.g. "softShort M1 C0".</summary>
    public string Label { get; }

    /// <summary>Module it concerns, -1 for the pack.</summary>
    public int Module { get; }

    /// <summary>How many identical events (kind, place, severity) this marker stands for; it sits at the first.</summary>
    public int Occurrences { get; }

    public string Text => Occurrences > 1 ? Label + " (x" + Occurrences + ", first)" : Label;
}
