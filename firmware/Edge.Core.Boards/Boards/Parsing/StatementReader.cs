// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Walks a board-syntax text (board files, per-unit calibration records) line by line: each
    /// <see cref="TryNext"/> gives the next line that holds a statement, without its <c>#</c>
    /// comment and surrounding blanks, and its 1-based number. Lines end in LF, CR LF or a lone CR: a file
    /// saved with CR line ends would otherwise be one line, and that one a comment when the file starts with one.
    /// Statements are printable ASCII and tabs (<see cref="BadCharacter"/>), and only spaces and tabs around them are
    /// blanks: .NET's Trim and nanoFramework's take different sets of Unicode spaces, so one file read two ways
    /// (a no-break space after a value: accepted by the simulator, refused by the device), and a NUL, even in a
    /// comment, ends a nanoFramework string (the rest of the file lost).
    /// </summary>
    internal sealed class StatementReader
    {
        private static readonly char[] LineEnds = new char[] { '\n', '\r' };

        private readonly string _text;
        private int _start;

        public StatementReader(string text)
        {
            _text = text;
        }

        /// <summary>Number of the line <see cref="TryNext"/> returned last.</summary>
        public int LineNumber { get; private set; }

        /// <summary>
        /// The first character of the line <see cref="TryNext"/> returned last that a statement may not hold (outside
        /// printable ASCII and tab; a NUL or a backslash anywhere on the line, which the firmware build cannot embed), or
        /// -1 when there is none.
        /// </summary>
        public int BadCharacter { get; private set; }

        /// <summary>The problem with the last line's <see cref="BadCharacter"/>, for its error.</summary>
        public string BadCharacterProblem()
        {
            if (BadCharacter == '\\')
            {
                return "a backslash is allowed nowhere, not even in a comment: the firmware build embeds board files as text and cannot carry one unchanged";
            }

            return "character " + CodePoint(BadCharacter) + (BadCharacter == 0
                ? " (NUL) is allowed nowhere, not even in a comment: the device's text ends there"
                : " is not allowed outside a comment: statements are printable ASCII, and only spaces and tabs separate them");
        }

        /// <summary>"U+00A0": a character named in an error without writing it (it may not show, or end the text).</summary>
        public static string CodePoint(int character)
        {
            const string Digits = "0123456789ABCDEF";
            char[] text = new char[] { 'U', '+', Digits[(character >> 12) & 15], Digits[(character >> 8) & 15], Digits[(character >> 4) & 15], Digits[character & 15] };
            return new string(text);
        }

        /// <summary>The next non-empty statement, or false at the end of the text.</summary>
        public bool TryNext(out string statement)
        {
            // start == text.Length would only add an empty last line; stopping there also keeps
            // IndexOf and Substring away from a start index at the end of the string.
            while (_start < _text.Length)
            {
                int end = _text.IndexOfAny(LineEnds, _start);
                if (end < 0)
                {
                    end = _text.Length;
                }

                LineNumber++;
                string raw = _text.Substring(_start, end - _start);
                _start = end + 1;
                if (end + 1 < _text.Length && _text[end] == '\r' && _text[end + 1] == '\n')
                {
                    _start++;
                }

                int hash = raw.IndexOf('#');
                string code = hash >= 0 ? raw.Substring(0, hash) : raw;
                BadCharacter = -1;
                for (int i = 0; i < raw.Length && BadCharacter < 0; i++)
                {
                    char c = raw[i];
                    if (c == '\0' || c == '\\' || (i < code.Length && c != '\t' && (c < ' ' || c > '~')))
                    {
                        BadCharacter = c;
                    }
                }

                statement = Blanks.Trim(code);
                if (statement.Length > 0 || BadCharacter >= 0)
                {
                    return true;
                }
            }

            statement = null;
            return false;
        }
    }
}
