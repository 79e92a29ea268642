// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>The warnings of one parse, kept in line order (start-up code: it may allocate).</summary>
    internal sealed class WarningList
    {
        private BoardWarning[] _items = new BoardWarning[8];
        private int _count;

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds a warning about <paramref name="key"/> of <paramref name="section"/> (line 0: about something missing).</summary>
        public void Add(int line, BoardWarningKind kind, string section, string key, string problem)
        {
            string where = key.Length == 0 ? section : section + " " + key;
            Insert(new BoardWarning(line, kind, section, key, where + ": " + problem));
        }

        /// <summary>The warnings, ordered by line (missing sections, line 0, first).</summary>
        public BoardWarning[] ToArray()
        {
            BoardWarning[] result = new BoardWarning[_count];
            for (int i = 0; i < _count; i++)
            {
                result[i] = _items[i];
            }

            return result;
        }

        private void Insert(BoardWarning warning)
        {
            if (_count == _items.Length)
            {
                BoardWarning[] larger = new BoardWarning[_items.Length * 2];
                for (int i = 0; i < _count; i++)
                {
                    larger[i] = _items[i];
                }

                _items = larger;
            }

            // Stable insertion by line: checks run per rule, readers want the file's order.
            int position = _count;
            while (position > 0 && _items[position - 1].LineNumber > warning.LineNumber)
            {
                _items[position] = _items[position - 1];
                position--;
            }

            _items[position] = warning;
            _count++;
        }
    }
}
