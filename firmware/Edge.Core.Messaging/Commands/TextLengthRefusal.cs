// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// The refusal of a string past its limit, in terms the sender can check: how long it was as counted, and the limit.
    /// Lengths count UTF-16 code units (CONTRACT.md, Commands), so a sender counting characters finds fewer when the text
    /// holds an emoji: that is said when it does.
    /// </summary>
    public static class TextLengthRefusal
    {
        /// <summary>"is N characters long, more than M", and how a character outside the Basic Multilingual Plane counts.</summary>
        public static string Of(int lengthChars, int maximumChars, bool hasSurrogate)
            => "is " + lengthChars.ToString() + " characters long, more than " + maximumChars.ToString()
                + (hasSurrogate ? " (a character outside the Basic Multilingual Plane, such as an emoji, counts as two)" : string.Empty);

        /// <summary>True when <paramref name="text"/> holds half of a surrogate pair.</summary>
        public static bool HasSurrogate(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (IsSurrogate(text[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for either half of a surrogate pair (U+D800 to U+DFFF).</summary>
        public static bool IsSurrogate(char c) => c >= 0xD800 && c <= 0xDFFF;
    }
}
