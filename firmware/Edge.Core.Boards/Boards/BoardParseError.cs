// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Why a board definition was rejected: the 1-based line (0 when the file as a whole lacks
    /// something), the section and key concerned, and a message naming the problem.
    /// </summary>
    public sealed class BoardParseError
    {
        public BoardParseError(int lineNumber, BoardParseErrorKind kind, string section, string key, string message)
        {
            LineNumber = lineNumber;
            Kind = kind;
            Section = section == null ? string.Empty : section;
            Key = key == null ? string.Empty : key;
            Message = message;
        }

        /// <summary>1-based line number in the board text; 0 for a missing section.</summary>
        public int LineNumber { get; }

        public BoardParseErrorKind Kind { get; }

        /// <summary>Section as written, e.g. <c>[cell 2]</c>; empty when outside any section.</summary>
        public string Section { get; }

        /// <summary>Key concerned; empty for section-level problems.</summary>
        public string Key { get; }

        /// <summary>Human-readable description naming the key and the problem.</summary>
        public string Message { get; }

        /// <summary>"line N: message", the form to show a user.</summary>
        public override string ToString()
        {
            return "line " + LineNumber.ToString() + ": " + Message;
        }
    }
}
