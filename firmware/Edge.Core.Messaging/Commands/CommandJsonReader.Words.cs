// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Scalars that are not JSON, said in the sender's terms: the run of letters, digits, signs and points the sender
    /// wrote as one value (01, 0x1, NaN, True) is quoted back with what is wrong with it, under the field it was given for.
    /// </summary>
    public sealed partial class CommandJsonReader
    {
        /// <summary>Most characters of a malformed value quoted back in a refusal; a reply has room for a few dozen.</summary>
        private const int MaximumQuotedChars = 24;

        private const string NotANumberHint = ": JSON has no NaN or Infinity";
        private const string LiteralHint = ": true, false and null are lowercase, text is in double quotes";

        /// <summary>
        /// Reads a number, true, false or null at the current position. False with <paramref name="error"/> when what is
        /// there is a malformed number or an unknown word; false with <paramref name="error"/> null when it is neither
        /// (a quote, a bracket, a symbol, the end), for the caller to say in its own terms.
        /// </summary>
        private bool TryReadScalar(out JsonValueKind kind, out string text, out string error)
        {
            kind = JsonValueKind.Null;
            text = null;
            error = null;
            char c = Peek();
            if (c == '-' || c == '+' || c == '.' || IsDigit(c))
            {
                kind = JsonValueKind.Number;
                return TryReadNumber(out text, out error);
            }

            if (TakeWord("true"))
            {
                kind = JsonValueKind.True;
                return true;
            }

            if (TakeWord("false"))
            {
                kind = JsonValueKind.False;
                return true;
            }

            if (TakeWord("null"))
            {
                return true;
            }

            if (IsWordChar(c))
            {
                int end = EndOfWord(_position);
                error = IsNotANumberWord(_position, end) ? NumberRefusal(_position, end) : Quoted(_position, end) + " is not a JSON value" + LiteralHint;
            }

            return false;
        }

        /// <summary>What is wrong with the number the sender wrote from <paramref name="start"/> to <paramref name="end"/>.</summary>
        private string NumberRefusal(int start, int end)
        {
            string quoted = Quoted(start, end);
            int digits = _text[start] == '-' ? start + 1 : start;
            if (end - digits >= 2 && _text[digits] == '0' && IsDigit(_text[digits + 1]))
            {
                // A zero-padded counter or a form's "01000". The number without its zeros is suggested only when the rest
                // is plain digits (then it is a valid number) and short enough to quote whole.
                string refusal = quoted + " has a leading zero, which JSON numbers may not have";
                int first = digits;
                bool plain = true;
                for (int i = digits; i < end; i++)
                {
                    if (!IsDigit(_text[i]))
                    {
                        plain = false;
                    }
                }

                while (first < end - 1 && _text[first] == '0')
                {
                    first++;
                }

                if (plain && end - start <= MaximumQuotedChars)
                {
                    refusal += ": send " + (digits > start ? "-" : string.Empty) + new string(_text, first, end - first);
                }

                return refusal;
            }

            return quoted + " is not a JSON number" + (IsNotANumberWord(start, end) ? NotANumberHint : string.Empty);
        }

        // NaN and Infinity: what Python's json.dumps and JavaScript's String() write for a float that is not finite.
        private bool IsNotANumberWord(int start, int end)
        {
            if (start < end && (_text[start] == '-' || _text[start] == '+'))
            {
                start++;
            }

            return IsText(start, end, "NaN") || IsText(start, end, "Infinity");
        }

        private bool IsText(int start, int end, string word)
        {
            if (end - start != word.Length)
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (_text[start + i] != word[i])
                {
                    return false;
                }
            }

            return true;
        }

        private string Quoted(int start, int end)
            => end - start <= MaximumQuotedChars ? new string(_text, start, end - start) : new string(_text, start, MaximumQuotedChars) + JsonByteWriter.Ellipsis;

        private int EndOfWord(int start)
        {
            int end = start;
            while (end < _text.Length && IsWordChar(_text[end]))
            {
                end++;
            }

            return end;
        }

        /// <summary>"expected X at character N, found Y", for the current position.</summary>
        private string Expected(string what) => "expected " + what + " at character " + _position.ToString() + ", found " + Found();

        private static string TrailingComma(int comma, char closing)
            => "has a trailing comma at character " + comma.ToString() + ", before '" + closing.ToString() + "': remove it";

        /// <summary>What is at the current position, in the sender's terms: the end, a comment, a character.</summary>
        private string Found()
        {
            if (_position >= _text.Length)
            {
                return "the end of the payload (it is cut short)";
            }

            if (IsComment())
            {
                return "a comment (JSON has no comments)";
            }

            char c = _text[_position];
            if (c == '\'')
            {
                return "a single quote (JSON takes double quotes)";
            }

            // A character that prints as itself is quoted; another (a no-break space, a control character) is named by
            // its code point, as it would not be seen.
            return c > ' ' && c < 0x7F ? "'" + c.ToString() + "'" : "U+" + ((int)c).ToString("X4");
        }

        /// <summary>A raw control character in a string: which, where, and the escape JSON takes for it.</summary>
        private static string ControlCharacterRefusal(char c, int at)
        {
            string escape = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                : "\\u" + ((int)c).ToString("X4");
            return "has a control character, U+" + ((int)c).ToString("X4") + ", at character " + at.ToString() + ": write it escaped, as " + escape;
        }

        // "//" or "/*": JSON5 and JavaScript comments, which some configurations and templates carry.
        private bool IsComment()
            => _position + 1 < _text.Length && _text[_position] == '/' && (_text[_position + 1] == '/' || _text[_position + 1] == '*');

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        // What a sender writes as part of one number or word: a value ends at white space, ',', '}', ']' or a quote.
        private static bool IsWordChar(char c)
            => IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-' || c == '_';
    }
}
