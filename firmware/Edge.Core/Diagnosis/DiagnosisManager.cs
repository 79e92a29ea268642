// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis
{
    /// <summary>
    /// The one place that decides (foxBMS diag): detectors report Ok / NotOk per channel, this class
    /// debounces by the table, activates, latches, writes the event and requests the reaction.
    /// </summary>
    [HotPath]
    public sealed class DiagnosisManager
    {
        private readonly DiagnosisTable _table;
        private readonly PackLayout _layout;
        private readonly TelemetryBuffer _telemetry;
        private readonly ModuleReactionRequests _requests;
        private readonly ActiveProtectionLevels _protectionLevels;

        // Flat [row * _channels + channel]; channels sized for the widest scope (cells). Flat, because a
        // healthy tick makes about a hundred Ok reports and each must cost one or two array loads.
        private readonly int _channels;
        private readonly int[] _notOkCount;
        private readonly int[] _okCount;
        private readonly bool[] _active;

        // Debouncing or active: the one load the Ok fast path needs.
        private readonly bool[] _pending;

        // Per row: channels pending. A row with none takes Ok reports without a call (see IsQuiet).
        private readonly int[] _pendingChannels;

        // Each row's family (DiagnosisStopReason.Of: one family per detector).
        private readonly int[] _familyOfRow;

        /// <summary>
        /// Per family of rows (indexed by the <see cref="StopReason"/> that <see cref="DiagnosisStopReason.Of"/> gives its
        /// rows): channels pending over its rows, 0 on a healthy tick (<see cref="IsFamilyQuiet"/>). A field the detectors
        /// read at the start of every tick (on the device a method call is interpreted); written only here.
        /// </summary>
        public readonly int[] PendingInFamily;

        /// <summary>
        /// Per module, <see cref="HasLatchedFault"/>: kept up to date so the tick need not scan the table. A field the
        /// controller and the clamp read every tick for every module (on the device each method call is interpreted);
        /// written only here.
        /// </summary>
        public readonly bool[] ModuleLatched;

        /// <summary>Per module, <see cref="HasFaultEvidence"/>, kept up to date as the evidence counts change; written only here.</summary>
        public readonly bool[] ModuleFaultEvidence;

        // Per module, the diagnosis that latched it first (a missed tick gives way to the first other diagnosis that
        // latches it: see LatchCause); not known for a latch restored from an unreadable record. And whether that cause
        // was restored from a record stored before a reset, rather than latched in this boot. And the pack-wide index of
        // the cell whose diagnosis that was, or NoCell (a module's, a temperature sensor's or the pack's diagnosis, or a
        // restored latch: the stored record names no cell).
        private readonly DiagnosisId[] _latchCause;
        private readonly int[] _latchCell;
        private readonly bool[] _latchCauseKnown;
        private readonly bool[] _latchRestored;

        // Per temperature sensor: the module it sits on, or -1 when it watches the pack.
        private readonly int[] _sensorModule;

        // Per module, and for the pack: channels of safety rows with readings counted toward a latch (see HasFaultEvidence).
        private readonly int[] _moduleEvidence;
        private int _packEvidence;

        private long _timestampMs;
        private ControlMode _mode;

        /// <summary>A manager whose temperature sensors all watch the whole pack.</summary>
        public DiagnosisManager(DiagnosisTable table, PackLayout layout, TelemetryBuffer telemetry)
            : this(table, layout, telemetry, null)
        {
        }

        /// <summary>
        /// A manager whose temperature sensor t sits on module <paramref name="temperatureSensorModules"/>[t] (-1: the pack;
        /// null: every sensor watches the pack), as <c>protection.temperatureSensorModules</c> says.
        /// </summary>
        public DiagnosisManager(DiagnosisTable table, PackLayout layout, TelemetryBuffer telemetry, int[] temperatureSensorModules)
        {
            _table = table;
            _layout = layout;
            _telemetry = telemetry;
            _requests = new ModuleReactionRequests(layout.ModuleCount);
            _protectionLevels = new ActiveProtectionLevels(layout);
            int channels = layout.CellCount;
            if (layout.TemperatureCount > channels)
            {
                channels = layout.TemperatureCount;
            }

            ModuleLatched = new bool[layout.ModuleCount];
            ModuleFaultEvidence = new bool[layout.ModuleCount];
            _latchCause = new DiagnosisId[layout.ModuleCount];
            _latchCell = new int[layout.ModuleCount];
            _latchCauseKnown = new bool[layout.ModuleCount];
            _latchRestored = new bool[layout.ModuleCount];
            _moduleEvidence = new int[layout.ModuleCount];
            _sensorModule = new int[layout.TemperatureCount];
            for (int t = 0; t < _sensorModule.Length; t++)
            {
                _sensorModule[t] = temperatureSensorModules != null && t < temperatureSensorModules.Length ? temperatureSensorModules[t] : -1;
            }

            _channels = channels;
            _notOkCount = new int[DiagnosisTable.RowCount * channels];
            _okCount = new int[DiagnosisTable.RowCount * channels];
            _active = new bool[DiagnosisTable.RowCount * channels];
            _pending = new bool[DiagnosisTable.RowCount * channels];
            _pendingChannels = new int[DiagnosisTable.RowCount];
            _familyOfRow = new int[DiagnosisTable.RowCount];
            int families = 0;
            for (int row = 0; row < DiagnosisTable.RowCount; row++)
            {
                int family = (int)DiagnosisStopReason.Of((DiagnosisId)row);
                _familyOfRow[row] = family;
                if (family >= families)
                {
                    families = family + 1;
                }
            }

            PendingInFamily = new int[families];
        }

        public ModuleReactionRequests Requests => _requests;

        /// <summary>The graded protection levels active per module, kept up to date as rows set, heal and are reset.</summary>
        public ActiveProtectionLevels ProtectionLevels => _protectionLevels;

        /// <summary>Starts a tick: clears the previous tick's reaction requests.</summary>
        public void BeginTick(long timestampMs, ControlMode mode)
        {
            _timestampMs = timestampMs;
            _mode = mode;
            _requests.Clear();
        }

        /// <summary>
        /// One detector verdict. Returns true when this report activated the diagnosis.
        /// <paramref name="value"/> and <paramref name="threshold"/> go into the event record.
        /// </summary>
        public bool Report(DiagnosisId id, int channel, bool notOk, int value, int threshold)
        {
            int slot = ((int)id * _channels) + channel;

            // Fast path, the common case: Ok on a channel with nothing pending. It changes no state, whatever
            // the row says. Kept small so the JIT can inline it into the detectors' loops.
            if (!notOk && !_pending[slot])
            {
                return false;
            }

            bool activated = Decide(id, channel, slot, notOk, value, threshold);
            SetPending(slot, (int)id, _notOkCount[slot] != 0 || _active[slot]);
            return activated;
        }

        /// <summary>
        /// True when no channel of the row is debouncing or active: an Ok report to it would change nothing, so
        /// a detector may skip it. Asked once per row and tick, it saves the device a call per channel on
        /// healthy ticks (its interpreter pays for every call).
        /// </summary>
        public bool IsQuiet(DiagnosisId id) => _pendingChannels[(int)id] == 0;

        /// <summary>
        /// True when no row of the family (<see cref="DiagnosisStopReason.Of"/>: one family per detector) has a channel
        /// debouncing or active: every row of it is quiet (<see cref="IsQuiet"/>). A detector asks it once per tick for
        /// its rows: on a healthy tick one call instead of one per row, and another detector's rows pending (a depletion
        /// warning active for hours) do not take that away. A report changes only its own row, so the answer holds for
        /// the rows not reported to since.
        /// </summary>
        public bool IsFamilyQuiet(StopReason family) => PendingInFamily[(int)family] == 0;

        /// <summary>
        /// True when all three rows are quiet (<see cref="IsQuiet"/>): a graded protection asks once for its three
        /// levels, one call instead of three on every healthy tick.
        /// </summary>
        public bool AreQuiet(DiagnosisId first, DiagnosisId second, DiagnosisId third)
        {
            int[] pending = _pendingChannels;
            return pending[(int)first] == 0 && pending[(int)second] == 0 && pending[(int)third] == 0;
        }

        /// <summary>
        /// True while a safety row (one that latches in every mode) has counted readings toward a latch on the module or
        /// the pack without having set: a reading over a limit or a channel that did not read, not yet debounced, and not
        /// yet drained by the valid readings since (each takes one back). No pulse starts then, for at most
        /// <see cref="Decision.ModuleDutyCycle.MaximumHeldTicks"/> ticks (<see cref="Decision.ModuleDutyCycle"/>): the
        /// next readings drain the count or latch.
        /// </summary>
        public bool HasFaultEvidence(int module) => ModuleFaultEvidence[module];

        private void SetPending(int slot, int row, bool pending)
        {
            if (pending != _pending[slot])
            {
                _pending[slot] = pending;
                int step = pending ? 1 : -1;
                _pendingChannels[row] += step;
                PendingInFamily[_familyOfRow[row]] += step;
                DiagnosisTableRow tableRow = _table.RowAt(row);
                if (IsEvidenceRow(tableRow))
                {
                    int module = ModuleOf(tableRow.Scope, slot - (row * _channels));
                    if (module >= 0)
                    {
                        _moduleEvidence[module] += step;
                        ModuleFaultEvidence[module] = _moduleEvidence[module] != 0 || _packEvidence != 0;
                    }
                    else
                    {
                        _packEvidence += step;
                        for (int m = 0; m < ModuleFaultEvidence.Length; m++)
                        {
                            ModuleFaultEvidence[m] = _moduleEvidence[m] != 0 || _packEvidence != 0;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The safety rows whose pending readings hold pulses back: they latch in every mode and are judged on every
        /// reading while pending. The stuck-channel row is judged at current edges only and the current-plausibility row
        /// with the switch closed only, which a held pulse would never make; the detector rows only report in observe
        /// mode, whose runs must not change.
        /// </summary>
        private static bool IsEvidenceRow(DiagnosisTableRow row) =>
            row.Latches && row.ActsInObserveMode && row.Id != DiagnosisId.CellChannelStuck && row.Id != DiagnosisId.CurrentChannelImplausible;

        private bool Decide(DiagnosisId id, int channel, int slot, bool notOk, int value, int threshold)
        {
            DiagnosisTableRow row = _table[id];
            if (!row.Enabled)
            {
                return false;
            }

            if (!notOk)
            {
                // A row that latches drains its count by one (foxBMS 2's diag.c: DIAG_EVENT_OK decrements the occurrence
                // counter): a cause bad on two readings of three still reaches the debounce, where a reset to 0 let it
                // run for ever. A row that heals counts its readings in a row, so noise at a warning level does not add
                // up to one event and derate step after another. The two agree at a debounce of 1 or 2.
                if (row.Latches)
                {
                    if (_notOkCount[slot] > 0)
                    {
                        _notOkCount[slot]--;
                    }
                }
                else
                {
                    _notOkCount[slot] = 0;
                }

                if (_active[slot] && !row.Latches)
                {
                    _okCount[slot]++;
                    if (_okCount[slot] >= row.HealCount)
                    {
                        SetActive(row, channel, slot, false);
                        _okCount[slot] = 0;
                    }
                }

                return false;
            }

            _okCount[slot] = 0;
            if (_active[slot])
            {
                // Still active: a latched safety fault keeps its module isolated every tick, and a pulse that runs
                // dry is ended even though the warning from an earlier one has not healed yet (its heal count is
                // counted in pulse samples, and a rest has none).
                if (row.Latches || row.Reaction == DiagnosisReaction.AbortPulse)
                {
                    RequestReaction(row, channel);
                }

                // Set in observe mode, where the row only reported: once act mode is on, it latches as if it had just
                // set, with its event, instead of isolating the module unlatched and unrecorded.
                if (row.Latches && _mode == ControlMode.Act && !IsLatched(row, channel))
                {
                    Latch(row, channel);
                    WriteEvent(row, channel, value, threshold);
                }

                return false;
            }

            _notOkCount[slot]++;
            if (_notOkCount[slot] < row.DebounceCount)
            {
                return false;
            }

            SetActive(row, channel, slot, true);
            _notOkCount[slot] = 0;

            // In observe mode a detector row only reports: latching it would hold the module all the same.
            if (row.Latches && (_mode == ControlMode.Act || row.ActsInObserveMode))
            {
                Latch(row, channel);
            }

            WriteEvent(row, channel, value, threshold);
            RequestReaction(row, channel);
            return true;
        }

        public bool IsActive(DiagnosisId id, int channel) => _active[((int)id * _channels) + channel];

        /// <summary>True when any latched diagnosis holds for the module (its cells, itself or the pack).</summary>
        public bool HasLatchedFault(int module) => ModuleLatched[module];

        /// <summary>
        /// Counts changes of the set of latched modules (a latch, a restored latch, a reset of a latched module), so
        /// that the firmware knows when to store it again: latched faults must survive a reset of the device.
        /// </summary>
        public int LatchRevision { get; private set; }

        /// <summary>
        /// The diagnosis that latched the module first; meaningful while <see cref="IsLatchCauseKnown"/>. A module held
        /// only for <see cref="DiagnosisId.TickMissed"/> (the controller's timing, not kept across a reset), or for a
        /// cause not known (restored from a record line that did not read), takes the first other diagnosis that latches
        /// it afterwards as its cause, so that this one is stored and named.
        /// </summary>
        public DiagnosisId LatchCause(int module) => _latchCause[module];

        /// <summary>A <see cref="LatchCell"/> that is no cell.</summary>
        public const int NoCell = -1;

        /// <summary>
        /// The pack-wide index of the cell whose diagnosis is the module's <see cref="LatchCause"/> (the cell that latched it
        /// first), while <see cref="IsLatchCauseKnown"/>; <see cref="NoCell"/> when that diagnosis is about the module, a
        /// temperature sensor or the pack rather than one cell, when the latch was restored from a record stored before a
        /// reset (which names no cell), and when the module is not latched or its cause is not known.
        /// </summary>
        public int LatchCell(int module) => IsLatchCauseKnown(module) ? _latchCell[module] : NoCell;

        /// <summary>True when the module is latched and the diagnosis that latched it is known.</summary>
        public bool IsLatchCauseKnown(int module) => ModuleLatched[module] && _latchCauseKnown[module];

        /// <summary>
        /// True when the module is latched for a cause restored from a record stored before a reset of the device
        /// (<see cref="RestoreLatch"/>), false when it latched in this boot.
        /// </summary>
        public bool IsLatchRestored(int module) => ModuleLatched[module] && _latchRestored[module];

        /// <summary>
        /// Latches the module again for a fault stored before a reset of the device (<paramref name="causeKnown"/>
        /// false: the stored record could not be read, so the cause is not known). It holds until a fault reset, as
        /// the original latch did; the detectors' evidence is not restored, only the latch.
        /// </summary>
        public void RestoreLatch(int module, DiagnosisId cause, bool causeKnown)
        {
            if (!ModuleLatched[module] || (IsHeldForTimingOnly(module) && (!causeKnown || cause != DiagnosisId.TickMissed)))
            {
                ModuleLatched[module] = true;
                _latchCause[module] = cause;
                _latchCell[module] = NoCell;
                _latchCauseKnown[module] = causeKnown;
                _latchRestored[module] = true;
                LatchRevision++;
            }

            if (causeKnown)
            {
                _requests.NoteLatch(module, cause);
            }
        }

        /// <summary>
        /// Clears every diagnosis of a module's cells and of the module, and the pack-wide diagnoses that set (see
        /// <see cref="ClearSetChannel"/>); a channel's intermittent warning stays (<see cref="OutlivesFaultReset"/>).
        /// </summary>
        public void ResetModule(int module)
        {
            if (ModuleLatched[module])
            {
                ModuleLatched[module] = false;
                LatchRevision++;
            }

            int first = _layout.FirstCellOf(module);
            for (int row = 0; row < DiagnosisTable.RowCount; row++)
            {
                DiagnosisTableRow tableRow = _table.RowAt(row);
                if (OutlivesFaultReset(tableRow.Id))
                {
                    continue;
                }

                switch (tableRow.Scope)
                {
                    case DiagnosisScope.Cell:
                        for (int c = first; c < first + _layout.CellsPerModule; c++)
                        {
                            ClearChannel(row, c);
                        }

                        break;
                    case DiagnosisScope.Module:
                        ClearChannel(row, module);
                        break;
                    case DiagnosisScope.Temperature:
                        // A sensor on another module keeps its evidence: that module was not reset.
                        for (int t = 0; t < _sensorModule.Length; t++)
                        {
                            if (_sensorModule[t] == module)
                            {
                                ClearChannel(row, t);
                            }
                            else if (_sensorModule[t] < 0)
                            {
                                ClearSetChannel(row, t);
                            }
                        }

                        break;
                    default:
                        for (int c = 0; c < _channels; c++)
                        {
                            ClearSetChannel(row, c);
                        }

                        break;
                }
            }
        }

        private void Latch(DiagnosisTableRow row, int channel)
        {
            int module = ModuleOf(row.Scope, channel);
            if (module >= 0)
            {
                LatchModule(module, row.Id, row.Scope == DiagnosisScope.Cell ? channel : NoCell);
                return;
            }

            for (int m = 0; m < ModuleLatched.Length; m++)
            {
                LatchModule(m, row.Id, NoCell);
            }
        }

        /// <summary>
        /// True when the module of a row's channel (every module, for the pack) already holds a latched fault that
        /// <paramref name="row"/> would not replace: a module held only for a missed tick, or for an unknown cause, takes
        /// any other row's latch.
        /// </summary>
        private bool IsLatched(DiagnosisTableRow row, int channel)
        {
            bool timing = row.Id == DiagnosisId.TickMissed;
            int module = ModuleOf(row.Scope, channel);
            if (module >= 0)
            {
                return ModuleLatched[module] && (timing || !HasReplaceableCause(module));
            }

            for (int m = 0; m < ModuleLatched.Length; m++)
            {
                if (!ModuleLatched[m] || (!timing && HasReplaceableCause(m)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the module is held only for a missed tick (<see cref="IsHeldForTimingOnly"/>) or for a cause not known
        /// (restored from a record line that did not read): the first other diagnosis that latches it becomes its cause.
        /// A missed tick never replaces an unknown cause: it is not stored, and the module would leave the record.
        /// </summary>
        private bool HasReplaceableCause(int module) => ModuleLatched[module] && (!_latchCauseKnown[module] || _latchCause[module] == DiagnosisId.TickMissed);

        /// <summary>
        /// True when the module is held only for a missed tick latched in this boot or restored: the controller's timing,
        /// which a reset starts afresh and the firmware does not store (a restored one it stores again).
        /// </summary>
        private bool IsHeldForTimingOnly(int module) =>
            ModuleLatched[module] && _latchCauseKnown[module] && _latchCause[module] == DiagnosisId.TickMissed;

        private void LatchModule(int module, DiagnosisId id, int cell)
        {
            // A latch on a module held only for a missed tick becomes its cause: the tick's timing is not stored across
            // a reset, this latch must be, and the module must name it. So does one on a module held for an unknown cause
            // (a restored record line that did not read): the record then names the fault instead of unknown.
            if (!ModuleLatched[module] || (id != DiagnosisId.TickMissed && HasReplaceableCause(module)))
            {
                ModuleLatched[module] = true;
                _latchCause[module] = id;
                _latchCell[module] = cell;
                _latchCauseKnown[module] = true;
                _latchRestored[module] = false;
                LatchRevision++;
            }

            _requests.NoteLatch(module, id);
        }

        /// <summary>
        /// A pack-wide channel at a fault reset of one module: a row that set (the latch the module is reset from) is
        /// cleared, so only new readings set it again; readings still being counted are kept. They count toward a latch
        /// of every module, and starting them over would hold back the latch of the others and outlast the bounded wait
        /// of a pulse that waits for them (<see cref="HasFaultEvidence"/>), which would then close on the unjudged channel.
        /// </summary>
        private void ClearSetChannel(int row, int channel)
        {
            if (_active[(row * _channels) + channel])
            {
                ClearChannel(row, channel);
            }
        }

        /// <summary>
        /// A channel's intermittent warning (<see cref="DiagnosisId.CellChannelIntermittent"/>,
        /// <see cref="DiagnosisId.CurrentChannelIntermittent"/>) is about the measurement wiring, which a fault reset does
        /// not repair, and its end is announced (<see cref="EventKind.ChannelRecovered"/>). Cleared by the reset, it ended
        /// unannounced: a subscriber kept it open for good, and a channel still dropping readings was warned a second time.
        /// It holds nothing (no reaction), so keeping it keeps no module from starting.
        /// </summary>
        private static bool OutlivesFaultReset(DiagnosisId id)
        {
            return id == DiagnosisId.CellChannelIntermittent || id == DiagnosisId.CurrentChannelIntermittent;
        }

        private void ClearChannel(int row, int channel)
        {
            int slot = (row * _channels) + channel;
            SetActive(_table.RowAt(row), channel, slot, false);
            _notOkCount[slot] = 0;
            _okCount[slot] = 0;
            SetPending(slot, row, false);
        }

        private void SetActive(DiagnosisTableRow row, int channel, int slot, bool active)
        {
            if (_active[slot] == active)
            {
                return;
            }

            _active[slot] = active;
            if (ActiveProtectionLevels.IsGradedLevel(row.Id))
            {
                _protectionLevels.Change(ModuleOf(row.Scope, channel), active ? 1 : -1);
            }
        }

        /// <summary>The module a row's channel belongs to; -1 for the pack (pack rows, pack-wide temperature sensors).</summary>
        private int ModuleOf(DiagnosisScope scope, int channel)
        {
            switch (scope)
            {
                case DiagnosisScope.Cell:
                    return _layout.ModuleOf(channel);
                case DiagnosisScope.Module:
                    return channel;
                case DiagnosisScope.Temperature:
                    return _sensorModule[channel];
                default:
                    return -1;
            }
        }

        private void RequestReaction(DiagnosisTableRow row, int channel)
        {
            if (_mode == ControlMode.Observe && !row.ActsInObserveMode)
            {
                return;
            }

            int module = ModuleOf(row.Scope, channel);
            if (row.Scope == DiagnosisScope.Temperature && module >= 0)
            {
                // A sensor on a module: what would act on the pack acts on that module.
                if (row.Reaction != DiagnosisReaction.None)
                {
                    _requests.Request(module, row.Reaction == DiagnosisReaction.IsolatePack ? DiagnosisReaction.IsolateModule : row.Reaction, row.Id);
                }

                return;
            }

            if (row.Reaction == DiagnosisReaction.IsolatePack || row.Scope == DiagnosisScope.Pack || row.Scope == DiagnosisScope.Temperature)
            {
                if (row.Reaction != DiagnosisReaction.None)
                {
                    for (int m = 0; m < _layout.ModuleCount; m++)
                    {
                        _requests.Request(m, row.Reaction == DiagnosisReaction.IsolatePack ? DiagnosisReaction.IsolateModule : row.Reaction, row.Id);
                    }
                }

                return;
            }

            _requests.Request(module, row.Reaction, row.Id);
        }

        private void WriteEvent(DiagnosisTableRow row, int channel, int value, int threshold)
        {
            int module = -1;
            int cell = -1;
            if (row.Scope == DiagnosisScope.Cell)
            {
                cell = channel;
                module = _layout.ModuleOf(channel);
            }
            else if (row.Scope == DiagnosisScope.Module)
            {
                module = channel;
            }
            else if (row.Scope == DiagnosisScope.Temperature)
            {
                module = _sensorModule[channel];
            }

            // A fault's event may use the records kept for one a module: it says why the module latched.
            TelemetryRecord record = row.Severity == Severity.Fault
                ? _telemetry.AppendFault(TelemetryRecordKind.Event, _timestampMs, module, cell)
                : _telemetry.Append(TelemetryRecordKind.Event, _timestampMs, module, cell);
            record.EventKind = row.EventKind;
            record.Diagnosis = row.Id;
            record.HasDiagnosis = true;
            record.Severity = row.Severity;
            record.Value = value;
            record.Threshold = threshold;
        }
    }
}
