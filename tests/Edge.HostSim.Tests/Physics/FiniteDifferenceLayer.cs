namespace Edge.HostSim.Tests.Physics;

/// <summary>
/// Independent reference for the depletion layer: d theta/dt = (1/tau) d2 theta/d xi2 on [0, 1] with
/// -d theta/d xi (0) = u and theta(1) = 0, solved by backward Euler on a fine grid (ghost node at xi = 0).
/// </summary>
internal sealed class FiniteDifferenceLayer
{
    private readonly int _n;
    private readonly double _h;
    private readonly double _tauS;
    private readonly double[] _theta;
    private readonly double[] _sub;
    private readonly double[] _diag;
    private readonly double[] _sup;
    private readonly double[] _rhs;

    public FiniteDifferenceLayer(int intervals, double tauS)
    {
        _n = intervals;
        _h = 1.0 / intervals;
        _tauS = tauS;
        _theta = new double[intervals];
        _sub = new double[intervals];
        _diag = new double[intervals];
        _sup = new double[intervals];
        _rhs = new double[intervals];
    }

    public double Surface => _theta[0];

    /// <summary>One backward-Euler step; node j at xi = j h, j = 0..n-1, theta(n) = 0.</summary>
    public void Step(double u, double dtS)
    {
        double r = dtS / (_tauS * _h * _h);
        for (int j = 0; j < _n; j++)
        {
            _sub[j] = -r;
            _diag[j] = 1 + 2 * r;
            _sup[j] = -r;
            _rhs[j] = _theta[j];
        }

        // Ghost node theta(-1) = theta(1) + 2 h u.
        _sup[0] = -2 * r;
        _rhs[0] += 2 * r * _h * u;

        // Thomas algorithm.
        for (int j = 1; j < _n; j++)
        {
            double m = _sub[j] / _diag[j - 1];
            _diag[j] -= m * _sup[j - 1];
            _rhs[j] -= m * _rhs[j - 1];
        }

        _theta[_n - 1] = _rhs[_n - 1] / _diag[_n - 1];
        for (int j = _n - 2; j >= 0; j--)
        {
            _theta[j] = (_rhs[j] - _sup[j] * _theta[j + 1]) / _diag[j];
        }
    }
}
