// Licensed under the MIT License.

namespace Edge.HostSim.Measurement;

/// <summary>Seeded Gaussian noise (Box-Muller) in ADC counts; a zero sigma returns exact zeros.</summary>
public sealed class GaussianNoise
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public GaussianNoise(double sigmaCounts, int seed)
    {
        if (sigmaCounts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaCounts), "noise sigma must not be negative");
        }

        SigmaCounts = sigmaCounts;
        _random = new Random(seed);
    }

    /// <summary>No noise at all (the deterministic chain the calibration tests use).</summary>
    public static GaussianNoise None => new(0.0, 0);

    public double SigmaCounts { get; }

    public double NextCounts()
    {
        if (SigmaCounts == 0.0)
        {
            return 0.0;
        }

        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare * SigmaCounts;
        }

        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = radius * Math.Sin(2.0 * Math.PI * u2);
        _hasSpare = true;
        return radius * Math.Cos(2.0 * Math.PI * u2) * SigmaCounts;
    }
}
