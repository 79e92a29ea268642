// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.DeviceEvents
{
    /// <summary>
    /// The payload of <c>edge/&lt;id&gt;/device-event</c> (firmware/README.md):
    /// <c>{"v":1,"bootId","code","message","timeUtc","seq"}</c>, <c>timeUtc</c> the ISO 8601 UTC time the event was reported
    /// at, or null while the device's clock was not set (<see cref="UtcTimeText"/>); <c>seq</c> the event's number in its
    /// boot (<see cref="DeviceEvent.Seq"/>): the same bootId and seq twice is one event delivered twice. Text is escaped as
    /// every other message of the device's (<see cref="JsonByteWriter"/>), so a reader gets it back unchanged.
    /// </summary>
    public static class DeviceEventPayload
    {
        // The object's fixed text (names, quotes, commas, braces), the "v" and the longest time and seq: room enough
        // besides the escaped strings.
        private const int FixedBytes = 128;

        /// <summary>The UTF-8 payload of event <paramref name="seq"/> (<paramref name="code"/>) of boot <paramref name="bootId"/>, reported at <paramref name="timeUtc"/>.</summary>
        public static byte[] Encode(string bootId, long seq, string code, string message, DateTime timeUtc)
        {
            string bootText = bootId ?? string.Empty;
            string codeText = code ?? string.Empty;
            string messageText = message ?? string.Empty;
            int capacity = FixedBytes + JsonByteWriter.EscapedBytes(bootText, bootText.Length) + JsonByteWriter.EscapedBytes(codeText, codeText.Length)
                + JsonByteWriter.EscapedBytes(messageText, messageText.Length);
            JsonByteWriter writer = new JsonByteWriter();
            writer.Reset(new byte[capacity], 0, capacity);
            writer.BeginObject();
            writer.Number("v", 1);
            writer.String("bootId", bootText);
            writer.String("code", codeText);
            writer.String("message", messageText);
            string time = UtcTimeText.Format(timeUtc);
            if (time == null)
            {
                writer.Null("timeUtc");
            }
            else
            {
                writer.String("timeUtc", time);
            }

            writer.Number("seq", seq);
            writer.EndObject();

            // Exactly the message: a publish takes the whole array.
            byte[] payload = new byte[writer.Length];
            Array.Copy(writer.Buffer, 0, payload, 0, payload.Length);
            return payload;
        }
    }
}
