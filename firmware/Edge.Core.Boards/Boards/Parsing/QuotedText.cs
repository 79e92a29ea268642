// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// A line or value of a board or calibration file as an error message quotes it: in single quotes, and cut
    /// short when long, so that a file with no line breaks (or one in another encoding) gives a message of one
    /// line, not the whole file.
    /// </summary>
    internal static class QuotedText
    {
        /// <summary>Characters quoted at most; longer text keeps its start and ends in "...".</summary>
        public const int MaximumLength = 60;

        public static string Of(string text)
        {
            if (text.Length <= MaximumLength)
            {
                return "'" + text + "'";
            }

            return "'" + text.Substring(0, MaximumLength - 3) + "...' (" + text.Length.ToString() + " characters)";
        }
    }
}
