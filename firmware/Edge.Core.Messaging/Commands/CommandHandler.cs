// Licensed under the MIT License.

using System;
using Edge.Core.Configuration;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Text;

namespace Edge.Core.Commands
{
    /// <summary>
    /// Reads, validates and applies commands from edge/&lt;id&gt;/cmd/&lt;verb&gt; (network thread). A command
    /// either passes every check and is handed to the controller, which applies it at the next tick
    /// boundary, or it is rejected with the offending field and NOTHING changes. Verbs: start, stop,
    /// resetFault, setMode, setProtocol, getConfig; "result" is the reply topic and is ignored.
    /// Idempotent: a command whose id is among the last <see cref="CommandLimits.ReplayWindow"/> handled
    /// is answered with its original reply and not executed again; a retained command (the broker's
    /// retain flag set on delivery: a stored message replayed on subscribing) is never executed, and its refusal is
    /// remembered under its id the same way, so the broker's next replay of it, or a live copy, is a repeat.
    /// </summary>
    public sealed class CommandHandler
    {
        public const string ResultVerb = "result";

        /// <summary>The error "field" of a reply to a retained command (it is the delivery, not a field, that is wrong).</summary>
        public const string RetainField = "retain";

        /// <summary>The error field of a command the device did not get to execute (the whole command).</summary>
        public const string NotExecutedField = "$";

        /// <summary>
        /// Longest verb echoed in a reply (characters). Every verb the device knows is shorter; a longer one is refused as
        /// unknown and echoed as its first 32 characters and "...", since a topic may be 64 KB long.
        /// </summary>
        public const int MaximumVerbChars = 32;

        private const string RetainedMessage = "retained command not executed: commands must not be retained; clear it by publishing an empty retained message to this topic";
        private const string UncalibratedMessage = "the unit is not calibrated (its readings go through the board's nominal curves): it observes only and no module starts; calibrate the unit first";
        private const string ReusedIdMessage = "was already used by a different recent command; send each command with a new id";

        private static readonly string[] s_moduleFields = new string[] { "id", "module" };
        private static readonly string[] s_modeFields = new string[] { "id", "mode" };
        private static readonly string[] s_idOnly = new string[] { "id" };
        private static readonly string[] s_verbs = new string[] { "start", "stop", "resetFault", "setMode", "setProtocol", "getConfig" };

        private readonly EdgeController _controller;
        private readonly CommandLimits _limits;
        private readonly CommandJsonReader _reader;
        private readonly CommandBody _body;
        private readonly CommandReplayWindow _replays;
        private readonly object _lock = new object();
        private bool _configRequested;

        public CommandHandler(EdgeController controller, CommandLimits limits)
        {
            if (controller == null)
            {
                throw new ArgumentNullException(nameof(controller));
            }

            _controller = controller;
            _limits = limits == null ? new CommandLimits() : limits;
            _reader = new CommandJsonReader(_limits);
            _body = new CommandBody(_limits.MaximumFields);
            _replays = new CommandReplayWindow(_limits.ReplayWindow);
        }

        /// <summary>Commands answered from the replay window instead of being executed, since start.</summary>
        public int ReplayedCount { get; private set; }

        /// <summary>Retained commands refused since start (a remembered one replayed again is a repeat, counted in <see cref="ReplayedCount"/>).</summary>
        public int RetainedRefusedCount { get; private set; }

        /// <summary>True once after a getConfig command: the host should republish the retained config.</summary>
        public bool TakeConfigRequest()
        {
            lock (_lock)
            {
                bool requested = _configRequested;
                _configRequested = false;
                return requested;
            }
        }

        /// <summary>Handles one live (not retained) command; returns the reply to publish, or null for the ignored "result" verb.</summary>
        public CommandReply Handle(string verb, byte[] payload, int offset, int count) => Handle(verb, payload, offset, count, false);

        /// <summary>
        /// Handles one command as delivered, <paramref name="retained"/> being the delivery's retain flag; returns
        /// the reply to publish, or null for the ignored "result" verb.
        /// </summary>
        public CommandReply Handle(string verb, byte[] payload, int offset, int count, bool retained)
        {
            lock (_lock)
            {
                if (verb == ResultVerb)
                {
                    return null;
                }

                string echoed = Echoed(verb);

                if (payload == null || offset < 0 || count < 0 || offset > payload.Length || count > payload.Length - offset)
                {
                    return new CommandReply(null, echoed, CommandJsonReader.PayloadField, "is missing");
                }

                string field;
                string error;
                if (retained)
                {
                    // Before the size check: a retained command comes back at every reconnect whatever its size, so its
                    // sender must be told to clear it, not to shorten it, and the retainedCommand count must include it.
                    string retainedId = null;
                    if (count <= _limits.MaximumPayloadBytes)
                    {
                        _reader.TryRead(payload, offset, count, _body, out field, out error);
                        retainedId = IdIfReadable();
                    }

                    if (retainedId == null)
                    {
                        // Without an id nothing can be remembered: refused and counted at every delivery.
                        RetainedRefusedCount++;
                        return new CommandReply(null, echoed, RetainField, RetainedMessage);
                    }

                    ulong retainedFingerprint = CommandReplayWindow.Fingerprint(verb, payload, offset, count);
                    bool sameRetained;
                    CommandReply handled = _replays.Find(retainedId, retainedFingerprint, count, out sameRetained);
                    if (handled != null && sameRetained && handled.ErrorField == RetainField)
                    {
                        // The broker's stored copy again (a reconnect): a repeat of a command refused already, answered with
                        // its reply and neither refused nor counted a second time.
                        ReplayedCount++;
                        return handled;
                    }

                    RetainedRefusedCount++;
                    CommandReply refusal = new CommandReply(retainedId, echoed, RetainField, RetainedMessage);
                    if (handled == null)
                    {
                        // Remembered as an executed command is: a live copy under its id is a repeat, not a new command.
                        // An id already remembered keeps its reply (a live copy executed first stays the one execution).
                        _replays.Remember(retainedId, retainedFingerprint, count, refusal);
                    }

                    return refusal;
                }

                if (count > _limits.MaximumPayloadBytes)
                {
                    return new CommandReply(null, echoed, CommandJsonReader.PayloadField, count.ToString() + " bytes exceed the limit of " + _limits.MaximumPayloadBytes.ToString());
                }

                bool parsed = _reader.TryRead(payload, offset, count, _body, out field, out error);
                if (!parsed)
                {
                    return new CommandReply(IdIfReadable(), echoed, field, error);
                }

                string id;
                if (!TryGetId(out id, out error))
                {
                    return new CommandReply(null, echoed, "id", error);
                }

                ulong fingerprint = CommandReplayWindow.Fingerprint(verb, payload, offset, count);
                bool sameCommand;
                CommandReply earlier = _replays.Find(id, fingerprint, count, out sameCommand);
                if (earlier != null)
                {
                    // Not executed again either way: a repeat gets the very reply it got first.
                    ReplayedCount++;
                    return sameCommand ? earlier : new CommandReply(id, echoed, "id", ReusedIdMessage);
                }

                error = Execute(verb, out field);
                CommandReply reply = new CommandReply(id, echoed, error == null ? null : field, error);
                _replays.Remember(id, fingerprint, count, reply);
                return reply;
            }
        }

        /// <summary>
        /// Answers a command that was not executed, with <paramref name="message"/> under the field <c>$</c> and the
        /// command's id when it can be read. Nothing is remembered: the same command sent again is executed.
        /// </summary>
        public CommandReply Refuse(string verb, byte[] payload, string message)
        {
            lock (_lock)
            {
                if (verb == ResultVerb)
                {
                    return null;
                }

                string echoed = Echoed(verb);

                string id = null;
                string field;
                string error;
                if (payload != null && payload.Length <= _limits.MaximumPayloadBytes && _reader.TryRead(payload, 0, payload.Length, _body, out field, out error))
                {
                    id = IdIfReadable();
                }

                if (id != null)
                {
                    // A command handled before (a redelivery, a retry) keeps its reply: "send it again" would have it
                    // executed twice under a new id.
                    bool sameCommand;
                    CommandReply earlier = _replays.Find(id, CommandReplayWindow.Fingerprint(verb, payload, 0, payload.Length), payload.Length, out sameCommand);
                    if (earlier != null)
                    {
                        ReplayedCount++;
                        return sameCommand ? earlier : new CommandReply(id, echoed, "id", ReusedIdMessage);
                    }
                }

                return new CommandReply(id, echoed, NotExecutedField, message);
            }
        }

        /// <summary>Encodes <see cref="Refuse"/>'s reply; returns its length, or -1 when there is none.</summary>
        public int RefuseAndEncode(string verb, byte[] payload, string message, JsonByteWriter writer, byte[] reply)
        {
            CommandReply result = Refuse(verb, payload, message);
            return result == null ? -1 : Encode(result, writer, reply);
        }

        /// <summary>Handles a command and encodes the reply; returns the reply's length, or -1 when there is none.</summary>
        public int HandleAndEncode(string verb, byte[] payload, int offset, int count, JsonByteWriter writer, byte[] reply)
            => HandleAndEncode(verb, payload, offset, count, false, writer, reply);

        /// <summary>Handles a command as delivered and encodes the reply; returns the reply's length, or -1 when there is none.</summary>
        public int HandleAndEncode(string verb, byte[] payload, int offset, int count, bool retained, JsonByteWriter writer, byte[] reply)
        {
            CommandReply result = Handle(verb, payload, offset, count, retained);
            return result == null ? -1 : Encode(result, writer, reply);
        }

        private static int Encode(CommandReply result, JsonByteWriter writer, byte[] reply)
            => CommandResultEncoder.EncodeInto(writer, reply, result.RequestId, result.Verb, result.ErrorField, result.ErrorMessage);

        private string Execute(string verb, out string field)
        {
            field = "verb";
            switch (verb)
            {
                case "start":
                case "stop":
                case "resetFault":
                    return ExecuteModuleCommand(verb, out field);
                case "setMode":
                    return ExecuteSetMode(out field);
                case "setProtocol":
                    return ProtocolCommand.Execute(_controller, _body, this, out field);
                case "getConfig":
                    field = FirstUnknownField(s_idOnly);
                    if (field != null)
                    {
                        return CommandFields.UnknownFieldMessage(field, s_idOnly);
                    }

                    _configRequested = true;
                    return null;
                default:
                    if (DeviceCommands != null && verb != null && verb.Length <= MaximumVerbChars && DeviceCommands.Knows(verb))
                    {
                        return DeviceCommands.Execute(verb, _body, out field);
                    }

                    if (verb == null || verb.Length == 0)
                    {
                        return "is missing";
                    }

                    // A verb in another case ("Start", "setprotocol") is unknown, as the contract's names are case-sensitive.
                    string meant = AsciiCase.SameIgnoringCase(verb, s_verbs);
                    return meant == null ? "is not a known command" : "is not a known command: verbs are case-sensitive, this one is \"" + meant + "\"";
            }
        }

        /// <summary>Verbs the host adds (checked after the contract's own), or null.</summary>
        public IDeviceCommands DeviceCommands { get; set; }

        private string ExecuteModuleCommand(string verb, out string field)
        {
            field = FirstUnknownField(s_moduleFields);
            if (field != null)
            {
                return CommandFields.UnknownFieldMessage(field, s_moduleFields);
            }

            field = "module";
            long module;
            bool present;
            string error;
            if (!CommandFields.TryGetInteger(_body, "module", -1, _controller.Layout.ModuleCount - 1, out module, out present, out error))
            {
                return error;
            }

            int target = present ? (int)module : -1;
            if (verb == "start")
            {
                // A held module ignores a start until its fault is reset: say so rather than accept it.
                if (target >= 0 && _controller.Diagnosis.HasLatchedFault(target))
                {
                    if (_controller.IsFaultResetPending(target))
                    {
                        // The reset was accepted and waits for the tick; a start before it would be dropped at that boundary.
                        return "module " + target.ToString() + "'s resetFault takes effect at the next tick: send start after that";
                    }

                    return "module " + target.ToString() + " holds a latched fault: send resetFault for it first, then start";
                }

                if (target < 0)
                {
                    // Held modules ignore a start of every module; with every module held it would be answered ok and
                    // start nothing (a pack whose every module latched, or one reset a moment ago).
                    error = EveryModuleHeldRefusal();
                    if (error != null)
                    {
                        return error;
                    }
                }

                error = StartRefusal();
                if (error != null)
                {
                    field = NotExecutedField;
                    return error;
                }

                if (!_controller.RequestStart(target))
                {
                    // Barred between the check above and the request (another thread began holding the switches).
                    field = NotExecutedField;
                    return BarredMessage();
                }
            }
            else if (verb == "stop")
            {
                _controller.RequestStop(target);
            }
            else
            {
                // A reset naming a module that holds nothing would be answered ok and change nothing: an operator who
                // picked the wrong module read "accepted" while the held one stayed held. Every module (-1) resets
                // whichever are held. A latch restored at boot counts before its tick has applied it.
                if (target >= 0 && !_controller.HasFaultToReset(target))
                {
                    return "module " + target.ToString() + " holds no latched fault: nothing to reset";
                }

                _controller.RequestFaultReset(target);
            }

            field = null;
            return null;
        }

        /// <summary>
        /// Why a start of every module would start none, or null: every module holds a latched fault. The resets already
        /// accepted and waiting for the next tick are named, as a start right behind them would be dropped at that tick.
        /// </summary>
        private string EveryModuleHeldRefusal()
        {
            bool resetPending = false;
            for (int m = 0; m < _controller.Layout.ModuleCount; m++)
            {
                if (!_controller.Diagnosis.HasLatchedFault(m))
                {
                    return null;
                }

                if (_controller.IsFaultResetPending(m))
                {
                    resetPending = true;
                }
            }

            return resetPending
                ? "every module holds a latched fault and the resetFault sent takes effect at the next tick: send start after that"
                : "every module holds a latched fault: send resetFault first, then start";
        }

        /// <summary>
        /// Why no module may start now, or null: the host holds every switch open (<see cref="EdgeController.StartBar"/>,
        /// e.g. a calibration), or the latest readings are not this unit's calibrated ones, so a start would only report
        /// <c>uncalibrated</c>. A protocol change with start is refused for the same reasons.
        /// </summary>
        internal string StartRefusal()
        {
            string bar = _controller.StartBar;
            if (bar != null)
            {
                return bar;
            }

            return _controller.IsUncalibrated ? UncalibratedMessage : null;
        }

        /// <summary>The refusal of a start the controller barred after <see cref="StartRefusal"/> let it pass.</summary>
        internal string BarredMessage()
        {
            string bar = _controller.StartBar;
            return bar != null ? bar : "the switches were held open when it arrived; send start again";
        }

        private string ExecuteSetMode(out string field)
        {
            field = FirstUnknownField(s_modeFields);
            if (field != null)
            {
                return CommandFields.UnknownFieldMessage(field, s_modeFields);
            }

            field = "mode";
            string text;
            string error;
            if (!CommandFields.TryGetString(_body, "mode", out text, out error))
            {
                return error;
            }

            if (text == null)
            {
                return "is missing";
            }

            int mode = ContractNames.ParseMode(text);
            if (mode < 0)
            {
                return CommandFields.ChoiceMessage("\"observe\" or \"act\"", ContractNames.ModeIgnoringCase(text));
            }

            if ((ControlMode)mode == ControlMode.Act)
            {
                // Act mode derates a pulse above the module current's derate level, which observe mode only reports: the
                // protocol that will run (a change waiting for the next tick included) must fit act mode's check.
                ControllerConfiguration candidate = _controller.Configuration.WithProtocol(_controller.ProtocolToAmend());
                candidate.Mode = ControlMode.Act;
                ConfigurationError problem = ConfigurationValidator.Validate(candidate, _controller.Layout);
                if (problem != null)
                {
                    return "act mode refused: the protocol's " + (problem.Field.IndexOf("protocol.") == 0 ? problem.Field.Substring(9) : problem.Field) + ": "
                        + problem.Message + " (send setProtocol for it first)";
                }
            }

            _controller.RequestMode((ControlMode)mode);
            field = null;
            return null;
        }

        private string FirstUnknownField(string[] allowed) => CommandFields.FirstUnknown(_body, allowed);

        private bool TryGetId(out string id, out string error)
        {
            if (!CommandFields.TryGetString(_body, "id", out id, out error))
            {
                id = null;
                return false;
            }

            if (id == null || id.Length == 0)
            {
                error = id == null ? MissingIdMessage() : "is empty";
                return false;
            }

            if (id.Length > _limits.MaximumIdChars)
            {
                error = TextLengthRefusal.Of(id.Length, _limits.MaximumIdChars, TextLengthRefusal.HasSurrogate(id));
                id = null;
                return false;
            }

            return true;
        }

        // "ID" or "Id" (a client serializing its property names) for the id: name it, as "is missing" alone sends the
        // sender looking at an id that is there.
        private string MissingIdMessage()
        {
            for (int i = 0; i < _body.Count; i++)
            {
                string sent = _body.NameAt(i);
                if (AsciiCase.SameIgnoringCase(sent, s_idOnly) != null)
                {
                    return "is missing: names are case-sensitive, and \"" + sent + "\" was sent";
                }
            }

            return "is missing";
        }

        // The reply, and the replay window with it, keeps only the start of an overlong verb.
        private static string Echoed(string verb)
        {
            if (verb == null || verb.Length <= MaximumVerbChars)
            {
                return verb;
            }

            // Never half a surrogate pair.
            int end = MaximumVerbChars;
            if (verb[end - 1] >= 0xD800 && verb[end - 1] <= 0xDBFF)
            {
                end--;
            }

            return verb.Substring(0, end) + JsonByteWriter.Ellipsis;
        }

        // After a failed parse the fields read so far are kept; echo the id when it was among them.
        private string IdIfReadable()
        {
            int index = _body.IndexOf("id");
            if (index < 0 || _body.KindAt(index) != JsonValueKind.String)
            {
                return null;
            }

            string id = _body.TextAt(index);
            return id.Length > 0 && id.Length <= _limits.MaximumIdChars ? id : null;
        }
    }
}
