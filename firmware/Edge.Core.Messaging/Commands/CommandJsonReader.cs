// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// A small strict JSON reader for command bodies: one flat object whose values are strings,
    /// numbers, true, false, null or flat arrays of those (only an array of strings keeps its items; the field
    /// a value is given for judges its type). Nested objects and arrays are refused where they
    /// start, so depth costs nothing and no recursion can overflow the stack. Duplicate fields, trailing
    /// commas, trailing data, control characters in strings, bad escapes and lone surrogates are refused;
    /// UTF-16 text and NUL bytes are named as such.
    /// Commands are rare: this reader allocates freely.
    /// </summary>
    public sealed partial class CommandJsonReader
    {
        /// <summary>Field name used when the payload as a whole is wrong.</summary>
        public const string PayloadField = "$";

        private const string IdField = "id";

        private readonly CommandLimits _limits;
        private readonly char[] _chars;
        private char[] _text;
        private int _position;
        private int _length;
        private bool _hasSurrogate;

        // The array item refused for its length, named by its place as the command's other step refusals are ("steps[1]"); -1 for none.
        private int _overlongItem;

        public CommandJsonReader(CommandLimits limits)
        {
            _limits = limits;
            _chars = new char[limits.MaximumStringChars];
        }

        /// <summary>Fills <paramref name="body"/>; on failure names the field and the problem.</summary>
        public bool TryRead(byte[] payload, int offset, int count, CommandBody body, out string errorField, out string error)
        {
            if (TryReadObject(payload, offset, count, body, out errorField, out error))
            {
                return true;
            }

            // Said in the sender's terms: UTF-16 text (a byte-order mark, or a NUL byte in every ASCII character) fails
            // wherever its first NUL or odd byte lands, and a C string's terminator reads as "data after the object".
            // JSON never holds a raw NUL, so a payload with one fails whatever else is wrong with it.
            if (count >= 2 && ((payload[offset] == 0xFF && payload[offset + 1] == 0xFE) || (payload[offset] == 0xFE && payload[offset + 1] == 0xFF)))
            {
                errorField = PayloadField;
                error = "starts with a UTF-16 byte-order mark: send the JSON as UTF-8";
                return false;
            }

            for (int i = offset; i < offset + count; i++)
            {
                if (payload[i] == 0)
                {
                    errorField = PayloadField;
                    error = "has a NUL byte at byte " + (i - offset).ToString() + ": send the JSON as UTF-8 text without NUL bytes (UTF-16 puts one in every ASCII character)";
                    return false;
                }
            }

            return false;
        }

        private bool TryReadObject(byte[] payload, int offset, int count, CommandBody body, out string errorField, out string error)
        {
            body.Clear();
            errorField = PayloadField;
            int badByte;
            _text = Utf8Text.Decode(payload, offset, count, out badByte);
            if (_text == null)
            {
                error = "not valid UTF-8 at byte " + badByte.ToString();
                return false;
            }

            _position = 0;
            _overlongItem = -1;
            SkipSpace();
            if (!Take('{'))
            {
                // Said in the sender's terms: an empty message is what clearing a retained command publishes, and a
                // byte-order mark is what some editors and tools put before UTF-8.
                error = _position >= _text.Length ? "is empty: a command is a JSON object with an \"id\""
                    : _text[_position] == '\uFEFF' ? "starts with a byte-order mark: send the JSON without it"
                    : IsComment() ? "must be a JSON object, found " + Found() + " at character " + _position.ToString()
                    : "must be a JSON object";
                return false;
            }

            SkipSpace();
            if (Take('}'))
            {
                return AtEnd(out error);
            }

            int comma = -1;
            while (true)
            {
                errorField = PayloadField;
                SkipSpace();
                if (Peek() != '"')
                {
                    error = comma >= 0 && Peek() == '}' ? TrailingComma(comma, '}') : Expected("a field name in double quotes");
                    return false;
                }

                string name;
                if (!TryReadString(out name, out error))
                {
                    return false;
                }

                if (name == null)
                {
                    error = "a field name " + OverlongRefusal(_limits.MaximumStringChars);
                    return false;
                }

                errorField = name;
                if (body.IndexOf(name) >= 0)
                {
                    error = "appears twice";
                    return false;
                }

                if (body.Count >= body.Capacity)
                {
                    errorField = PayloadField;
                    error = "more than " + body.Capacity.ToString() + " fields";
                    return false;
                }

                SkipSpace();
                if (!Take(':'))
                {
                    error = Expected("':' after the field name");
                    return false;
                }

                SkipSpace();
                if (!TryReadValue(name, body, out error))
                {
                    if (_overlongItem >= 0)
                    {
                        errorField = name + "[" + _overlongItem.ToString() + "]";
                    }

                    return false;
                }

                SkipSpace();
                if (Take(','))
                {
                    comma = _position - 1;
                    continue;
                }

                errorField = PayloadField;
                if (Take('}'))
                {
                    return AtEnd(out error);
                }

                error = Expected("',' or '}'");
                return false;
            }
        }

        private bool TryReadValue(string name, CommandBody body, out string error)
        {
            char c = Peek();
            string text;
            if (c == '"')
            {
                if (!TryReadString(out text, out error))
                {
                    return false;
                }

                if (text == null)
                {
                    // An id past every string's limit is past its own when that is shorter: that is the limit to name.
                    bool idLimit = name == IdField && _limits.MaximumIdChars < _limits.MaximumStringChars;
                    error = OverlongRefusal(idLimit ? _limits.MaximumIdChars : _limits.MaximumStringChars);
                    return false;
                }

                body.Add(name, JsonValueKind.String, text, null);
                return true;
            }

            JsonValueKind kind;
            if (TryReadScalar(out kind, out text, out error))
            {
                body.Add(name, kind, text, null);
                return true;
            }

            if (error != null)
            {
                return false;
            }

            if (c == '[')
            {
                string[] items;
                if (!TryReadArray(out items, out error))
                {
                    return false;
                }

                // Not refused here: whether an array of numbers is wrong, and how, is the field's to say ("module":[0]
                // "must be a number", "steps":[1] "array items must be strings").
                body.Add(name, items != null ? JsonValueKind.StringArray : JsonValueKind.OtherArray, null, items);
                return true;
            }

            error = c == '{' ? "nested objects are not allowed" : Expected("a value");
            return false;
        }

        /// <summary>
        /// Reads a flat array of scalars. <paramref name="items"/> holds its strings when every item is one, and is null
        /// when an item is a number, true, false or null. A nested array or object is refused where it starts.
        /// </summary>
        private bool TryReadArray(out string[] items, out string error)
        {
            items = null;
            _position++;
            string[] buffer = new string[_limits.MaximumArrayItems];
            bool allStrings = true;
            int count = 0;
            SkipSpace();
            if (Take(']'))
            {
                items = new string[0];
                error = null;
                return true;
            }

            int comma = -1;
            while (true)
            {
                SkipSpace();
                char c = Peek();
                if (comma >= 0 && c == ']')
                {
                    error = TrailingComma(comma, ']');
                    return false;
                }

                if (c == '[' || c == '{')
                {
                    error = "nested arrays and objects are not allowed";
                    return false;
                }

                if (count >= buffer.Length)
                {
                    error = "more than " + buffer.Length.ToString() + " items";
                    return false;
                }

                if (c == '"')
                {
                    if (!TryReadString(out buffer[count], out error))
                    {
                        return false;
                    }

                    if (buffer[count] == null)
                    {
                        error = OverlongRefusal(_limits.MaximumStringChars);
                        _overlongItem = count;
                        return false;
                    }
                }
                else if (!TrySkipScalar(out error))
                {
                    return false;
                }
                else
                {
                    allStrings = false;
                }

                count++;
                SkipSpace();
                if (Take(','))
                {
                    comma = _position - 1;
                    continue;
                }

                if (Take(']'))
                {
                    break;
                }

                error = Expected("',' or ']' in the array");
                return false;
            }

            error = null;
            if (!allStrings)
            {
                return true;
            }

            items = new string[count];
            for (int i = 0; i < count; i++)
            {
                items[i] = buffer[i];
            }

            return true;
        }

        /// <summary>Checks an array item that is a number, true, false or null.</summary>
        private bool TrySkipScalar(out string error)
        {
            JsonValueKind kind;
            string text;
            if (TryReadScalar(out kind, out text, out error))
            {
                return true;
            }

            if (error == null)
            {
                error = Expected("an array item");
            }

            return false;
        }
    }
}
