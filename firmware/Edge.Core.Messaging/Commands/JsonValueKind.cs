// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>Value types a command body may hold: flat JSON plus flat arrays.</summary>
    public enum JsonValueKind : byte
    {
        String = 0,

        /// <summary>A number, kept as its JSON text so integers are checked exactly.</summary>
        Number = 1,
        True = 2,
        False = 3,
        Null = 4,
        StringArray = 5,

        /// <summary>
        /// A flat array with an item that is not a string (<c>[0]</c>, <c>["a",true]</c>): read and checked, its items not
        /// kept. The field it is given for refuses it with its own type message, as it refuses any other wrong type.
        /// </summary>
        OtherArray = 6,
    }
}
