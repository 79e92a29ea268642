// Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace Edge.HostSim.Randomness;

/// <summary>Small seeded generator (xoshiro256**) with a table-driven Gaussian: cheap enough for every sample of every cell.</summary>
public sealed class SimRandom
{
    private const int TableSize = 4096;
    private readonly ulong _tableSeed;
    private double[]? _gaussian;
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimRandom(ulong seed)
        : this(seed, skipTable: true)
    {
    }

    private SimRandom(ulong seed, bool skipTable)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _tableSeed = seed;
        if (!skipTable)
        {
            return;
        }

        // The table is the stream's first TableSize Box-Muller draws (two uniforms each). Most generators of a
        // run never ask for a Gaussian, and the table's logarithms and cosines cost as much as thousands of ticks
        // of a one-cell run, so it is built on first use from the seed; the stream skips past its draws now,
        // which keeps every later number what it was when the table was built here. A run makes several
        // generators and a study or a benchmark makes the same seeds again and again, so the state after the
        // skip and the table are kept per seed (SeedCache): the numbers are the same, only computed once.
        SeedCache.Entry entry = SeedCache.For(seed);
        if (entry.TryGetSkippedState(out ulong s0, out ulong s1, out ulong s2, out ulong s3))
        {
            _s0 = s0;
            _s1 = s1;
            _s2 = s2;
            _s3 = s3;
            _gaussian = entry.Table;
            return;
        }

        for (int i = 0; i < 2 * TableSize; i++)
        {
            NextUInt64();
        }

        entry.KeepSkippedState(_s0, _s1, _s2, _s3);
    }

    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>
    /// The stream from here on as a value, for a loop that draws many numbers: held in a local, its state stays in
    /// registers instead of being stored and loaded again at every draw. Nothing else may draw from this generator
    /// until <see cref="Resume"/> takes the stream back.
    /// </summary>
    public RandomStream Take() => new RandomStream(_s0, _s1, _s2, _s3);

    /// <summary>Continues after the draws a <see cref="Take"/>n stream made.</summary>
    public void Resume(in RandomStream stream) => stream.CopyTo(out _s0, out _s1, out _s2, out _s3);

    /// <summary>One xoshiro256** step: the next number, and the state advanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Exact standard normal (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Standard normal from a precomputed table of 4096 draws, picked at random: fast, adequate for ADC noise.</summary>
    public double FastGaussian() => (_gaussian ?? BuildTable())[(int)(NextUInt64() >> 52)];

    /// <summary>
    /// The table <see cref="FastGaussian()"/> picks from (built on first use; taking it draws nothing). A loop that
    /// takes it once and passes it to <see cref="FastGaussian(double[])"/> has no call left in it.
    /// </summary>
    public double[] GaussianTable => _gaussian ?? BuildTable();

    /// <summary>The same draw as <see cref="FastGaussian()"/>, from the <paramref name="table"/> of <see cref="GaussianTable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FastGaussian(double[] table) => table[(int)(NextUInt64() >> 52)];

    private double[] BuildTable()
    {
        // A fresh generator from the same seed replays the draws the constructor skipped.
        SimRandom replay = new SimRandom(_tableSeed, skipTable: false);
        double[] table = new double[TableSize];
        for (int i = 0; i < TableSize; i++)
        {
            table[i] = replay.NextGaussian();
        }

        _gaussian = table;
        SeedCache.For(_tableSeed).Table = table;
        return table;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
