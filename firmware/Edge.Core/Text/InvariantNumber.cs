// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Parses decimal numbers the same way on every host: '.' as the separator, optional sign and
    /// exponent, no grouping. double.TryParse follows the current culture on .NET, and this text
    /// comes from files and commands that must mean the same everywhere.
    /// </summary>
    public static class InvariantNumber
    {
        public static bool TryParse(string text, out double value)
        {
            value = 0;
            if (text == null)
            {
                return false;
            }

            int i = 0;
            int length = text.Length;
            bool negative = false;
            if (i < length && (text[i] == '+' || text[i] == '-'))
            {
                negative = text[i] == '-';
                i++;
            }

            double mantissa = 0;
            int digits = 0;
            while (i < length && text[i] >= '0' && text[i] <= '9')
            {
                mantissa = (mantissa * 10) + (text[i] - '0');
                digits++;
                i++;
            }

            int fractionDigits = 0;
            if (i < length && text[i] == '.')
            {
                i++;
                while (i < length && text[i] >= '0' && text[i] <= '9')
                {
                    mantissa = (mantissa * 10) + (text[i] - '0');
                    fractionDigits++;
                    digits++;
                    i++;
                }
            }

            if (digits == 0)
            {
                return false;
            }

            int exponent = 0;
            if (i < length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                bool negativeExponent = false;
                if (i < length && (text[i] == '+' || text[i] == '-'))
                {
                    negativeExponent = text[i] == '-';
                    i++;
                }

                int exponentDigits = 0;
                while (i < length && text[i] >= '0' && text[i] <= '9' && exponent < 400)
                {
                    exponent = (exponent * 10) + (text[i] - '0');
                    exponentDigits++;
                    i++;
                }

                if (exponentDigits == 0)
                {
                    return false;
                }

                exponent = negativeExponent ? -exponent : exponent;
            }

            if (i != length)
            {
                return false;
            }

            int scale = exponent - fractionDigits;
            double result = mantissa;
            double ten = 10;
            int steps = scale < 0 ? -scale : scale;
            double factor = 1;
            for (int k = 0; k < steps && k < 400; k++)
            {
                factor *= ten;
            }

            result = scale < 0 ? result / factor : result * factor;
            if (double.IsInfinity(result) || double.IsNaN(result))
            {
                return false;
            }

            value = negative ? -result : result;
            return true;
        }
    }
}
