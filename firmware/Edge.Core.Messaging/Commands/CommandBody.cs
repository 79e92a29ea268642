// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>The fields of one parsed command: a flat JSON object whose values are scalars or flat arrays (the items kept for an array of strings only).</summary>
    public sealed class CommandBody
    {
        private readonly string[] _names;
        private readonly JsonValueKind[] _kinds;
        private readonly string[] _texts;
        private readonly string[][] _arrays;

        public CommandBody(int maximumFields)
        {
            _names = new string[maximumFields];
            _kinds = new JsonValueKind[maximumFields];
            _texts = new string[maximumFields];
            _arrays = new string[maximumFields][];
        }

        public int Count { get; private set; }

        public int Capacity => _names.Length;

        public string NameAt(int index) => _names[index];

        public JsonValueKind KindAt(int index) => _kinds[index];

        /// <summary>String value, or the number's JSON text.</summary>
        public string TextAt(int index) => _texts[index];

        public string[] ArrayAt(int index) => _arrays[index];

        /// <summary>Index of a field, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                _names[i] = null;
                _texts[i] = null;
                _arrays[i] = null;
            }

            Count = 0;
        }

        internal void Add(string name, JsonValueKind kind, string text, string[] array)
        {
            _names[Count] = name;
            _kinds[Count] = kind;
            _texts[Count] = text;
            _arrays[Count] = array;
            Count++;
        }
    }
}
