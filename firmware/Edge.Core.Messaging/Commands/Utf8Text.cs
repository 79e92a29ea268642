// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// Strict UTF-8 decoding: overlong forms, surrogate code points, values above U+10FFFF and truncated
    /// sequences are rejected rather than replaced, so a command means exactly what its bytes say.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>Decodes into a new char array; returns null and the byte position of the problem when invalid.</summary>
        public static char[] Decode(byte[] bytes, int offset, int count, out int errorPosition)
        {
            errorPosition = -1;
            char[] chars = new char[count];
            int length = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[length] = (char)b;
                    length++;
                    i++;
                    continue;
                }

                int need;
                int code;
                int minimum;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    need = 1;
                    code = b & 0x1F;
                    minimum = 0x80;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    need = 2;
                    code = b & 0x0F;
                    minimum = 0x800;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    need = 3;
                    code = b & 0x07;
                    minimum = 0x10000;
                }
                else
                {
                    errorPosition = i - offset;
                    return null;
                }

                if (i + need >= end)
                {
                    errorPosition = i - offset;
                    return null;
                }

                for (int k = 1; k <= need; k++)
                {
                    int next = bytes[i + k];
                    if ((next & 0xC0) != 0x80)
                    {
                        errorPosition = i - offset;
                        return null;
                    }

                    code = (code << 6) | (next & 0x3F);
                }

                if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                {
                    errorPosition = i - offset;
                    return null;
                }

                if (code >= 0x10000)
                {
                    code -= 0x10000;
                    chars[length] = (char)(0xD800 + (code >> 10));
                    chars[length + 1] = (char)(0xDC00 + (code & 0x3FF));
                    length += 2;
                }
                else
                {
                    chars[length] = (char)code;
                    length++;
                }

                i += need + 1;
            }

            if (length == count)
            {
                return chars;
            }

            char[] exact = new char[length];
            for (int k = 0; k < length; k++)
            {
                exact[k] = chars[k];
            }

            return exact;
        }
    }
}
