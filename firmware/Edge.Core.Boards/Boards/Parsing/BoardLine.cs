// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>One <c>key = value</c> line with where it stands, for values and error messages.</summary>
    internal sealed class BoardLine
    {
        public BoardLine(int number, string section, string key, string value)
        {
            Number = number;
            Section = section;
            Key = key;
            Value = value;
        }

        /// <summary>1-based line number.</summary>
        public int Number { get; }

        /// <summary>Section header as written, e.g. <c>[module 1]</c>.</summary>
        public string Section { get; }

        public string Key { get; }

        public string Value { get; }

        /// <summary>An error about this line's value; the message starts with section and key.</summary>
        public BoardParseError Fail(BoardParseErrorKind kind, string problem)
        {
            return new BoardParseError(Number, kind, Section, Key, Section + " " + Key + ": " + problem);
        }
    }
}
