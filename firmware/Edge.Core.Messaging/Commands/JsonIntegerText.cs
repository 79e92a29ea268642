// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// The plain digits of a JSON number that is whole but written with a fraction or an exponent (1000.0, 1e3, 3.6E6),
    /// so that its refusal can say what to send instead. Works on the text, digit by digit: no floating point, so what
    /// is whole is decided exactly.
    /// </summary>
    public static class JsonIntegerText
    {
        /// <summary>Longest plain form suggested (digits): more than any command field's range holds.</summary>
        public const int MaximumPlainDigits = 20;

        // An exponent beyond this makes any nonzero number longer than MaximumPlainDigits, or a fraction.
        private const int ExponentCap = 1000;

        /// <summary>
        /// The number <paramref name="text"/> (valid JSON number grammar) in plain digits with its sign, when it is whole and
        /// that form has at most <see cref="MaximumPlainDigits"/> digits; null otherwise. <paramref name="whole"/> says
        /// whether it is whole at all.
        /// </summary>
        public static string PlainForm(string text, out bool whole)
        {
            whole = false;
            int i = 0;
            bool negative = text.Length > 0 && text[0] == '-';
            if (negative)
            {
                i = 1;
            }

            // The significant digits, the integer part's and the fraction's, and how many of them are the fraction's.
            char[] digits = new char[text.Length];
            int count = 0;
            int fractionDigits = 0;
            bool inFraction = false;
            for (; i < text.Length && text[i] != 'e' && text[i] != 'E'; i++)
            {
                if (text[i] == '.')
                {
                    inFraction = true;
                    continue;
                }

                if (count == 0 && text[i] == '0')
                {
                    // A leading zero of the digits (0.5's, or 0.0's) holds no value.
                    if (inFraction)
                    {
                        fractionDigits++;
                    }

                    continue;
                }

                digits[count] = text[i];
                count++;
                if (inFraction)
                {
                    fractionDigits++;
                }
            }

            int exponent = 0;
            if (i < text.Length)
            {
                i++;
                bool exponentNegative = text[i] == '-';
                if (text[i] == '-' || text[i] == '+')
                {
                    i++;
                }

                for (; i < text.Length; i++)
                {
                    if (exponent < ExponentCap)
                    {
                        exponent = (exponent * 10) + (text[i] - '0');
                    }
                }

                if (exponentNegative)
                {
                    exponent = -exponent;
                }
            }

            if (count == 0)
            {
                whole = true;
                return "0";
            }

            // The value is digits * 10^shift; it is whole when the digits it shifts out are all zeros.
            int shift = exponent - fractionDigits;
            int kept = count;
            if (shift < 0)
            {
                if (-shift > count)
                {
                    return null;
                }

                kept = count + shift;
                for (int k = kept; k < count; k++)
                {
                    if (digits[k] != '0')
                    {
                        return null;
                    }
                }

                shift = 0;
            }

            whole = true;
            if (kept + shift > MaximumPlainDigits)
            {
                return null;
            }

            char[] plain = new char[(negative ? 1 : 0) + kept + shift];
            int p = 0;
            if (negative)
            {
                plain[p] = '-';
                p++;
            }

            for (int k = 0; k < kept; k++)
            {
                plain[p] = digits[k];
                p++;
            }

            for (int k = 0; k < shift; k++)
            {
                plain[p] = '0';
                p++;
            }

            return new string(plain);
        }
    }
}
