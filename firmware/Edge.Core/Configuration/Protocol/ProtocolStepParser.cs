// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>
    /// Reads cycler-style step texts: "Strip at 1 mA/cm2 for 1 s", "Plate at 0.4 mA/cm2 for 600 s",
    /// "Rest for 5 s", "Strip at 385 uA" (until a stop condition), "Rest" (adaptive rests only).
    /// Currents: A, mA, uA, or per cm2 (A/cm2, mA/cm2, uA/cm2) with the electrode area.
    /// Durations: ms, s, sec, min, h. Keywords match in any case; units only as written here, since SI case carries
    /// meaning (M is mega, m milli): a unit in another case is refused naming the spelling meant.
    /// </summary>
    public static class ProtocolStepParser
    {
        // Currents: the three base units, then each per cm2 and per cm^2; index % 3 picks the scale, index >= 3 a density.
        private static readonly string[] s_currentUnits = new string[] { "A", "mA", "uA", "A/cm2", "mA/cm2", "uA/cm2", "A/cm^2", "mA/cm^2", "uA/cm^2" };
        private static readonly double[] s_currentScalesToUa = new double[] { 1000000, 1000, 1 };

        private static readonly string[] s_durationUnits = new string[] { "ms", "s", "sec", "min", "h" };
        private static readonly double[] s_durationScalesToMs = new double[] { 1, 1000, 1000, 60000, 3600000 };

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

            // Keywords match in any case; messages quote the words as the user wrote them.
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

            // A unit matches whole: "mA/h/cm2" is no density, not mA/cm2.
            int unitIndex = IndexOf(unit, s_currentUnits);
            if (unitIndex < 0)
            {
                error = UnitRefusal("current", unit, s_currentUnits, "A, mA, uA, A/cm2, mA/cm2, uA/cm2");
                return false;
            }

            double scaleToUa = s_currentScalesToUa[unitIndex % 3];
            bool perArea = unitIndex >= 3;
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

            int unitIndex = IndexOf(unit, s_durationUnits);
            if (unitIndex < 0)
            {
                error = UnitRefusal("duration", unit, s_durationUnits, "ms, s, min, h");
                return false;
            }

            double scaleToMs = s_durationScalesToMs[unitIndex];
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

        private static int IndexOf(string unit, string[] units)
        {
            for (int i = 0; i < units.Length; i++)
            {
                if (units[i] == unit)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// The refusal of a <paramref name="what"/> unit not among <paramref name="units"/>: one that spells a unit in another
        /// case is told its spelling ("MA" would be a megaampere), any other is given the list.
        /// </summary>
        private static string UnitRefusal(string what, string unit, string[] units, string listed)
        {
            string meant = AsciiCase.SameIgnoringCase(unit, units);
            return what + " unit '" + unit + "'" + (meant != null ? ": units are case-sensitive; write " + meant : " is not one of " + listed);
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
