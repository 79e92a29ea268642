// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>Why a configuration was rejected: the field (dotted path) and the problem.</summary>
    public sealed class ConfigurationError
    {
        public ConfigurationError(string field, string message)
        {
            Field = field;
            Message = message;
        }

        /// <summary>Dotted path of the offending field, e.g. "protocol.maximumRestMs".</summary>
        public string Field { get; }

        public string Message { get; }

        public override string ToString() => Field + ": " + Message;
    }
}
