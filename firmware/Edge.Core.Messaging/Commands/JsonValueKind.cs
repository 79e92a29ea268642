// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>Value types a command body may hold: flat JSON plus arrays of strings.</summary>
    public enum JsonValueKind : byte
    {
        String = 0,

        /// <summary>A number, kept as its JSON text so integers are checked exactly.</summary>
        Number = 1,
        True = 2,
        False = 3,
        Null = 4,
        StringArray = 5,
    }
}
