// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes replies on cmd/result, never longer than <see cref="MaximumBytes"/>: the id, verb and error field are
    /// echoed from the command and the message may quote it, so each is bounded by the bytes of its escaped form.
    /// </summary>
    public static class CommandResultEncoder
    {
        /// <summary>
        /// Longest reply: the outbox slot of a module of one cell, the smallest slot there is. A reply that fits a slot
        /// is kept in the outbox until the broker acknowledges it and sent again after a reconnect.
        /// </summary>
        public const int MaximumBytes = PayloadBudget.FixedBytes + PayloadBudget.BytesPerCell;

        /// <summary>Most escaped bytes of the id: a 64-character id is echoed whole unless it holds control characters (6 bytes each).</summary>
        public const int MaximumIdBytes = 192;

        /// <summary>Most escaped bytes of the verb: 64 ASCII characters are echoed whole (the contract's longest verb has 11).</summary>
        public const int MaximumVerbBytes = 64;

        /// <summary>Most escaped bytes of the error field: a field name of 64 ASCII characters is echoed whole.</summary>
        public const int MaximumFieldBytes = 64;

        /// <summary>The message of the reply that stands in for one that did not fit the caller's buffer.</summary>
        public const string UnencodableMessage = "the reply did not fit the device's reply buffer";

        // ,"message":"  before the message and  "}}  after it.
        private const int MessageFrameBytes = 15;

        /// <summary>
        /// {"v":1,"id":..,"verb":..,"ok":true} or, with an error, "ok":false and "error":{"field","message"}.
        /// A null id (the request had none, or it was unreadable) encodes as null. Longer text is shortened (see
        /// <see cref="JsonByteWriter.String(string, string, int)"/>); the message gets the bytes the rest leaves.
        /// </summary>
        public static void Encode(JsonByteWriter writer, string requestId, string verb, string errorField, string errorMessage)
        {
            writer.BeginObject();
            writer.Number("v", MessageHeader.ContractVersion);
            writer.String("id", requestId, MaximumIdBytes);
            writer.String("verb", verb, MaximumVerbBytes);
            bool ok = errorMessage == null;
            writer.Boolean("ok", ok);
            if (!ok)
            {
                writer.Name("error");
                writer.BeginObject();
                writer.String("field", errorField, MaximumFieldBytes);
                writer.String("message", errorMessage, MaximumBytes - writer.Length - MessageFrameBytes);
                writer.EndObject();
            }

            writer.EndObject();
        }

        /// <summary>
        /// Encodes the reply into <paramref name="buffer"/> and returns its length. Every command is answered: should the
        /// reply not fit (a buffer shorter than <see cref="MaximumBytes"/>), a short refusal (field "$") with the id, or
        /// without it, stands in for it; -1 only when not even that fits.
        /// </summary>
        public static int EncodeInto(JsonByteWriter writer, byte[] buffer, string requestId, string verb, string errorField, string errorMessage)
        {
            writer.Reset(buffer, 0, buffer.Length);
            Encode(writer, requestId, verb, errorField, errorMessage);
            if (!writer.Overflowed)
            {
                return writer.Length;
            }

            writer.Reset(buffer, 0, buffer.Length);
            Encode(writer, requestId, null, "$", UnencodableMessage);
            if (!writer.Overflowed)
            {
                return writer.Length;
            }

            writer.Reset(buffer, 0, buffer.Length);
            Encode(writer, null, null, "$", UnencodableMessage);
            return writer.Overflowed ? -1 : writer.Length;
        }
    }
}
