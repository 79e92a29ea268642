// Licensed under the MIT License.

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// Turns the bytes a UART delivers into characters, one byte at a time, keeping a character's first bytes until
    /// its last arrives: a read may end inside a multi-byte UTF-8 character (an accented letter, a degree sign, an en
    /// dash), and the next read brings the rest. Bytes that are not UTF-8 become U+FFFD, one for each maximal invalid
    /// part as .NET's <c>Encoding.UTF8</c> decodes a whole text, so the characters do not depend on where the reads split.
    /// A character beyond U+FFFF comes as its two UTF-16 halves, as a string holds it.
    /// </summary>
    public sealed class ConsoleUtf8Decoder
    {
        /// <summary>What a byte that is not part of valid UTF-8 becomes.</summary>
        public const char Replacement = '\uFFFD';

        private int _value;
        private int _needed;

        // The range the next byte must lie in: only the second byte of E0, ED, F0 and F4 has a narrower one (no
        // overlong forms, no UTF-16 surrogates, nothing beyond U+10FFFF).
        private int _lowest = 0x80;
        private int _highest = 0xBF;

        /// <summary>
        /// Takes byte <paramref name="b"/>; writes the characters it completes into <paramref name="chars"/> (at least 2
        /// long) and returns how many (0 while a character is incomplete, 2 for a character beyond U+FFFF or for a
        /// replacement followed by the byte that broke the sequence).
        /// </summary>
        public int Add(byte b, char[] chars)
        {
            if (_needed > 0)
            {
                if (b >= _lowest && b <= _highest)
                {
                    _value = (_value << 6) | (b & 0x3F);
                    _needed--;
                    _lowest = 0x80;
                    _highest = 0xBF;
                    return _needed > 0 ? 0 : Complete(chars);
                }

                // The sequence so far is one invalid part; the byte that ended it starts afresh.
                _needed = 0;
                _lowest = 0x80;
                _highest = 0xBF;
                chars[0] = Replacement;
                return 1 + Start(b, chars, 1);
            }

            return Start(b, chars, 0);
        }

        private int Start(byte b, char[] chars, int at)
        {
            if (b < 0x80)
            {
                chars[at] = (char)b;
                return 1;
            }

            if (b >= 0xC2 && b <= 0xDF)
            {
                _value = b & 0x1F;
                _needed = 1;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                _value = b & 0x0F;
                _needed = 2;
                _lowest = b == 0xE0 ? 0xA0 : 0x80;
                _highest = b == 0xED ? 0x9F : 0xBF;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                _value = b & 0x07;
                _needed = 3;
                _lowest = b == 0xF0 ? 0x90 : 0x80;
                _highest = b == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                // A continuation byte with no start, C0, C1 or F5-FF: never UTF-8.
                chars[at] = Replacement;
                return 1;
            }

            return 0;
        }

        private int Complete(char[] chars)
        {
            if (_value < 0x10000)
            {
                chars[0] = (char)_value;
                return 1;
            }

            int above = _value - 0x10000;
            chars[0] = (char)(0xD800 + (above >> 10));
            chars[1] = (char)(0xDC00 + (above & 0x3FF));
            return 2;
        }
    }
}
