// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Something a valid board does that a hardware review would flag: the board parses, the firmware
    /// lists its warnings at boot and the simulator with its results. Same shape as
    /// <see cref="BoardParseError"/>: line, section, key and a message that starts with them.
    /// </summary>
    public sealed class BoardWarning
    {
        public BoardWarning(int lineNumber, BoardWarningKind kind, string section, string key, string message)
        {
            LineNumber = lineNumber;
            Kind = kind;
            Section = section == null ? string.Empty : section;
            Key = key == null ? string.Empty : key;
            Message = message;
        }

        /// <summary>1-based line number; 0 when the warning is about something the board lacks.</summary>
        public int LineNumber { get; }

        public BoardWarningKind Kind { get; }

        public string Section { get; }

        public string Key { get; }

        public string Message { get; }

        /// <summary>"line N: warning: message".</summary>
        public override string ToString()
        {
            return "line " + LineNumber.ToString() + ": warning: " + Message;
        }
    }
}
