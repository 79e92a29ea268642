// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Lower case for the ASCII letters only. string.ToLower follows the current culture on .NET: under Turkish
    /// "STRIP" becomes "strıp" (dotless i) and "MIN" "mın", so keywords typed in capitals would be refused on the
    /// simulator yet accepted by the device, whose nanoFramework lowers invariantly.
    /// </summary>
    public static class AsciiCase
    {
        /// <summary><paramref name="text"/> with A-Z lowered to a-z and every other character as it is.</summary>
        public static string ToLower(string text)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c >= 'A' && c <= 'Z')
                {
                    chars[i] = (char)(c + ('a' - 'A'));
                }
            }

            return new string(chars);
        }
    }
}
