// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// What the parser says about one place of a board text, refused (<see cref="BoardParseError"/>) or only flagged
    /// (<see cref="BoardWarning"/>): the 1-based line, the section and key concerned, and a message naming the problem.
    /// Both locate their place the same way, so a user reads an error and a warning alike.
    /// </summary>
    public abstract class BoardFinding
    {
        protected BoardFinding(int lineNumber, string section, string key, string message)
        {
            LineNumber = lineNumber;
            Section = section == null ? string.Empty : section;
            Key = key == null ? string.Empty : key;
            Message = message;
        }

        /// <summary>1-based line number in the board text; 0 when the finding is about something the text lacks (a section, a key).</summary>
        public int LineNumber { get; }

        /// <summary>Section as written, e.g. <c>[cell 2]</c>; empty when outside any section.</summary>
        public string Section { get; }

        /// <summary>Key concerned; empty for section-level findings.</summary>
        public string Key { get; }

        /// <summary>Human-readable description naming the key and the problem.</summary>
        public string Message { get; }
    }
}
