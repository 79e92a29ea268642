// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The unit a board key's name ends in (<c>offset_mv</c>: mV), for refusals that name it, and the next larger unit,
    /// 1000 times it, that a value was likely typed in instead (1.225 in an mV key is 1.225 V, 1225 mV). Messages are
    /// built from these short symbols rather than a sentence per key: the device's string table is near its limit.
    /// </summary>
    internal static class KeyUnit
    {
        /// <summary>The larger unit is 1000 of the key's: a value in it has up to 3 decimals that make a whole number of the key's.</summary>
        public const int LargerDecimals = 3;

        /// <summary>The symbol of a temperature key (<c>_c</c>), whose slip is kelvin, not a larger unit.</summary>
        public const string Celsius = "degC";

        /// <summary>0 degC is 273.15 K.</summary>
        public const long ZeroCelsiusInHundredthsKelvin = 27315;

        // Key endings and their symbols, longest first where one ends another (_ohm_cm2 before _cm2).
        private static readonly string[] s_endings = new string[] { "_ohm_cm2", "_milliohm", "_cm2", "_mv", "_ua", "_ma", "_ms", "_us", "_hz", "_ohm", "_pf", "_db", "_c" };
        private static readonly string[] s_symbols = new string[] { "ohm cm2", "milliohm", "cm2", "mV", "uA", "mA", "ms", "us", "Hz", "ohm", "pF", "dB", Celsius };

        // Symbols with a larger unit 1000 times them, and that unit.
        private static readonly string[] s_smaller = new string[] { "mV", "uA", "mA", "ms", "us", "milliohm", "ohm", "pF" };
        private static readonly string[] s_larger = new string[] { "V", "mA", "A", "s", "ms", "ohm", "kohm", "nF" };

        /// <summary>The unit symbol of <paramref name="key"/>, or null when its name ends in none.</summary>
        public static string SymbolOf(string key)
        {
            for (int i = 0; i < s_endings.Length; i++)
            {
                string ending = s_endings[i];
                if (key.Length > ending.Length && key.Substring(key.Length - ending.Length) == ending)
                {
                    return s_symbols[i];
                }
            }

            return null;
        }

        /// <summary>The unit 1000 times <paramref name="symbol"/>, or null when it has none here.</summary>
        public static string LargerThan(string symbol)
        {
            for (int i = 0; i < s_smaller.Length; i++)
            {
                if (s_smaller[i] == symbol)
                {
                    return s_larger[i];
                }
            }

            return null;
        }

        /// <summary>" of mV" for a key in mV, empty for a key with no unit: appended to "is not a whole number".</summary>
        public static string Of(string key)
        {
            string symbol = SymbolOf(key);
            return symbol == null ? string.Empty : " of " + symbol;
        }

        /// <summary>" mV" for a key in mV, empty for a key with no unit: appended to a range.</summary>
        public static string After(string key)
        {
            string symbol = SymbolOf(key);
            return symbol == null ? string.Empty : " " + symbol;
        }

        /// <summary>"; it looks like V: 1225 mV?": what the value typed in <paramref name="unit"/> reads in the key's.</summary>
        public static string LooksLike(string unit, string reading, string symbol)
        {
            return "; it looks like " + unit + ": " + reading + " " + symbol + "?";
        }
    }
}
