// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Culture-independent number parsing for board texts: a sign, digits and at most a given
    /// number of decimals, read into an integer scaled by 10^decimals. Written by hand because
    /// double.TryParse follows the host culture on .NET (a decimal comma would break boards);
    /// this never throws.
    /// </summary>
    internal static class FixedPointText
    {
        /// <summary>Longest digit string accepted: 12 digits scaled by up to 10^6 stay inside a long.</summary>
        private const int MaxDigits = 12;

        /// <summary>Parses e.g. "-1.25" with 3 decimals into -1250. False on any other form.</summary>
        public static bool TryParse(string text, int decimals, out long scaled)
        {
            scaled = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            int position = 0;
            bool negative = false;
            if (text[0] == '-' || text[0] == '+')
            {
                negative = text[0] == '-';
                position = 1;
            }

            long value = 0;
            int digits = 0;
            int fractionDigits = 0;
            bool inFraction = false;
            for (; position < text.Length; position++)
            {
                char c = text[position];
                if (c == '.' && !inFraction && decimals > 0)
                {
                    inFraction = true;
                    continue;
                }

                if (c < '0' || c > '9')
                {
                    return false;
                }

                if (inFraction)
                {
                    fractionDigits++;
                    if (fractionDigits > decimals)
                    {
                        return false;
                    }
                }

                digits++;
                if (digits > MaxDigits)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (digits == 0 || (inFraction && fractionDigits == 0))
            {
                return false;
            }

            for (int i = fractionDigits; i < decimals; i++)
            {
                value *= 10;
            }

            scaled = negative ? -value : value;
            return true;
        }
    }
}
