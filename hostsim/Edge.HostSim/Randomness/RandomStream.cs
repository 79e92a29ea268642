// Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace Edge.HostSim.Randomness;

/// <summary>
/// A <see cref="SimRandom"/>'s stream taken into a local (<see cref="SimRandom.Take"/>): the same numbers in the same
/// order, without a store and a load of the state per draw; <see cref="SimRandom.Resume"/> hands it back.
/// </summary>
public struct RandomStream
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    internal RandomStream(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>As <see cref="SimRandom.NextUInt64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => SimRandom.Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>As <see cref="SimRandom.FastGaussian(double[])"/>, from the generator's <see cref="SimRandom.GaussianTable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FastGaussian(double[] table) => table[(int)(NextUInt64() >> 52)];

    internal readonly void CopyTo(out ulong s0, out ulong s1, out ulong s2, out ulong s3)
    {
        s0 = _s0;
        s1 = _s1;
        s2 = _s2;
        s3 = _s3;
    }
}
