// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Reads typed values from board lines. Each method returns null on success or the error
    /// (bad number, out of range, bad word, wrong pin), never throws.
    /// </summary>
    internal static class BoardValueReader
    {
        private static readonly char[] s_listSeparator = new char[] { ',' };

        public static BoardParseError ReadInt(BoardLine line, int min, int max, out int value)
        {
            long scaled;
            value = 0;
            if (!FixedPointText.TryParse(line.Value, 0, out scaled))
            {
                return NotWhole(line, min, max);
            }

            if (scaled < min || scaled > max)
            {
                return OutOfRange(line, min.ToString(), max.ToString(), string.Empty);
            }

            value = (int)scaled;
            return null;
        }

        /// <summary>
        /// A whole number whose range a whole-board rule checks, clamped into an int: the rule gives the range that
        /// passes on this board, which the line alone cannot know.
        /// </summary>
        public static BoardParseError ReadWholeNumber(BoardLine line, out int value)
        {
            long scaled;
            value = 0;
            if (!FixedPointText.TryParse(line.Value, 0, out scaled))
            {
                return NotWhole(line, int.MinValue, int.MaxValue);
            }

            value = scaled > int.MaxValue ? int.MaxValue : (scaled < int.MinValue ? int.MinValue : (int)scaled);
            return null;
        }

        /// <summary>
        /// A decimal number with at most <paramref name="decimals"/> decimals, scaled by 10^decimals and clamped into an
        /// int, whose range a whole-board rule checks (as <see cref="ReadWholeNumber"/>).
        /// </summary>
        public static BoardParseError ReadDecimal(BoardLine line, int decimals, out int scaledValue)
        {
            long scaled;
            scaledValue = 0;
            BoardParseError error = ParseScaled(line, decimals, out scaled);
            if (error != null)
            {
                return error;
            }

            scaledValue = scaled > int.MaxValue ? int.MaxValue : (scaled < int.MinValue ? int.MinValue : (int)scaled);
            return null;
        }

        /// <summary>
        /// A decimal number with at most <paramref name="decimals"/> decimals, returned scaled by
        /// 10^decimals; <paramref name="min"/> and <paramref name="max"/> are scaled too.
        /// </summary>
        public static BoardParseError ReadFixed(BoardLine line, int decimals, long min, long max, out int scaledValue)
        {
            long scaled;
            scaledValue = 0;
            BoardParseError error = ParseScaled(line, decimals, out scaled);
            if (error != null)
            {
                return error;
            }

            if (scaled < min || scaled > max)
            {
                return OutOfRange(line, FormatScaled(min, decimals), FormatScaled(max, decimals), KelvinReading(line, decimals, min, max));
            }

            scaledValue = (int)scaled;
            return null;
        }

        private static BoardParseError ParseScaled(BoardLine line, int decimals, out long scaled)
        {
            if (!FixedPointText.TryParse(line.Value, decimals, out scaled))
            {
                return line.Fail(
                    BoardParseErrorKind.BadNumber,
                    QuotedText.Of(line.Value) + " is not a number with at most " + decimals.ToString() + " decimals");
            }

            return null;
        }

        public static BoardParseError ReadPolarity(BoardLine line, out PinPolarity polarity)
        {
            string word = AsciiCase.ToLower(line.Value);
            polarity = PinPolarity.ActiveHigh;
            if (word == "high")
            {
                return null;
            }

            if (word == "low")
            {
                polarity = PinPolarity.ActiveLow;
                return null;
            }

            return line.Fail(BoardParseErrorKind.BadWord, "polarity '" + line.Value + "' is invalid; use 'high' or 'low'");
        }

        /// <summary>A GPIO read as an analog input: must be an ADC1 GPIO.</summary>
        public static BoardParseError ReadAnalogPin(BoardLine line, out int gpio, out int adcChannel)
        {
            adcChannel = -1;
            BoardParseError error = ReadInt(line, 0, Esp32Pins.MaxGpio, out gpio);
            if (error != null)
            {
                return error;
            }

            adcChannel = Esp32Pins.Adc1ChannelOf(gpio);
            if (adcChannel >= 0 && !Esp32Pins.IsOnModulePads(gpio))
            {
                return line.Fail(
                    BoardParseErrorKind.ReservedPin,
                    "GPIO " + gpio.ToString() + " (ADC1 channel " + adcChannel.ToString()
                    + ") is not brought out on ESP32-WROOM-32 or ESP32-WROVER modules; use 36, 39, 32, 33, 34 or 35");
            }

            if (adcChannel >= 0)
            {
                return null;
            }

            int adc2 = Esp32Pins.Adc2ChannelOf(gpio);
            if (adc2 >= 0)
            {
                return line.Fail(
                    BoardParseErrorKind.Adc2Channel,
                    "GPIO " + gpio.ToString() + " is ADC2 channel " + adc2.ToString()
                    + ", which cannot be read while Wi-Fi is on; use an ADC1 GPIO (36, 39, 32, 33, 34, 35)");
            }

            return line.Fail(
                BoardParseErrorKind.NotAnAdc1Pin,
                "GPIO " + gpio.ToString() + " has no ADC1 channel; use 36, 39, 32, 33, 34 or 35");
        }

        /// <summary>A GPIO driven as a digital (or PWM/DAC) output.</summary>
        public static BoardParseError ReadOutputPin(BoardLine line, out int gpio)
        {
            BoardParseError error = ReadInt(line, 0, Esp32Pins.MaxGpio, out gpio);
            if (error != null)
            {
                return error;
            }

            string why = Esp32Pins.WhyNotOutput(gpio);
            if (why != null)
            {
                return line.Fail(BoardParseErrorKind.NotAnOutputPin, "GPIO " + gpio.ToString() + " cannot be an output: it " + why);
            }

            return null;
        }

        /// <summary>Comma-separated whole numbers, 1 to <paramref name="maxItems"/> of them.</summary>
        public static BoardParseError ReadIntList(BoardLine line, int min, int max, int maxItems, out int[] values)
        {
            values = null;
            string[] items = line.Value.Split(s_listSeparator);
            if (items.Length > maxItems)
            {
                return line.Fail(BoardParseErrorKind.OutOfRange, "at most " + maxItems.ToString() + " values allowed, found " + items.Length.ToString());
            }

            int[] result = new int[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                long scaled;
                string item = items[i].Trim();
                if (!FixedPointText.TryParse(item, 0, out scaled))
                {
                    return line.Fail(BoardParseErrorKind.BadNumber, "list item '" + item + "' is not a whole number");
                }

                if (scaled < min || scaled > max)
                {
                    return line.Fail(BoardParseErrorKind.OutOfRange, "list item " + item + " out of range " + min.ToString() + " to " + max.ToString());
                }

                result[i] = (int)scaled;
            }

            values = result;
            return null;
        }

        /// <summary>
        /// Calibration points <c>counts:value, counts:value, ...</c>: at least two, counts strictly
        /// increasing within 0..4095, values strictly increasing or strictly decreasing.
        /// </summary>
        public static BoardParseError ReadCalibration(BoardLine line, out CalibrationCurve curve)
        {
            curve = null;
            string[] items = line.Value.Split(s_listSeparator);
            if (items.Length < 2)
            {
                return line.Fail(BoardParseErrorKind.CalibrationTooFewPoints, "needs at least two points 'counts:value', found " + items.Length.ToString());
            }

            if (items.Length > CalibrationCurve.MaxPoints)
            {
                return line.Fail(BoardParseErrorKind.OutOfRange, "at most " + CalibrationCurve.MaxPoints.ToString() + " points allowed, found " + items.Length.ToString());
            }

            int[] counts = new int[items.Length];
            int[] values = new int[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i].Trim();
                int colon = item.IndexOf(':');
                long countsValue;
                long engineeringValue;
                if (colon <= 0
                    || colon == item.Length - 1
                    || !FixedPointText.TryParse(item.Substring(0, colon).Trim(), 0, out countsValue)
                    || !FixedPointText.TryParse(item.Substring(colon + 1).Trim(), 0, out engineeringValue))
                {
                    return line.Fail(BoardParseErrorKind.BadNumber, "point '" + item + "' is not 'counts:value' with whole numbers");
                }

                if (countsValue < 0 || countsValue > 4095 || engineeringValue < -100000000 || engineeringValue > 100000000)
                {
                    return line.Fail(BoardParseErrorKind.OutOfRange, "point '" + item + "' out of range (counts 0 to 4095, value within +-100000000)");
                }

                counts[i] = (int)countsValue;
                values[i] = (int)engineeringValue;
            }

            for (int i = 1; i < counts.Length; i++)
            {
                if (counts[i] <= counts[i - 1])
                {
                    return line.Fail(BoardParseErrorKind.CalibrationNotMonotonic, "calibration counts must strictly increase (point " + (i + 1).ToString() + ")");
                }

                bool rising = values[1] > values[0];
                if (values[i] == values[i - 1] || (values[i] > values[i - 1]) != rising)
                {
                    return line.Fail(BoardParseErrorKind.CalibrationNotMonotonic, "calibration values must be strictly monotonic (point " + (i + 1).ToString() + ")");
                }
            }

            curve = new CalibrationCurve(counts, values);
            return null;
        }

        /// <summary>The range in the key's unit, then <paramref name="hint"/> (empty, or what the value reads in another unit).</summary>
        private static BoardParseError OutOfRange(BoardLine line, string min, string max, string hint)
        {
            return line.Fail(BoardParseErrorKind.OutOfRange, "value " + line.Value + " out of range " + min + " to " + max + KeyUnit.After(line.Key) + hint);
        }

        /// <summary>
        /// A value that is not a whole number, refused in the key's unit; where it reads as a whole number of the key's unit
        /// within <paramref name="min"/> to <paramref name="max"/> when taken in the unit 1000 times larger (offset_mv = 1.225,
        /// volts), that reading is offered: "not a whole number" alone left the unit slip to be guessed.
        /// </summary>
        private static BoardParseError NotWhole(BoardLine line, long min, long max)
        {
            string problem = QuotedText.Of(line.Value) + " is not a whole number" + KeyUnit.Of(line.Key);
            string symbol = KeyUnit.SymbolOf(line.Key);
            string larger = symbol == null ? null : KeyUnit.LargerThan(symbol);
            long reading;
            if (larger != null && FixedPointText.TryParse(line.Value, KeyUnit.LargerDecimals, out reading) && reading >= min && reading <= max)
            {
                problem += KeyUnit.LooksLike(larger, reading.ToString(), symbol);
            }

            return line.Fail(BoardParseErrorKind.BadNumber, problem);
        }

        /// <summary>
        /// For a temperature key out of range (temperature_max_c = 318.2), its reading as kelvin in degC where that lies in
        /// range (45, truncated to the key's decimals), else empty.
        /// </summary>
        private static string KelvinReading(BoardLine line, int decimals, long min, long max)
        {
            long hundredthsKelvin;
            if (KeyUnit.SymbolOf(line.Key) != KeyUnit.Celsius || decimals > 2 || !FixedPointText.TryParse(line.Value, 2, out hundredthsKelvin))
            {
                return string.Empty;
            }

            long celsius = hundredthsKelvin - KeyUnit.ZeroCelsiusInHundredthsKelvin;
            for (int i = decimals; i < 2; i++)
            {
                celsius /= 10;
            }

            return celsius < min || celsius > max ? string.Empty : KeyUnit.LooksLike("K", FormatScaled(celsius, decimals), KeyUnit.Celsius);
        }

        /// <summary>A number scaled by 10^decimals as text with at most that many decimals, trailing zeros dropped.</summary>
        public static string FormatScaled(long scaled, int decimals) => DecimalText.Of(scaled, decimals);
    }
}
