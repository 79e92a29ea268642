// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The blanks of board syntax, spaces and tabs, trimmed the same on every runtime: string.Trim takes a different set
    /// of Unicode spaces on .NET and on nanoFramework.
    /// </summary>
    internal static class Blanks
    {
        public static string Trim(string text)
        {
            int start = 0;
            int end = text.Length;
            while (start < end && IsBlank(text[start]))
            {
                start++;
            }

            while (end > start && IsBlank(text[end - 1]))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t';
        }
    }
}
