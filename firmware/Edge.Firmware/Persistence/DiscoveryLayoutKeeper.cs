// Licensed under the MIT License.

using System;
using Edge.Core.Session.HomeAssistant;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Keeps in internal flash the layout whose Home Assistant discovery configs the device announced last
    /// (<see cref="DiscoveryLayoutRecord"/>), so that after a board change to fewer modules or fewer cells per module the
    /// session clears the configs of the entities that are gone (DeviceSession.RememberAnnouncedLayout): the broker
    /// keeps them retained, Home Assistant shows them for ever, and the shipped ACL does not let the device read them
    /// back. <see cref="Recall"/> at boot; <see cref="Store"/>, called by the session on the network thread, writes a few
    /// bytes only when the layout changed (and once to replace a record that did not read), at most once per connection.
    /// </summary>
    public sealed class DiscoveryLayoutKeeper : IAnnouncedLayoutStore
    {
        private readonly IUnitRecordStore _store;
        private readonly DeviceEventLog _events;

        /// <summary>Keeps the announced layout in <paramref name="store"/>, reporting problems to <paramref name="events"/>.</summary>
        public DiscoveryLayoutKeeper(IUnitRecordStore store, DeviceEventLog events)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _events = events ?? throw new ArgumentNullException(nameof(events));
        }

        /// <summary>
        /// The stored layout; both 0 when none is stored, or when the record does not read (an event says why): then
        /// nothing is cleared, which can leave configs of a larger earlier layout on the broker, and the present layout
        /// replaces the record. False when nothing usable was stored.
        /// </summary>
        public bool Recall(out int modules, out int cellsPerModule)
        {
            modules = 0;
            cellsPerModule = 0;
            string text = _store.Load(out string problem);
            if (problem == null && text != null)
            {
                DiscoveryLayoutRecord.TryParse(text, out modules, out cellsPerModule, out problem);
            }

            if (problem != null)
            {
                _events.Report("discovery-record-unreadable", "stored discovery layout unreadable, " + problem + "; no Home Assistant config of an earlier layout is cleared, and the present layout is stored in its place");
                return false;
            }

            return text != null;
        }

        /// <inheritdoc />
        public bool Store(int modules, int cellsPerModule)
        {
            string problem = _store.Save(DiscoveryLayoutRecord.Format(modules, cellsPerModule));
            if (problem == null)
            {
                return true;
            }

            _events.Report("discovery-record-failed", "discovery layout " + modules.ToString() + " x " + cellsPerModule.ToString() + " not stored, " + problem + "; tried again at the next connection");
            return false;
        }
    }
}
