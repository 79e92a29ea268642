// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Walks a board-syntax text (board files, per-unit calibration records) line by line: each
    /// <see cref="TryNext"/> gives the next line that holds a statement, without its <c>#</c>
    /// comment and surrounding blanks, and its 1-based number. Lines end in LF, CR LF or a lone CR: a file
    /// saved with CR line ends would otherwise be one line, and that one a comment when the file starts with one.
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
                statement = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
                if (statement.Length > 0)
                {
                    return true;
                }
            }

            statement = null;
            return false;
        }
    }
}
