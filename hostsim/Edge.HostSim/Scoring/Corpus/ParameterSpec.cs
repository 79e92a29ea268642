// Licensed under the MIT License.

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// One drawn parameter of a family: uniform in [<see cref="Minimum"/>, <see cref="Maximum"/>] rounded to
/// <see cref="Decimals"/>, or one of <see cref="Values"/> with equal chance. A scenario template uses it as
/// "${name}" (the whole value: a number) or inside a text ("Strip at ${current} mA/cm2 for 1 s").
/// </summary>
public sealed class ParameterSpec
{
    public string Name { get; init; } = string.Empty;

    public double Minimum { get; init; }

    public double Maximum { get; init; }

    /// <summary>Decimal places the uniform draw is rounded to (readable scenario files).</summary>
    public int Decimals { get; init; } = 3;

    /// <summary>Discrete choices; when set, <see cref="Minimum"/> and <see cref="Maximum"/> are not used.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Draws a value from <paramref name="uniform"/>, a number in [0, 1).</summary>
    public double Draw(double uniform)
    {
        if (Values != null)
        {
            int index = (int)(uniform * Values.Count);
            return Values[Math.Min(index, Values.Count - 1)];
        }

        // Rounded, a draw near an end of the range can land outside it (1.4 to 3.6 with 0 decimals gave 1 and 4): held to
        // the values of that many decimals that lie within.
        double value = Math.Round(Minimum + (uniform * (Maximum - Minimum)), Decimals, MidpointRounding.AwayFromZero);
        return Math.Min(Math.Max(value, LowestDrawable), HighestDrawable);
    }

    /// <summary>The smallest value with <see cref="Decimals"/> places that is not below <see cref="Minimum"/>.</summary>
    public double LowestDrawable
    {
        get
        {
            double rounded = Math.Round(Minimum, Decimals, MidpointRounding.AwayFromZero);
            return rounded < Minimum ? Math.Round(rounded + Step, Decimals, MidpointRounding.AwayFromZero) : rounded;
        }
    }

    /// <summary>The largest value with <see cref="Decimals"/> places that is not above <see cref="Maximum"/>.</summary>
    public double HighestDrawable
    {
        get
        {
            double rounded = Math.Round(Maximum, Decimals, MidpointRounding.AwayFromZero);
            return rounded > Maximum ? Math.Round(rounded - Step, Decimals, MidpointRounding.AwayFromZero) : rounded;
        }
    }

    private double Step => Math.Pow(10, -Decimals);
}
