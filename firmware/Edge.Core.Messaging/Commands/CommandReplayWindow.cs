// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// The replies to the most recent commands, by request id, so that a command delivered again (a QoS 1
    /// redelivery after a reconnect, a sender's retry, a replay) is answered with its original reply and not
    /// executed twice. Fixed storage, allocated once: a ring of <see cref="Capacity"/> entries holding the id
    /// and reply the parser and handler already made, plus a 64-bit fingerprint of verb and payload and the
    /// payload's length, which tell a true repeat from a different command that reuses an id.
    /// </summary>
    public sealed class CommandReplayWindow
    {
        private readonly string[] _ids;
        private readonly ulong[] _fingerprints;
        private readonly int[] _lengths;
        private readonly CommandReply[] _replies;
        private int _next;
        private int _count;

        /// <summary>Remembers the last <paramref name="capacity"/> commands (at least 1).</summary>
        public CommandReplayWindow(int capacity)
        {
            int size = capacity < 1 ? 1 : capacity;
            _ids = new string[size];
            _fingerprints = new ulong[size];
            _lengths = new int[size];
            _replies = new CommandReply[size];
        }

        /// <summary>Commands remembered at most.</summary>
        public int Capacity => _ids.Length;

        /// <summary>Commands remembered now.</summary>
        public int Count => _count;

        /// <summary>
        /// The reply remembered for <paramref name="id"/>, or null. <paramref name="sameCommand"/> says whether
        /// the remembered command had the same fingerprint and payload length (a true repeat) or was a different one
        /// under that id.
        /// </summary>
        public CommandReply Find(string id, ulong fingerprint, int payloadLength, out bool sameCommand)
        {
            // Newest first: an id can only be present once, but the newest is the likeliest repeat.
            for (int k = 1; k <= _count; k++)
            {
                int index = (_next - k + _ids.Length) % _ids.Length;
                if (_ids[index] == id)
                {
                    sameCommand = _fingerprints[index] == fingerprint && _lengths[index] == payloadLength;
                    return _replies[index];
                }
            }

            sameCommand = false;
            return null;
        }

        /// <summary>Remembers a handled command, replacing the oldest when full.</summary>
        public void Remember(string id, ulong fingerprint, int payloadLength, CommandReply reply)
        {
            _ids[_next] = id;
            _fingerprints[_next] = fingerprint;
            _lengths[_next] = payloadLength;
            _replies[_next] = reply;
            _next = (_next + 1) % _ids.Length;
            if (_count < _ids.Length)
            {
                _count++;
            }
        }

        /// <summary>
        /// 64-bit FNV-1a over the verb's characters and the payload bytes: equal commands, equal fingerprints.
        /// <para>
        /// Not collision-proof: FNV is no cryptographic hash, and a determined search can still find two commands with
        /// the same fingerprint and length. A 32-bit fingerprint, though, gave up a colliding pair in well under a
        /// second (by varying the JSON's white space), and a collision answers a different command with the first
        /// one's reply without executing it; 64 bits and an equal length put that beyond a casual search while
        /// staying a few multiplications per byte, with no allocation and no key to keep on the device.
        /// </para>
        /// </summary>
        public static ulong Fingerprint(string verb, byte[] payload, int offset, int count)
        {
            ulong hash = 14695981039346656037UL;
            if (verb != null)
            {
                for (int i = 0; i < verb.Length; i++)
                {
                    hash = (hash ^ verb[i]) * 1099511628211UL;
                }
            }

            // A separator, so that verb "ab" + payload "c" differs from verb "a" + payload "bc".
            hash = (hash ^ 0xFFUL) * 1099511628211UL;
            for (int i = offset; i < offset + count; i++)
            {
                hash = (hash ^ payload[i]) * 1099511628211UL;
            }

            return hash;
        }
    }
}
