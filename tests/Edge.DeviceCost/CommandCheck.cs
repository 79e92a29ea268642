using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;

namespace Edge.DeviceCost
{
    /// <summary>
    /// Operator commands through the core's command handler on the runtime that runs it: valid and refused ones,
    /// numbers in several spellings, escapes, a repeat and a reused id, malformed JSON; a few ticks after each
    /// command, then the config message of what was applied. The FNV-1a checksum of every reply and of the config
    /// bytes is the same on two runtimes that read, check and apply commands alike (JSON lexing and number parsing
    /// are where runtimes' libraries differ).
    /// </summary>
    internal static class CommandCheck
    {
        private static readonly string[] Commands =
        {
            "setMode", "{\"id\":\"c1\",\"mode\":\"act\"}",
            "setMode", "{\"id\":\"c2\",\"mode\":\"fast\"}",
            "setProtocol", "{\"id\":\"c3\",\"steps\":[\"Strip at 0.5 mA/cm2 for 2 s\",\"Rest for 3 s\"],\"restMode\":\"fixed\",\"capacityLimitUc\":1000000}",
            "setProtocol", "{\"id\":\"c4\",\"steps\":[\"Strip at 1e9 mA/cm2 for 1 s\",\"Rest for 1 s\"]}",
            "setProtocol", "{\"id\":\"c5\",\"steps\":[\"Strip at 0.25 mA/cm2 for 1.5 s\",\"Rest for 2.5 s\"],\"minimumRestMs\":400}",
            "setProtocol", "{\"id\":\"c6\",\"minimumRestMs\":-1}",
            "setProtocol", "{\"id\":\"c7\",\"steps\":[\"Strip at 0,5 mA/cm2 for 1 s\"]}",
            "setProtocol", "{\"id\":\"c8\",\"minimumRestMs\":1.5e3}",
            "setProtocol", "{\"id\":\"c9\",\"maximumRestMs\":12000,\"stripCutoffMv\":2950,\"repeat\":true}",
            "start", "{\"id\":\"c10\",\"module\":1}",
            "stop", "{\"id\":\"c11\",\"module\":7}",
            "resetFault", "{\"id\":\"c12\",\"module\":0}",
            "getConfig", "{\"id\":\"c13\"}",
            "start", "{\"id\":\"c10\",\"module\":1}",
            "start", "{\"id\":\"c10\",\"module\":2}",
            "start", "{\"id\":\"c14\",\"module\":}",
            "setMode", "{\"id\":\"c\\u00e915\",\"mode\":\"observe\"}",
            "stop", "{\"id\":\"c16\",\"module\":99999999999999999999}",
            "setMode", "{\"id\":\"c17\",\"mode\":[\"act\"]}",
            "reboot", "{\"id\":\"c18\"}",
            "result", "{\"id\":\"c19\"}",
            "stop", "{\"id\":\"c20\",\"module\":-0}",
            "setMode", "{\"id\":\"c21\",\"mode\":\"act\",\"mode\":\"observe\"}",
            "stop", "{\"id\":\"\"}",
        };

        /// <summary>The checksum, with how many commands were answered and how many succeeded.</summary>
        public static string Run()
        {
            PackLayout layout = SyntheticPackFrames.Layout();
            var controller = new EdgeController(layout, new ControllerConfiguration());
            var handler = new CommandHandler(controller, new CommandLimits());
            var actions = new ActionFrame(layout);
            SampleFrame[] frames = SyntheticPackFrames.Build(layout);
            var writer = new JsonByteWriter();
            var reply = new byte[1024];
            uint hash = Fnv1a.Start;
            long tick = 0;
            int answered = 0;
            int succeeded = 0;
            for (int c = 0; c < Commands.Length; c += 2)
            {
                byte[] payload = Ascii(Commands[c + 1]);
                int length = handler.HandleAndEncode(Commands[c], payload, 0, payload.Length, writer, reply);
                hash = Fnv1a.Mix(hash, length);
                if (length > 0)
                {
                    answered++;
                    succeeded += Contains(reply, length, "\"ok\":true") ? 1 : 0;
                    for (int i = 0; i < length; i++)
                    {
                        hash = Fnv1a.Mix(hash, reply[i]);
                    }
                }

                for (int k = 0; k < 50; k++, tick++)
                {
                    SampleFrame frame = frames[tick % SyntheticPackFrames.FrameCount];
                    frame.TickIndex = tick;
                    frame.TimestampMs = tick * 10;
                    controller.Tick(frame, actions);
                }
            }

            ControllerConfiguration applied = controller.Configuration;
            var config = new byte[ConfigEncoder.MaximumBytes(applied.Protocol.Steps.Length)];
            writer.Reset(config, 0, config.Length);
            ConfigEncoder.Encode(writer, applied, layout, "00000000", 1);
            for (int i = 0; i < writer.Length; i++)
            {
                hash = Fnv1a.Mix(hash, config[writer.Offset + i]);
            }

            return (Commands.Length / 2) + " commands, " + answered + " replies, " + succeeded + " ok, checksum " + hash.ToString("x8");
        }

        /// <summary>The payloads are ASCII (the escape in c15 is JSON's): one byte per character, no text library needed.</summary>
        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private static bool Contains(byte[] bytes, int length, string text)
        {
            for (int start = 0; start + text.Length <= length; start++)
            {
                int i = 0;
                while (i < text.Length && bytes[start + i] == (byte)text[i])
                {
                    i++;
                }

                if (i == text.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
