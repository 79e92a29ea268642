// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Why a board definition was rejected: the 1-based line (0 when the file as a whole lacks
    /// something), the section and key concerned, and a message naming the problem.
    /// </summary>
    public sealed class BoardParseError : BoardFinding
    {
        public BoardParseError(int lineNumber, BoardParseErrorKind kind, string section, string key, string message)
            : base(lineNumber, section, key, message)
        {
            Kind = kind;
        }

        public BoardParseErrorKind Kind { get; }

        /// <summary>"line N: message", the form to show a user.</summary>
        public override string ToString()
        {
            return "line " + LineNumber.ToString() + ": " + Message;
        }
    }
}
