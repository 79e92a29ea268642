// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Writes a fixed-point number as decimal text with '.' on every host and without trailing zeros (2540 with 3
    /// decimals is "2.54", -50 with 3 is "-0.05"): double.ToString follows the host culture on .NET and its formats differ
    /// on nanoFramework, and a refusal or a board warning must read the same everywhere. Built only when one is.
    /// </summary>
    public static class DecimalText
    {
        /// <summary>The text of <paramref name="scaled"/> / 10^<paramref name="decimals"/>, at most that many decimals.</summary>
        public static string Of(long scaled, int decimals)
        {
            long divisor = 1;
            for (int i = 0; i < decimals; i++)
            {
                divisor *= 10;
            }

            long whole = scaled / divisor;
            long fraction = scaled % divisor;
            if (fraction == 0)
            {
                return whole.ToString();
            }

            if (fraction < 0)
            {
                fraction = -fraction;
            }

            // Leading zeros of the fraction are kept (0.05), trailing ones dropped (0.5).
            string digits = fraction.ToString();
            while (digits.Length < decimals)
            {
                digits = "0" + digits;
            }

            string sign = scaled < 0 && whole == 0 ? "-" : string.Empty;
            return sign + whole.ToString() + "." + digits.TrimEnd(new char[] { '0' });
        }
    }
}
