// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// JSON field names and fixed values as UTF-8 bytes, made once when an encoder's type is
    /// initialised. nanoCLR creates a new string object for every string literal it loads, so the
    /// encoders on the publish path write these arrays instead of literals.
    /// </summary>
    public static class JsonName
    {
        /// <summary>The bytes of <paramref name="ascii"/>, which must need no JSON escaping (letters, digits, '-', '_').</summary>
        public static byte[] Of(string ascii)
        {
            byte[] bytes = new byte[ascii.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            return bytes;
        }
    }
}
