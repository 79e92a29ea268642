// Licensed under the MIT License.

using System;
using System.Text;
using Edge.Core;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;

namespace Edge.Firmware.Commands
{
    /// <summary>
    /// Commands from cmd/&lt;name&gt; into controller requests: start, stop and reset, each with
    /// a payload naming one module ("0", "1", ...) or all of them ("all" or empty). Requests take
    /// effect at the next tick boundary (the core's rule). Anything else is reported and ignored.
    /// </summary>
    /// <remarks>Stands in for the core's command parser until it lands in Edge.Core.Commands.</remarks>
    public sealed class CommandDispatcher : ICommandSink
    {
        private readonly EdgeController _controller;
        private readonly string _prefix;
        private readonly DeviceEventLog _events;

        /// <summary>Dispatches to <paramref name="controller"/> (null while the board is unusable: every command is refused).</summary>
        public CommandDispatcher(EdgeController controller, string commandPrefix, DeviceEventLog events)
        {
            _controller = controller;
            _prefix = commandPrefix ?? throw new ArgumentNullException(nameof(commandPrefix));
            _events = events ?? throw new ArgumentNullException(nameof(events));
        }

        /// <inheritdoc />
        public void OnMessage(string topic, byte[] payload)
        {
            string error = Dispatch(topic, payload == null ? string.Empty : Encoding.UTF8.GetString(payload, 0, payload.Length));
            if (error != null)
            {
                _events.Report("command-rejected", topic + ": " + error);
            }
        }

        /// <summary>Executes one command; returns null when done, else why it was refused.</summary>
        public string Dispatch(string topic, string payload)
        {
            if (topic == null || !topic.StartsWith(_prefix))
            {
                return "not a command topic";
            }

            if (_controller == null)
            {
                return "control loop not running";
            }

            int module;
            string target = payload.Trim();
            if (target.Length == 0 || target == "all")
            {
                module = -1;
            }
            else if (!int.TryParse(target, out module) || module < 0 || module >= _controller.Layout.ModuleCount)
            {
                return "payload must be a module index 0.." + (_controller.Layout.ModuleCount - 1).ToString() + " or 'all'";
            }

            string name = topic.Substring(_prefix.Length);
            switch (name)
            {
                case "start":
                    _controller.RequestStart(module);
                    return null;
                case "stop":
                    _controller.RequestStop(module);
                    return null;
                case "reset":
                    _controller.RequestFaultReset(module);
                    return null;
                default:
                    return "unknown command '" + name + "'";
            }
        }
    }
}
