namespace Edge.HostSim.Physics;

/// <summary>Small deterministic random source (SplitMix64), one state word per cell so that cells stay independent.</summary>
public static class SplitMix64
{
    /// <summary>Advances the state and returns the next 64 random bits.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
}
