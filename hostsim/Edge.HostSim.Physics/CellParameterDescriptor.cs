namespace Edge.HostSim.Physics;

/// <summary>One settable parameter: its name, valid range and accessors (used for overrides by name).</summary>
public sealed class CellParameterDescriptor
{
    private readonly Func<CellParameters, double> _get;
    private readonly Action<CellParameters, double> _set;

    /// <summary>Creates a descriptor; the range is inclusive.</summary>
    public CellParameterDescriptor(string name, double min, double max, Func<CellParameters, double> get, Action<CellParameters, double> set)
    {
        Name = name;
        Min = min;
        Max = max;
        _get = get;
        _set = set;
    }

    /// <summary>Property name as in <see cref="CellParameters"/>.</summary>
    public string Name { get; }

    /// <summary>Smallest valid value.</summary>
    public double Min { get; }

    /// <summary>Largest valid value.</summary>
    public double Max { get; }

    /// <summary>Reads the value.</summary>
    public double Get(CellParameters parameters) => _get(parameters);

    /// <summary>Writes the value after a range check.</summary>
    public void Set(CellParameters parameters, double value)
    {
        Check(value);
        _set(parameters, value);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming this parameter when out of range.</summary>
    public void Check(double value)
    {
        if (double.IsNaN(value) || value < Min || value > Max)
        {
            throw new ArgumentOutOfRangeException(Name, value, $"Cell parameter '{Name}' = {value} is outside its valid range [{Min}, {Max}].");
        }
    }
}
