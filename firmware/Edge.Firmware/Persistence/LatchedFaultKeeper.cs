// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Records;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Keeps the controller's latched faults in internal flash, so that a reset of the device (brown-out, watchdog,
    /// power cycle, a new deployment) does not release a module that was isolated for a fault: foxBMS keeps its
    /// deep-discharge flag in non-volatile memory for the same reason. <see cref="Restore"/> latches the stored
    /// modules again before the first tick; <see cref="SaveIfChanged"/>, called from the main thread, stores the
    /// latched set whenever it changed (a latch at once, an operator's fault reset once the release has held for about
    /// 5 s): a few dozen bytes written only on such a change (and once to replace a record that did not parse), never
    /// when the text would be the one last stored (a fault reset that the fault undoes within those 5 s: a reset loop,
    /// whatever the fault's debounce), and a store that fails is retried at a falling rate, so the flash wears no
    /// faster than the stored set changes.
    /// </summary>
    public sealed class LatchedFaultKeeper
    {
        private readonly IUnitRecordStore _store;
        private readonly EdgeController _controller;
        private readonly DeviceEventLog _events;
        private int _savedRevision;
        private int _failedRevision = -1;

        // The text last stored or restored as it reads; null when not known (none, or one that did not read wholly).
        private string _storedText;

        // After a failed store, calls passed over before the next try: doubling from 10 (about 1 s at the main
        // thread's 100 ms) to 600 (about a minute), so a store that keeps failing does not rewrite flash ten times a
        // second. A change of the latched set is tried at once.
        private const int FirstRetrySkips = 10;
        private const int LastRetrySkips = 600;
        private int _retrySkips;
        private int _skipsLeft;

        // A release (a set that only lacks modules the stored record holds, after a fault reset) is stored by the
        // ReleaseHoldChecks-th call that finds it unchanged, about 5 s at the main thread's 100 ms: a fault that comes back before then (a reset
        // loop) leaves the stored text as it is, and nothing is written. The longest debounce of the diagnosis table,
        // 10 readings, is 200 ms at the shipped boards' slowest tick, and a start's first pulse comes within a second or
        // two. A reset of the device meanwhile holds the module again: the safe side. A latch is stored at once.
        private const int ReleaseHoldChecks = 50;
        private int _releaseRevision = -1;
        private int _releaseChecks;

        /// <summary>Keeps <paramref name="controller"/>'s latched faults in <paramref name="store"/>.</summary>
        public LatchedFaultKeeper(IUnitRecordStore store, EdgeController controller, DeviceEventLog events)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _savedRevision = controller.Diagnosis.LatchRevision;
        }

        /// <summary>
        /// Latches again every module the stored record names, at the controller's next tick; the record already says
        /// so and is not written again for it. A record that does not read wholly keeps what reads
        /// (<see cref="LatchedFaultRecord"/>: a line that reads keeps its module's cause, and a module a line leaves in
        /// doubt is held for an unknown cause), with an event that quotes the first line that does not read, and is
        /// replaced by the held set at the next store. One that cannot be read at all holds every module and is never
        /// overwritten (it might be the only whole copy): stores keep failing, and every boot holds every module, until
        /// it reads again or the flash is erased. Returns the modules held.
        /// </summary>
        public int Restore()
        {
            int modules = _controller.Layout.ModuleCount;
            string text = _store.Load(out string problem);
            if (problem != null)
            {
                for (int m = 0; m < modules; m++)
                {
                    _controller.RestoreLatchedFault(m);
                }

                _events.Report("latch-record-unreadable", "stored latched faults unreadable, " + problem + "; every module held until a fault reset");
                return modules;
            }

            if (text == null)
            {
                return 0;
            }

            int[] causes = LatchedFaultRecord.Parse(text, modules, out problem);
            int held = 0;
            int unknown = 0;
            for (int m = 0; m < modules; m++)
            {
                if (causes[m] == -1)
                {
                    _controller.RestoreLatchedFault(m);
                    unknown++;
                }
                else if (causes[m] >= 0)
                {
                    _controller.RestoreLatchedFault(m, (DiagnosisId)causes[m]);
                }
                else
                {
                    continue;
                }

                held++;
            }

            if (problem != null)
            {
                // Not taken as stored: the next store replaces it with the held set, the causes that read kept.
                _events.Report(
                    "latch-record-unreadable",
                    "stored latched faults unreadable in part, " + problem + "; " + held.ToString() + " module(s) held until a fault reset, "
                    + unknown.ToString() + " of them for an unknown cause");
                return held;
            }

            // Each restore moves the revision once at the next tick (no module is latched before it): the set the
            // record holds, which need not be written again. A flash write stalls the ESP32 for tens of ms.
            _savedRevision = _controller.Diagnosis.LatchRevision + held;
            _storedText = text;
            if (held > 0)
            {
                _events.Report("latch-restored", held.ToString() + " module(s) held for faults latched before the reset");
            }

            return held;
        }

        /// <summary>
        /// Stores the latched set when it changed since the last store; true when nothing is left to store. A set that
        /// only releases modules the record holds is stored at the 50th call that finds it unchanged (about 5 s), a
        /// latch or a new cause at once. A store that fails is reported once per change and tried again after a wait
        /// that doubles from about 1 s to about a minute of calls (the main thread calls every 100 ms), and at once
        /// when the latched set changes again.
        /// </summary>
        public bool SaveIfChanged()
        {
            // Restores reach the diagnosis only at the next tick. Until then the live set lacks them, and storing it would
            // release at the next reset the modules this boot holds; a first tick that never comes (it threw) never
            // lets that happen. Read before the revision: once false, the revision includes every restore.
            if (_controller.RestoresPending)
            {
                return false;
            }

            // The revision first: a latch that lands while the record is written moves it again, and is stored next time.
            int revision = _controller.Diagnosis.LatchRevision;
            if (revision == _savedRevision)
            {
                return true;
            }

            if (revision == _failedRevision && _skipsLeft > 0)
            {
                _skipsLeft--;
                return false;
            }

            // A release waits for its hold (ReleaseHoldChecks) with the set unchanged.
            if (revision == _releaseRevision && _releaseChecks < ReleaseHoldChecks - 1)
            {
                _releaseChecks++;
                return false;
            }

            // A set that changed back to the one stored (a fault reset the fault undid before this call) is not written
            // again: a reset loop would otherwise replace the record at every reset with the same text.
            string text = LatchedFaultRecord.Format(_controller.Diagnosis, _controller.Layout.ModuleCount);
            if (text != _storedText && revision != _releaseRevision && LatchedFaultRecord.OnlyReleases(_storedText, text))
            {
                _releaseRevision = revision;
                _releaseChecks = 1;
                return false;
            }

            // A release that held and whose store fails is retried without a new hold: _releaseRevision stays.
            string problem = text == _storedText ? null : _store.Save(text);
            if (problem == null)
            {
                _storedText = text;
                _savedRevision = revision;
                _failedRevision = -1;
                _retrySkips = 0;
                _skipsLeft = 0;

                // A latch that landed while the record was written is not in it yet.
                return _controller.Diagnosis.LatchRevision == revision;
            }

            if (_failedRevision != revision)
            {
                _failedRevision = revision;
                _retrySkips = FirstRetrySkips;
                _events.Report("latch-record-failed", "latched faults not stored, " + problem + "; a reset now would restore what was stored before");
            }
            else
            {
                _retrySkips = _retrySkips * 2 > LastRetrySkips ? LastRetrySkips : _retrySkips * 2;
            }

            _skipsLeft = _retrySkips;
            return false;
        }
    }
}
