// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>
    /// Reads cycler-style step texts: "Strip at 1 mA/cm2 for 1 s", "Plate at 0.4 mA/cm2 for 600 s",
    /// "Rest for 5 s", "Strip at 385 uA" (until a stop condition), "Rest" (adaptive rests only).
    /// Currents: A, mA, uA, or per cm2 (A/cm2, mA/cm2, uA/cm2) with the electrode area.
    /// Durations: ms, s, min, h. Words are case-insensitive.
    /// </summary>
    public static class ProtocolStepParser
    {
        /// <summary>Parses one step; on failure <paramref name="error"/> says what is wrong and step is null.</summary>
        public static bool TryParse(string text, double electrodeAreaCm2, out ProtocolStep step, out string error)
        {
            step = null;
            error = null;
            if (text == null || text.Trim().Length == 0)
            {
                error = "empty step";
                return false;
            }

            // Keywords and units match in any case; messages quote the words as the user wrote them.
            string[] words = Edge.Core.Text.Words.Of(text.Trim());
            int index = 0;
            ProtocolStepKind kind;
            switch (AsciiCase.ToLower(words[index]))
            {
                case "strip":
                    kind = ProtocolStepKind.Strip;
                    break;
                case "plate":
                    kind = ProtocolStepKind.Plate;
                    break;
                case "rest":
                    kind = ProtocolStepKind.Rest;
                    break;
                default:
                    error = "step must start with Strip, Plate or Rest, not '" + words[index] + "'";
                    return false;
            }

            index++;
            int currentUa = 0;
            if (kind != ProtocolStepKind.Rest)
            {
                if (index >= words.Length || AsciiCase.ToLower(words[index]) != "at")
                {
                    error = "expected 'at <current>' after '" + words[0] + "'";
                    return false;
                }

                index++;
                if (index >= words.Length)
                {
                    error = "missing current after 'at'";
                    return false;
                }

                if (!TryReadCurrent(words, ref index, electrodeAreaCm2, out currentUa, out error))
                {
                    return false;
                }
            }

            long durationMs = 0;
            if (index < words.Length)
            {
                if (AsciiCase.ToLower(words[index]) != "for")
                {
                    error = "expected 'for <duration>', found '" + words[index] + "'";
                    return false;
                }

                index++;
                if (!TryReadDuration(words, ref index, out durationMs, out error))
                {
                    return false;
                }
            }

            if (index < words.Length)
            {
                error = "unexpected '" + words[index] + "' at the end of the step";
                return false;
            }

            step = new ProtocolStep(kind, currentUa, durationMs);
            return true;
        }

        /// <summary>
        /// The number (its text and value) and unit after <paramref name="keyword"/> ("at 1 mA/cm2", "for 5 s"); false with the error
        /// when the quantity is missing or not a positive number, <paramref name="what"/> naming it.
        /// </summary>
        private static bool TryReadPositiveQuantity(string[] words, ref int index, string what, string keyword, out double value, out string number, out string unit, out string error)
        {
            value = 0;
            if (!SplitQuantity(words, ref index, out number, out unit))
            {
                error = "missing " + what + " after '" + keyword + "'";
                return false;
            }

            if (number.IndexOf(',') >= 0)
            {
                error = what + " '" + number + "' has a decimal comma: write decimals with a point";
                return false;
            }

            if (!InvariantNumber.TryParse(number, out value) || !(value > 0))
            {
                error = what + " '" + number + "' is not a positive number";
                return false;
            }

            error = null;
            return true;
        }

        private static bool TryReadCurrent(string[] words, ref int index, double areaCm2, out int currentUa, out string error)
        {
            currentUa = 0;
            double value;
            string number;
            string unit;
            if (!TryReadPositiveQuantity(words, ref index, "current", "at", out value, out number, out unit, out error))
            {
                return false;
            }

            double scaleToUa;
            bool perArea = false;
            string unitKey = AsciiCase.ToLower(unit);
            string baseUnit = unitKey;
            if (unitKey.EndsWith("/cm2") || unitKey.EndsWith("/cm^2"))
            {
                // Only what stands right before the suffix is the unit: "mA/h/cm2" is no density, not mA/cm2.
                perArea = true;
                baseUnit = unitKey.Substring(0, unitKey.LastIndexOf('/'));
            }

            switch (baseUnit)
            {
                case "a":
                    scaleToUa = 1000000;
                    break;
                case "ma":
                    scaleToUa = 1000;
                    break;
                case "ua":
                    scaleToUa = 1;
                    break;
                default:
                    error = "current unit '" + unit + "' is not one of A, mA, uA, A/cm2, mA/cm2, uA/cm2";
                    return false;
            }

            if (perArea && !(areaCm2 > 0))
            {
                error = "a current density needs the electrode area";
                return false;
            }

            double microamperes = value * scaleToUa * (perArea ? areaCm2 : 1.0);
            if (microamperes >= int.MaxValue)
            {
                error = "current " + number + " " + unit + " is too large: a step carries at most 2147 A";
                return false;
            }

            currentUa = (int)(microamperes + 0.5);
            if (currentUa < 1)
            {
                error = "current rounds to less than 1 uA";
                return false;
            }

            error = null;
            return true;
        }

        private static bool TryReadDuration(string[] words, ref int index, out long durationMs, out string error)
        {
            durationMs = 0;
            double value;
            string number;
            string unit;
            if (!TryReadPositiveQuantity(words, ref index, "duration", "for", out value, out number, out unit, out error))
            {
                return false;
            }

            double scaleToMs;
            switch (AsciiCase.ToLower(unit))
            {
                case "ms":
                    scaleToMs = 1;
                    break;
                case "s":
                case "sec":
                    scaleToMs = 1000;
                    break;
                case "min":
                    scaleToMs = 60000;
                    break;
                case "h":
                    scaleToMs = 3600000;
                    break;
                default:
                    error = "duration unit '" + unit + "' is not one of ms, s, min, h";
                    return false;
            }

            double milliseconds = value * scaleToMs;
            if (milliseconds > 31536000000.0)
            {
                error = "duration is longer than a year";
                return false;
            }

            durationMs = (long)(milliseconds + 0.5);
            if (durationMs < 1)
            {
                error = "duration rounds to less than 1 ms";
                return false;
            }

            error = null;
            return true;
        }

        /// <summary>Reads "1 mA/cm2" (two words) or "1mA/cm2" (one word).</summary>
        private static bool SplitQuantity(string[] words, ref int index, out string number, out string unit)
        {
            number = null;
            unit = null;
            if (index >= words.Length)
            {
                return false;
            }

            string word = words[index];
            int split = 0;
            // A comma stays with the number so that "0,5" is refused as a decimal comma, not read as 0.
            while (split < word.Length && ((word[split] >= '0' && word[split] <= '9') || word[split] == '.' || word[split] == ',' || word[split] == '-' || word[split] == '+'))
            {
                split++;
            }

            // An exponent ("1e9", "2.5E-3") belongs to the number, not to the unit.
            if (split > 0 && split < word.Length - 1 && (word[split] == 'e' || word[split] == 'E'))
            {
                int exponent = split + 1;
                if ((word[exponent] == '+' || word[exponent] == '-') && exponent < word.Length - 1)
                {
                    exponent++;
                }

                if (word[exponent] >= '0' && word[exponent] <= '9')
                {
                    split = exponent;
                    while (split < word.Length && word[split] >= '0' && word[split] <= '9')
                    {
                        split++;
                    }
                }
            }

            if (split == 0)
            {
                number = word;
                unit = string.Empty;
                index++;
                return true;
            }

            number = word.Substring(0, split);
            if (split < word.Length)
            {
                unit = word.Substring(split);
                index++;
                return true;
            }

            index++;
            if (index >= words.Length)
            {
                unit = string.Empty;
                return true;
            }

            unit = words[index];
            index++;
            return true;
        }
    }
}
