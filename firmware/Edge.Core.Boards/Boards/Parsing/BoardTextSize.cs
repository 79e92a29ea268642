// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// How many bytes a board text takes in UTF-8, the encoding of its file and of nanoFramework's string table, which
    /// holds the texts the firmware compiles in: a character up to U+007F takes one byte, up to U+07FF two, any other
    /// three, and a surrogate pair (a character beyond U+FFFF) four, two for each of its halves.
    /// </summary>
    internal static class BoardTextSize
    {
        public static int Utf8Bytes(string text)
        {
            int bytes = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '\u0080')
                {
                    bytes += 1;
                }
                else if (c < '\u0800' || (c >= '\uD800' && c <= '\uDFFF'))
                {
                    bytes += 2;
                }
                else
                {
                    bytes += 3;
                }
            }

            return bytes;
        }
    }
}
