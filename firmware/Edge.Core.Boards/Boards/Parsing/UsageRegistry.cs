// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Records which line claims which resource (a GPIO, a multiplexer input) and finds the first
    /// double claim: the pair whose later line comes earliest, reported at that later line.
    /// </summary>
    internal sealed class UsageRegistry
    {
        private readonly int[] _values;
        private readonly int[] _lines;
        private readonly string[] _owners;
        private int _count;

        public UsageRegistry(int capacity)
        {
            _values = new int[capacity];
            _lines = new int[capacity];
            _owners = new string[capacity];
        }

        /// <summary>Claims <paramref name="value"/> for <paramref name="owner"/> (e.g. "[module 0] switch_pin").</summary>
        public void Claim(int value, int line, string owner)
        {
            _values[_count] = value;
            _lines[_count] = line;
            _owners[_count] = owner;
            _count++;
        }

        /// <summary>The earliest double claim, or null. <paramref name="what"/> names the resource ("GPIO").</summary>
        public BoardParseError FindConflict(BoardParseErrorKind kind, string what)
        {
            int bestFirst = -1;
            int bestSecond = -1;
            for (int i = 0; i < _count; i++)
            {
                for (int j = i + 1; j < _count; j++)
                {
                    if (_values[i] != _values[j])
                    {
                        continue;
                    }

                    int first = _lines[i] <= _lines[j] ? i : j;
                    int second = first == i ? j : i;
                    if (bestSecond < 0 || _lines[second] < _lines[bestSecond])
                    {
                        bestFirst = first;
                        bestSecond = second;
                    }
                }
            }

            if (bestSecond < 0)
            {
                return null;
            }

            string owner = _owners[bestSecond];
            int space = owner.IndexOf("] ");
            string section = space < 0 ? owner : owner.Substring(0, space + 1);
            string key = space < 0 ? string.Empty : owner.Substring(space + 2);
            return new BoardParseError(
                _lines[bestSecond],
                kind,
                section,
                key,
                owner + ": " + what + " " + _values[bestSecond].ToString() + " used twice, also by "
                + _owners[bestFirst] + " on line " + _lines[bestFirst].ToString());
        }
    }
}
