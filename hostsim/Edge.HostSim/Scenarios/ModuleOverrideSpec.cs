// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>
/// Scenario "pack.moduleOverrides[i]": multipliers on the preset for every cell of one module (on top of
/// the seeded spread), e.g. a module that recovers more slowly (tauScale 3).
/// </summary>
public sealed class ModuleOverrideSpec
{
    public int Module { get; set; }

    /// <summary>Multiplier on the layer relaxation time constant tauS.</summary>
    public double TauScale { get; set; } = 1.0;

    /// <summary>Multiplier on the limiting current iLim0.</summary>
    public double ILimScale { get; set; } = 1.0;
}
