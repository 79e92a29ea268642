// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>Encodes replies on edge/&lt;id&gt;/cmd/result. Commands are rare; this path may allocate.</summary>
    public static class CommandResultEncoder
    {
        /// <summary>
        /// {"v":1,"id":..,"verb":..,"ok":true} or, with an error, "ok":false and "error":{"field","message"}.
        /// A null id (the request had none, or it was unreadable) encodes as null.
        /// </summary>
        public static void Encode(JsonByteWriter writer, string requestId, string verb, string errorField, string errorMessage)
        {
            writer.BeginObject();
            writer.Number("v", MessageHeader.ContractVersion);
            writer.String("id", requestId);
            writer.String("verb", verb);
            bool ok = errorMessage == null;
            writer.Boolean("ok", ok);
            if (!ok)
            {
                writer.Name("error");
                writer.BeginObject();
                writer.String("field", errorField);
                writer.String("message", errorMessage);
                writer.EndObject();
            }

            writer.EndObject();
        }
    }
}
