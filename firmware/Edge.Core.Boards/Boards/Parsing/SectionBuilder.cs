// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Collects the keys of one <c>[section]</c>: rejects unknown and repeated keys, remembers the
    /// line of each key for later cross-checks, and reports required keys that never came.
    /// </summary>
    internal abstract class SectionBuilder
    {
        private readonly string[] _allowedKeys;
        private readonly string[] _requiredKeys;
        private readonly string[] _seenKeys;
        private readonly int[] _seenLines;
        private int _seenCount;

        /// <summary>
        /// A section that takes the keys of <paramref name="allowedKeys"/> and needs those of <paramref name="requiredKeys"/>
        /// (each section's own static lists, shared by all its instances).
        /// </summary>
        protected SectionBuilder(string header, int headerLine, int index, string[] allowedKeys, string[] requiredKeys)
        {
            Header = header;
            HeaderLine = headerLine;
            Index = index;
            _allowedKeys = allowedKeys;
            _requiredKeys = requiredKeys;
            _seenKeys = new string[allowedKeys.Length];
            _seenLines = new int[allowedKeys.Length];
        }

        /// <summary>Header as written, e.g. <c>[cell 2]</c>.</summary>
        public string Header { get; }

        public int HeaderLine { get; }

        /// <summary>Section index (cell/module/temperature number), 0 for unindexed sections.</summary>
        public int Index { get; }

        /// <summary>Checks the key is allowed and new, then stores its value.</summary>
        public BoardParseError Accept(BoardLine line)
        {
            if (!Contains(_allowedKeys, line.Key))
            {
                return new BoardParseError(
                    line.Number,
                    BoardParseErrorKind.UnknownKey,
                    Header,
                    line.Key,
                    Header + ": unknown key '" + line.Key + "'; allowed: " + ListKeys(_allowedKeys));
            }

            int previousLine = LineOf(line.Key);
            if (previousLine > 0)
            {
                return line.Fail(BoardParseErrorKind.DuplicateKey, "duplicate key, first set on line " + previousLine.ToString());
            }

            _seenKeys[_seenCount] = line.Key;
            _seenLines[_seenCount] = line.Number;
            _seenCount++;
            return Apply(line);
        }

        /// <summary>The first required key that is missing, reported at the section header.</summary>
        public BoardParseError CheckRequired()
        {
            string[] required = _requiredKeys;
            for (int i = 0; i < required.Length; i++)
            {
                if (LineOf(required[i]) == 0)
                {
                    return MissingKey(required[i], string.Empty);
                }
            }

            return null;
        }

        /// <summary>Line where <paramref name="key"/> was set, or 0.</summary>
        public int LineOf(string key)
        {
            for (int i = 0; i < _seenCount; i++)
            {
                if (_seenKeys[i] == key)
                {
                    return _seenLines[i];
                }
            }

            return 0;
        }

        public bool Has(string key)
        {
            return LineOf(key) > 0;
        }

        public BoardParseError MissingKey(string key, string reason)
        {
            return new BoardParseError(
                HeaderLine,
                BoardParseErrorKind.MissingKey,
                Header,
                key,
                Header + ": missing required key '" + key + "'" + reason);
        }

        /// <summary>An error about the value of a key already seen, at that key's line.</summary>
        public BoardParseError FailAt(string key, BoardParseErrorKind kind, string problem)
        {
            int line = LineOf(key);
            return new BoardParseError(line == 0 ? HeaderLine : line, kind, Header, key, Header + " " + key + ": " + problem);
        }

        protected abstract BoardParseError Apply(BoardLine line);

        private static bool Contains(string[] keys, string key)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        private static string ListKeys(string[] keys)
        {
            string text = string.Empty;
            for (int i = 0; i < keys.Length; i++)
            {
                text = i == 0 ? keys[i] : text + ", " + keys[i];
            }

            return text;
        }
    }
}
