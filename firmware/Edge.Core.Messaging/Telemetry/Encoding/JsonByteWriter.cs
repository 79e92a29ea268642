// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Writes compact UTF-8 JSON into a caller-owned byte array without allocating: integers are
    /// formatted digit by digit, strings are escaped in place. Running past the end sets
    /// <see cref="Overflowed"/> instead of throwing, so one check after a message is enough.
    /// The publish path names fields with UTF-8 arrays (<see cref="JsonName"/>); the string
    /// overloads are for rare messages (status, config, command replies).
    /// </summary>
    [HotPath]
    public sealed class JsonByteWriter
    {
        private static readonly byte[] s_null = JsonName.Of("null");
        private static readonly byte[] s_true = JsonName.Of("true");
        private static readonly byte[] s_false = JsonName.Of("false");
        private static readonly byte[] s_unicodeEscape = JsonName.Of("\\u00");
        private static readonly byte[] s_ellipsis = JsonName.Of(Ellipsis);

        /// <summary>What ends a string value shortened by <see cref="String(string, string, int)"/>.</summary>
        public const string Ellipsis = "...";

        private readonly byte[] _digits = new byte[20];
        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _position;
        private bool _needComma;

        /// <summary>Starts a new message at <paramref name="offset"/>, at most <paramref name="capacity"/> bytes.</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = offset + capacity;
            _needComma = false;
            Overflowed = false;
        }

        public byte[] Buffer => _buffer;

        public int Offset => _start;

        /// <summary>Bytes written since <see cref="Reset"/>.</summary>
        public int Length => _position - _start;

        /// <summary>True when a write did not fit; the message is then incomplete and must not be sent.</summary>
        public bool Overflowed { get; private set; }

        public void BeginObject()
        {
            Separator();
            Put((byte)'{');
            _needComma = false;
        }

        public void EndObject()
        {
            Put((byte)'}');
            _needComma = true;
        }

        public void BeginArray()
        {
            Separator();
            Put((byte)'[');
            _needComma = false;
        }

        public void EndArray()
        {
            Put((byte)']');
            _needComma = true;
        }

        /// <summary>Writes <c>"name":</c>; the next value follows without a comma.</summary>
        public void Name(string name)
        {
            Separator();
            PutQuoted(name);
            Put((byte)':');
            _needComma = false;
        }

        /// <summary>Writes <c>"name":</c> from UTF-8 bytes that need no escaping; the next value follows without a comma.</summary>
        public void Name(byte[] utf8Name)
        {
            Separator();
            Put((byte)'"');
            PutBytes(utf8Name);
            Put((byte)'"');
            Put((byte)':');
            _needComma = false;
        }

        public void Number(byte[] utf8Name, long value)
        {
            Name(utf8Name);
            NumberValue(value);
        }

        public void Boolean(byte[] utf8Name, bool value)
        {
            Name(utf8Name);
            BooleanValue(value);
        }

        public void String(byte[] utf8Name, string value)
        {
            Name(utf8Name);
            StringValue(value);
        }

        /// <summary>Writes <c>"name":"value"</c> with a value given as UTF-8 bytes that need no escaping.</summary>
        public void String(byte[] utf8Name, byte[] utf8Value)
        {
            Name(utf8Name);
            Separator();
            Put((byte)'"');
            PutBytes(utf8Value);
            Put((byte)'"');
            _needComma = true;
        }

        public void Null(byte[] utf8Name)
        {
            Name(utf8Name);
            PutBytes(s_null);
            _needComma = true;
        }

        public void Number(string name, long value)
        {
            Name(name);
            NumberValue(value);
        }

        public void String(string name, string value)
        {
            Name(name);
            StringValue(value);
        }

        /// <summary>
        /// Writes <c>"name":"value"</c> (or null) with at most <paramref name="maximumBytes"/> bytes between the quotes (at
        /// least the 3 of <see cref="Ellipsis"/>): a longer value is cut on a character boundary, never inside an escape
        /// or a surrogate pair, and ends in <see cref="Ellipsis"/>.
        /// </summary>
        public void String(string name, string value, int maximumBytes)
        {
            Name(name);
            Separator();
            if (value == null)
            {
                PutBytes(s_null);
            }
            else if (EscapedBytes(value, value.Length) <= maximumBytes)
            {
                PutQuoted(value);
            }
            else
            {
                Put((byte)'"');
                PutEscaped(value, PrefixWithin(value, maximumBytes - s_ellipsis.Length));
                PutBytes(s_ellipsis);
                Put((byte)'"');
            }

            _needComma = true;
        }

        /// <summary>Bytes the first <paramref name="end"/> characters of <paramref name="text"/> take escaped, quotes excluded.</summary>
        public static int EscapedBytes(string text, int end)
        {
            int total = 0;
            int i = 0;
            while (i < end)
            {
                int units;
                total += CharacterBytes(text, i, out units);
                i += units;
            }

            return total;
        }

        public void Boolean(string name, bool value)
        {
            Name(name);
            BooleanValue(value);
        }

        public void Null(string name)
        {
            Name(name);
            PutBytes(s_null);
            _needComma = true;
        }

        public void NumberValue(long value)
        {
            Separator();
            ulong magnitude;
            if (value < 0)
            {
                Put((byte)'-');

                // -(value + 1) + 1 avoids overflowing on long.MinValue.
                magnitude = (ulong)(-(value + 1)) + 1;
            }
            else
            {
                magnitude = (ulong)value;
            }

            int count = 0;
            do
            {
                _digits[count] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
                count++;
            }
            while (magnitude != 0);

            while (count > 0)
            {
                count--;
                Put(_digits[count]);
            }

            _needComma = true;
        }

        /// <summary>Writes value / 10^decimals as a decimal number, trailing zeros trimmed (e.g. 3848, 4 -> 0.3848).</summary>
        public void FixedPointValue(long value, int decimals)
        {
            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            bool negative = value < 0;
            long magnitude = negative ? -value : value;
            long whole = magnitude / scale;
            long fraction = magnitude % scale;
            if (negative)
            {
                Separator();
                Put((byte)'-');
                _needComma = false;
            }

            NumberValue(whole);
            if (fraction == 0)
            {
                return;
            }

            Put((byte)'.');
            int digits = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            long divisor = 1;
            for (int i = 1; i < digits; i++)
            {
                divisor *= 10;
            }

            while (divisor > 0)
            {
                Put((byte)('0' + (int)(fraction / divisor % 10)));
                divisor /= 10;
            }
        }

        public void StringValue(string value)
        {
            Separator();
            if (value == null)
            {
                PutBytes(s_null);
            }
            else
            {
                PutQuoted(value);
            }

            _needComma = true;
        }

        public void BooleanValue(bool value)
        {
            Separator();
            PutBytes(value ? s_true : s_false);
            _needComma = true;
        }

        private void Separator()
        {
            if (_needComma)
            {
                Put((byte)',');
                _needComma = false;
            }
        }

        private void PutBytes(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                Put(bytes[i]);
            }
        }

        private void PutQuoted(string text)
        {
            Put((byte)'"');
            PutEscaped(text, text.Length);
            Put((byte)'"');
        }

        // The longest prefix (in UTF-16 units) whose escaped form fits the budget; a surrogate pair stays whole.
        private static int PrefixWithin(string text, int maximumBytes)
        {
            int total = 0;
            int i = 0;
            while (i < text.Length)
            {
                int units;
                int bytes = CharacterBytes(text, i, out units);
                if (total + bytes > maximumBytes)
                {
                    break;
                }

                total += bytes;
                i += units;
            }

            return i;
        }

        // Must agree with PutEscaped character for character: the reply bounds rest on it.
        private static int CharacterBytes(string text, int i, out int units)
        {
            units = 1;
            int c = text[i];
            if (c == '"' || c == '\\')
            {
                return 2;
            }

            if (c < 0x20)
            {
                return 6;
            }

            if (c < 0x80)
            {
                return 1;
            }

            if (c < 0x800)
            {
                return 2;
            }

            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                units = 2;
                return 4;
            }

            return 3;
        }

        private void PutEscaped(string text, int end)
        {
            for (int i = 0; i < end; i++)
            {
                int c = text[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    PutBytes(s_unicodeEscape);
                    Put(Hex(c >> 4));
                    Put(Hex(c & 0xF));
                }
                else if (c < 0x80)
                {
                    Put((byte)c);
                }
                else if (c < 0x800)
                {
                    Put((byte)(0xC0 | (c >> 6)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    int code = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    Put((byte)(0xF0 | (code >> 18)));
                    Put((byte)(0x80 | ((code >> 12) & 0x3F)));
                    Put((byte)(0x80 | ((code >> 6) & 0x3F)));
                    Put((byte)(0x80 | (code & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate has no UTF-8 form: write the replacement character.
                    Put(0xEF);
                    Put(0xBF);
                    Put(0xBD);
                }
                else
                {
                    Put((byte)(0xE0 | (c >> 12)));
                    Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
            }
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

        private void Put(byte value)
        {
            if (_position < _end)
            {
                _buffer[_position] = value;
                _position++;
            }
            else
            {
                Overflowed = true;
            }
        }
    }
}
