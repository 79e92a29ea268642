// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>
    /// Verbs a host adds to the contract's own (e.g. the device's calibration mode). The
    /// <see cref="CommandHandler"/> reads and checks the body as for every command (id, strict JSON,
    /// limits) and encodes the reply; the verbs here only interpret the fields.
    /// </summary>
    public interface IDeviceCommands
    {
        /// <summary>True when <paramref name="verb"/> is one of these commands.</summary>
        bool Knows(string verb);

        /// <summary>Runs <paramref name="verb"/> with <paramref name="body"/>; returns null, or the error with the offending field.</summary>
        string Execute(string verb, CommandBody body, out string field);
    }
}
