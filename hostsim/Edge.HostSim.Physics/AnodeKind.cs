namespace Edge.HostSim.Physics;

/// <summary>How the anode's metal inventory limits the interfacial supply.</summary>
public enum AnodeKind
{
    /// <summary>Liquid Na-K alloy: stripping Na drifts the bulk composition towards the K-rich liquidus.</summary>
    LiquidAlloy = 0,

    /// <summary>Solid single metal (Na or K): a finite metal reservoir, no composition drift.</summary>
    Metal = 1,
}
