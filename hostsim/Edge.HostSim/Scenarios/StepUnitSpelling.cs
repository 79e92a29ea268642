// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>
/// A scenario step's per-area unit as the core's step parser reads it: "cm²" with the superscript two (U+00B2), as
/// cyclers write it and replay reads it in an EC-Lab header, becomes "cm2". The device's parser keeps to ASCII units;
/// a step pasted from a cycler's protocol into a scenario file was refused for its unit.
/// </summary>
public static class StepUnitSpelling
{
    /// <summary>The step with each "/cm²" written "/cm2"; any other text unchanged.</summary>
    public static string Ascii(string step) => step.Replace("/cm\u00B2", "/cm2", StringComparison.Ordinal);
}
