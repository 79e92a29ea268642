// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Scenario section "protocol": cycler-style steps, rest policy, stop conditions.</summary>
public sealed class ProtocolSpec
{
    /// <summary>Step texts for the core's protocol step parser.</summary>
    public List<string> Steps { get; set; } = new List<string>();

    /// <summary>
    /// True: the steps start again after the last one, until a stop condition. False: they run once and the module
    /// stops with protocolComplete (a finite cycling programme: a current scan, 25 cycles, a fixed plated charge).
    /// </summary>
    public bool Repeat { get; set; } = true;

    /// <summary>"fixed" or "adaptive".</summary>
    public bool AdaptiveRest { get; set; }

    /// <summary>Null: the core's default.</summary>
    public double? MinRestS { get; set; }

    public double? MaxRestS { get; set; }

    /// <summary>Stripping cut-off, V ([W]: 3 V).</summary>
    public double CutoffV { get; set; } = 3.0;

    /// <summary>
    /// Whether the scenario gave <see cref="CutoffV"/>: with a board, a cut-off left at its default is lowered to the
    /// board's cell limit as on the device (<c>BoardCutoffs</c>); one given is checked against that limit instead.
    /// </summary>
    public bool CutoffGiven { get; set; }

    /// <summary>Net stripped capacity that ends the run; 0 = none.</summary>
    public double CapacityLimitMAhPerCm2 { get; set; }

    public ProtocolSpec Clone()
    {
        ProtocolSpec copy = (ProtocolSpec)MemberwiseClone();
        copy.Steps = new List<string>(Steps);
        return copy;
    }
}
