// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Something a valid board does that a hardware review would flag: the board parses, the firmware
    /// lists its warnings at boot and the simulator with its results. Located as a
    /// <see cref="BoardParseError"/> is: line, section, key and a message that starts with them.
    /// </summary>
    public sealed class BoardWarning : BoardFinding
    {
        public BoardWarning(int lineNumber, BoardWarningKind kind, string section, string key, string message)
            : base(lineNumber, section, key, message)
        {
            Kind = kind;
        }

        public BoardWarningKind Kind { get; }

        /// <summary>"line N: warning: message".</summary>
        public override string ToString()
        {
            return "line " + LineNumber.ToString() + ": warning: " + Message;
        }
    }
}
