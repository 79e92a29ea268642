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
        // nanoCLR keeps a string as UTF-8: its Length counts the characters from the start, and text[i] counts them to
        // i, so a loop over text[i] is quadratic (a 16 KB board would take seconds at boot). Copying it out a chunk at a
        // time keeps the count linear and each boot-time array small.
        private const int ChunkChars = 256;

        public static int Utf8Bytes(string text)
        {
            int length = text.Length;
            int bytes = 0;
            for (int start = 0; start < length; start += ChunkChars)
            {
                int count = length - start < ChunkChars ? length - start : ChunkChars;
                char[] chunk = text.ToCharArray(start, count);
                for (int i = 0; i < chunk.Length; i++)
                {
                    char c = chunk[i];
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
            }

            return bytes;
        }
    }
}
