// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Checks the PEM text of a certificate or key from the device settings before it reaches the TLS stack,
    /// which on the device only fails at connect time and without saying which setting was wrong. A PEM block
    /// is "-----BEGIN &lt;label&gt;-----", base64 lines, "-----END &lt;label&gt;-----"; the base64 must decode to one
    /// DER SEQUENCE whose length field accounts for every byte. That catches truncated pastes, a key where a
    /// certificate belongs, stray characters and mixed-up blocks; it does not check the certificate's content
    /// (dates, issuer), which the TLS handshake does.
    /// </summary>
    public static class PemText
    {
        /// <summary>Label of an X.509 certificate block.</summary>
        public const string Certificate = "CERTIFICATE";

        private const string Dashes = "-----";

        /// <summary>
        /// Validates <paramref name="text"/> as exactly one PEM block of one of <paramref name="labels"/>;
        /// null when it is one, otherwise what is wrong.
        /// </summary>
        public static string Check(string text, string[] labels)
        {
            if (text == null || text.Trim().Length == 0)
            {
                return "is empty";
            }

            string trimmed = text.Trim();
            string label = null;
            for (int i = 0; i < labels.Length && label == null; i++)
            {
                if (trimmed.StartsWith(Dashes + "BEGIN " + labels[i] + Dashes))
                {
                    label = labels[i];
                }
            }

            if (label == null)
            {
                return "must start with -----BEGIN " + labels[0] + "-----";
            }

            string begin = Dashes + "BEGIN " + label + Dashes;
            string end = Dashes + "END " + label + Dashes;
            int endAt = trimmed.IndexOf(end);
            if (endAt < 0)
            {
                return "has no -----END " + label + "----- line (truncated?)";
            }

            if (endAt + end.Length != trimmed.Length)
            {
                return "has text after -----END " + label + "-----";
            }

            string body = RemoveWhitespace(trimmed.Substring(begin.Length, endAt - begin.Length));
            if (body.Length == 0)
            {
                return "has no base64 data between its BEGIN and END lines";
            }

            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
                if (!ok)
                {
                    return "has a character that is not base64 ('" + c.ToString() + "') in its data";
                }
            }

            if (body.Length % 4 != 0)
            {
                return "has base64 data whose length is not a multiple of 4 (truncated?)";
            }

            byte[] der;
            try
            {
                der = Convert.FromBase64String(body);
            }
            catch (Exception)
            {
                return "has base64 data that does not decode";
            }

            return CheckDer(der);
        }

        /// <summary>The PEM text with its line breaks normalised to "\n" and a final newline (what mbedTLS parses).</summary>
        public static string Normalise(string text)
        {
            string[] lines = text.Trim().Split('\n');
            string result = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length > 0)
                {
                    result += line + "\n";
                }
            }

            return result;
        }

        // One DER SEQUENCE (tag 0x30) whose definite length covers the rest exactly.
        private static string CheckDer(byte[] der)
        {
            if (der.Length < 2 || der[0] != 0x30)
            {
                return "does not hold DER data (it must start with an ASN.1 SEQUENCE)";
            }

            int length;
            int header;
            int first = der[1];
            if (first < 0x80)
            {
                length = first;
                header = 2;
            }
            else
            {
                int count = first & 0x7F;
                if (count < 1 || count > 3 || der.Length < 2 + count)
                {
                    return "holds DER data with an invalid length field";
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | der[2 + i];
                }

                header = 2 + count;
            }

            if (header + length != der.Length)
            {
                return "holds " + der.Length.ToString() + " bytes of DER data but its SEQUENCE says " + (header + length).ToString() + " (truncated or padded?)";
            }

            return null;
        }

        private static string RemoveWhitespace(string text)
        {
            char[] kept = new char[text.Length];
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                {
                    kept[count] = c;
                    count++;
                }
            }

            return new string(kept, 0, count);
        }
    }
}
