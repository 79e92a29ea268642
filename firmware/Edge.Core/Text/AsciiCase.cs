// Licensed under the MIT License.

namespace Edge.Core.Text
{
    /// <summary>
    /// Lower case for the ASCII letters only, and comparison in it. string.ToLower follows the current culture on .NET:
    /// under Turkish "STRIP" becomes "strıp" (dotless i) and "MIN" "mın", so keywords typed in capitals would be refused on the
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
                chars[i] = Lower(chars[i]);
            }

            return new string(chars);
        }

        /// <summary>
        /// The name among <paramref name="names"/> that <paramref name="text"/> spells in another (ASCII) case, or null: a
        /// refusal of a case-sensitive word names the spelling meant, as the sender is looking at the same word.
        /// </summary>
        public static string SameIgnoringCase(string text, string[] names)
        {
            for (int k = 0; k < names.Length; k++)
            {
                string name = names[k];
                if (name.Length != text.Length || name == text)
                {
                    continue;
                }

                bool same = true;
                for (int i = 0; i < name.Length && same; i++)
                {
                    same = Lower(name[i]) == Lower(text[i]);
                }

                if (same)
                {
                    return name;
                }
            }

            return null;
        }

        private static char Lower(char c) => c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
    }
}
