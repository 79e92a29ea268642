// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>Outcome of one command, as published on edge/&lt;id&gt;/cmd/result.</summary>
    public sealed class CommandReply
    {
        public CommandReply(string requestId, string verb, string errorField, string errorMessage)
        {
            RequestId = requestId;
            Verb = verb;
            ErrorField = errorField;
            ErrorMessage = errorMessage;
        }

        /// <summary>The request's id, or null when it had none or could not be read.</summary>
        public string RequestId { get; }

        public string Verb { get; }

        public bool Ok => ErrorMessage == null;

        /// <summary>The offending field ("$" for the payload as a whole, "verb" for the topic's verb).</summary>
        public string ErrorField { get; }

        public string ErrorMessage { get; }
    }
}
