// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace Edge.HostSim.Replay;

/// <summary>
/// The electrode area a BioLogic export's header block states, as EC-Lab and BT-Lab write it from the cell's settings:
/// "Electrode surface area : 0.385 cm²" (three decimals, a decimal comma in a comma locale: "1,130 cm²").
/// </summary>
/// <param name="AreaCm2">The area, cm2.</param>
/// <param name="HalfLastDigitCm2">Half a unit of its last written digit: a value within it of the area is the same, rounded.</param>
/// <param name="Line">The header line, as written.</param>
/// <param name="LineNumber">Its 1-based line in the file.</param>
public sealed partial record HeaderArea(double AreaCm2, double HalfLastDigitCm2, string Line, int LineNumber)
{
    /// <summary>
    /// What EC-Lab writes when its user entered no area: its settings' default, 0.001 cm2 (0.000 in some versions), no
    /// cell's electrode (these cells' are tenths of a cm2 and up). Taken for one, it read 0.385 mA as 385 mA/cm2.
    /// </summary>
    public const double PlaceholderCm2 = 0.001;

    /// <summary>Whether <paramref name="areaCm2"/> is this area as its header rounds it.</summary>
    public bool Agrees(double areaCm2) => Math.Abs(areaCm2 - AreaCm2) <= HalfLastDigitCm2 * (1 + 1e-9);

    /// <summary>The area of the header block's first <paramref name="headerLines"/> lines; null where none is stated, or only EC-Lab's placeholder.</summary>
    internal static HeaderArea? Find(TextLines lines, int headerLines)
    {
        int number = 0;
        foreach (string line in lines.From(0).Take(headerLines))
        {
            number++;
            Match match = AreaPattern().Match(line);
            if (!match.Success)
            {
                continue;
            }

            string digits = match.Groups["value"].Value.Replace(',', '.');
            double area = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
            int point = digits.IndexOf('.');
            int decimals = point < 0 ? 0 : digits.Length - point - 1;
            return area > PlaceholderCm2 ? new HeaderArea(area, 0.5 * Math.Pow(10, -decimals), line.Trim(), number) : null;
        }

        return null;
    }

    // cm² with its superscript two (U+00B2, the same byte in Latin-1, as EC-Lab writes it), or cm2 where it was retyped.
    [GeneratedRegex(@"^\s*Electrode surface area\s*:\s*(?<value>[0-9]+(?:[.,][0-9]+)?)\s*cm(?:\u00b2|2)\s*$")]
    private static partial Regex AreaPattern();
}
