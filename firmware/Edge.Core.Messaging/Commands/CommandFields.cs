// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Commands
{
    /// <summary>Typed access to the fields of a <see cref="CommandBody"/>, each failure naming the problem.</summary>
    public static class CommandFields
    {
        /// <summary>
        /// Reads an optional integer in [minimum, maximum]. Returns false with an error when present but
        /// not an integer in range; <paramref name="present"/> says whether the field was given.
        /// </summary>
        public static bool TryGetInteger(CommandBody body, string name, long minimum, long maximum, out long value, out bool present, out string error)
        {
            value = 0;
            string text;
            if (!TryGetNumberText(body, name, out text, out present, out error) || !present)
            {
                return error == null;
            }

            bool negative = text[0] == '-';
            int i = negative ? 1 : 0;

            // Accumulate negatively so that long.MinValue parses too; stop as soon as the range is left.
            long accumulated = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    error = NotAnIntegerMessage(text);
                    return false;
                }

                int digit = c - '0';
                if (accumulated < (long.MinValue + digit) / 10)
                {
                    error = OutOfRange(text, minimum, maximum);
                    return false;
                }

                accumulated = (accumulated * 10) - digit;
            }

            if (!negative && accumulated == long.MinValue)
            {
                error = OutOfRange(text, minimum, maximum);
                return false;
            }

            value = negative ? accumulated : -accumulated;
            if (value < minimum || value > maximum)
            {
                error = OutOfRange(text, minimum, maximum);
                return false;
            }

            return true;
        }

        /// <summary>
        /// "2 is out of range [-1, 1]": the number as sent, of any length, as the configuration's range refusals name theirs,
        /// so that a sender reads which value was refused without the request beside the reply.
        /// </summary>
        public static string OutOfRange(string sent, long minimum, long maximum)
            => sent + " is out of range [" + minimum.ToString() + ", " + maximum.ToString() + "]";

        /// <summary>
        /// The refusal of a value not among <paramref name="choices"/> (<c>"observe" or "act"</c>); one that is a choice in
        /// another case (<paramref name="meant"/>, else null) names it, as a step's unit in another case does.
        /// </summary>
        public static string ChoiceMessage(string choices, string meant)
            => "must be " + choices + (meant == null ? string.Empty : ": values are case-sensitive; write \"" + meant + "\"");

        /// <summary>
        /// Reads an optional 32-bit integer. A number beyond 32 bits, of any length, is not refused here: it comes back as
        /// the nearer of int.MinValue and int.MaxValue with <paramref name="beyond"/> set, so that the field's own check
        /// refuses it with the field's own range (every 32-bit command field is bounded well inside 32 bits) instead of
        /// the 32-bit type's, and the caller puts the number as sent back into that message.
        /// </summary>
        public static bool TryGetInt32(CommandBody body, string name, out int value, out bool present, out bool beyond, out string error)
        {
            value = 0;
            beyond = false;
            string text;
            if (!TryGetNumberText(body, name, out text, out present, out error) || !present)
            {
                return error == null;
            }

            bool negative = text[0] == '-';
            int i = negative ? 1 : 0;

            // The magnitude stops growing once past 2^31, beyond either end; the digits after it are still checked.
            const long Beyond = 2147483649L;
            long magnitude = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    error = NotAnIntegerMessage(text);
                    return false;
                }

                if (magnitude < Beyond)
                {
                    magnitude = (magnitude * 10) + (c - '0');
                }
            }

            if (negative)
            {
                beyond = magnitude > 2147483648L;
                value = beyond ? int.MinValue : (int)(-magnitude);
            }
            else
            {
                beyond = magnitude > int.MaxValue;
                value = beyond ? int.MaxValue : (int)magnitude;
            }

            return true;
        }

        /// <summary>
        /// The refusal of a number with a fraction or an exponent: a whole one (1000.0, 1e3) is told how to write it, as its
        /// value is not what is wrong; one that is not whole "must be an integer".
        /// </summary>
        private static string NotAnIntegerMessage(string text)
        {
            bool whole;
            string plain = JsonIntegerText.PlainForm(text, out whole);
            if (!whole)
            {
                return "must be an integer";
            }

            return text + " must be written without a fraction or exponent" + (plain != null ? ": send " + plain : string.Empty);
        }

        /// <summary>
        /// The text of an optional number field as sent (null when absent); false with an error when present with another type.
        /// </summary>
        private static bool TryGetNumberText(CommandBody body, string name, out string text, out bool present, out string error)
        {
            text = null;
            error = null;
            int index = body.IndexOf(name);
            present = index >= 0;
            if (!present)
            {
                return true;
            }

            if (body.KindAt(index) != JsonValueKind.Number)
            {
                // Home Assistant's and Node-RED's templates render values as text: "1" is named as a number in quotes.
                string sent = body.KindAt(index) == JsonValueKind.String ? body.TextAt(index) : null;
                error = sent != null && IsPlainNumber(sent) ? "must be a number: \"" + sent + "\" is in quotes, send " + sent : "must be a number";
                return false;
            }

            text = body.TextAt(index);
            return true;
        }

        /// <summary>Reads an optional string; false with an error when present with another type.</summary>
        public static bool TryGetString(CommandBody body, string name, out string value, out string error)
        {
            value = null;
            error = null;
            int index = body.IndexOf(name);
            if (index < 0)
            {
                return true;
            }

            if (body.KindAt(index) != JsonValueKind.String)
            {
                error = "must be a string";
                return false;
            }

            value = body.TextAt(index);
            return true;
        }

        /// <summary>Reads an optional boolean; <paramref name="present"/> says whether it was given.</summary>
        public static bool TryGetBoolean(CommandBody body, string name, out bool value, out bool present, out string error)
        {
            value = false;
            error = null;
            int index = body.IndexOf(name);
            present = index >= 0;
            if (!present)
            {
                return true;
            }

            JsonValueKind kind = body.KindAt(index);
            if (kind != JsonValueKind.True && kind != JsonValueKind.False)
            {
                string sent = kind == JsonValueKind.String ? body.TextAt(index) : null;
                error = sent == "true" || sent == "false" ? "must be true or false: \"" + sent + "\" is in quotes, send " + sent : "must be true or false";
                return false;
            }

            value = kind == JsonValueKind.True;
            return true;
        }

        /// <summary>
        /// True when <paramref name="text"/> is a JSON number (RFC 8259, section 6) of at most 24 characters, so that it can be
        /// quoted back and sent as it is without its quotes.
        /// </summary>
        private static bool IsPlainNumber(string text)
        {
            int i = text.Length > 0 && text[0] == '-' ? 1 : 0;
            int integerStart = i;
            i = SkipDigits(text, i);
            bool valid = text.Length <= 24 && i > integerStart && (text[integerStart] != '0' || i == integerStart + 1);
            if (valid && i < text.Length && text[i] == '.')
            {
                int fractionStart = i + 1;
                i = SkipDigits(text, fractionStart);
                valid = i > fractionStart;
            }

            if (valid && i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                int exponentStart = i;
                i = SkipDigits(text, exponentStart);
                valid = i > exponentStart;
            }

            return valid && i == text.Length;
        }

        private static int SkipDigits(string text, int i)
        {
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }

            return i;
        }

        /// <summary>The refusal of a field the command does not have.</summary>
        public const string UnknownField = "is not a field of this command";

        /// <summary>
        /// The refusal of <paramref name="name"/>, a field not in <paramref name="allowed"/> (<see cref="FirstUnknown"/>):
        /// one that is an allowed name in another case names that spelling, as the sender is looking at the same word.
        /// </summary>
        public static string UnknownFieldMessage(string name, string[] allowed)
        {
            if (name.Length == 0)
            {
                return UnknownField + ": a field name is empty";
            }

            string meant = AsciiCase.SameIgnoringCase(name, allowed);
            return meant == null ? UnknownField : UnknownField + ": names are case-sensitive, this one is \"" + meant + "\"";
        }

        /// <summary>Returns the first field not in <paramref name="allowed"/>, or null.</summary>
        public static string FirstUnknown(CommandBody body, string[] allowed)
        {
            for (int i = 0; i < body.Count; i++)
            {
                bool known = false;
                for (int k = 0; k < allowed.Length; k++)
                {
                    if (allowed[k] == body.NameAt(i))
                    {
                        known = true;
                        break;
                    }
                }

                if (!known)
                {
                    return body.NameAt(i);
                }
            }

            return null;
        }
    }
}
