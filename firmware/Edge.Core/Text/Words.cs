// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Splits a line into its words at spaces and tabs, runs of them counting as one: protocol steps and console
    /// commands are typed by people, who do not count their blanks. A no-break space counts as a blank too: text copied
    /// from a document or a web page puts one between a number and its unit ("1 s", U+00A0, or the narrow U+202F).
    /// </summary>
    public static class Words
    {
        private static readonly char[] s_blanks = new char[] { ' ', '\t', '\u00A0', '\u202F' };

        /// <summary>The words of <paramref name="line"/>, without empty ones (none for an empty or blank line).</summary>
        public static string[] Of(string line)
        {
            string[] raw = line.Split(s_blanks);
            int count = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i].Length > 0)
                {
                    count++;
                }
            }

            string[] words = new string[count];
            int next = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i].Length > 0)
                {
                    words[next] = raw[i];
                    next++;
                }
            }

            return words;
        }
    }
}
