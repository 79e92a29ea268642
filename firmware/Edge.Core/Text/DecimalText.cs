// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Writes a non-negative fixed-point number as decimal text with '.' on every host and without trailing zeros
    /// (2540 with 3 decimals is "2.54"): double.ToString follows the host culture on .NET and its formats differ on
    /// nanoFramework, and a refusal must read the same everywhere. Built only when a refusal is.
    /// </summary>
    public static class DecimalText
    {
        /// <summary>The text of <paramref name="scaled"/> / 10^<paramref name="decimals"/>; <paramref name="scaled"/> at least 0.</summary>
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

            // Leading zeros of the fraction are kept (0.05), trailing ones dropped (0.5).
            string digits = (fraction + divisor).ToString().Substring(1);
            int end = digits.Length;
            while (digits[end - 1] == '0')
            {
                end--;
            }

            return whole.ToString() + "." + digits.Substring(0, end);
        }
    }
}
