// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Detection;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Soft short per cell ([W], [T]: filaments through the electrolyte make intermittent shunts):
    /// spikes (sudden drops that recover), pulse-edge resistance fallen below its recent median,
    /// self-discharge during rest after stripping, and per module the coulombic efficiency of a stripping
    /// that ran to the cut-off against the plating before it. Two indicators together, repeated spikes, or a resistance
    /// drop that stays confirm the short. A held module (a latched fault) is not judged.
    /// </summary>
    [HotPath]
    public sealed class SoftShortDetector
    {
        /// <summary>Samples after a switch change in which drops are relaxation, not spikes.</summary>
        private const int EdgeSettleSamples = 3;

        private readonly SoftShortConfiguration _configuration;
        private readonly PackLayout _layout;

        // Spike tracking per cell.
        private readonly int[] _spikeDropMv;
        private readonly int[] _spikeLevelMv;
        private readonly long[] _spikeStartMs;
        private readonly bool[] _spikeOpen;

        // Per cell: the drop that opens a spike, the configured floor or the noise limit, whichever is larger;
        // renewed at every pulse edge and whenever the measurement renews the reading noise (NoiseRenewed, also 40
        // samples into a pulse before any rest has measured it); until then, and through a step without edges, the
        // floor alone.
        private readonly int[] _spikeLimitMv;

        // Per cell: the spike limit has come from a measured reading noise at least once. Before that (the first 40
        // samples of the first pulse after start-up) spikes are judged against the floor alone and warn, but do not
        // confirm the short, and they are forgotten when the first figure arrives: uniform noise of +-14 mV or more
        // crosses the 20 mV floor within a few samples, and on 100-150 uA strip pulses (39-58 mV of polarisation)
        // such drops take 40 % of it away, so two of them confirmed a soft short on a healthy cell 0.1-0.3 s after
        // start-up. A drop against noise of unknown size says nothing about a shunt.
        private readonly bool[] _spikeLimitMeasured;

        // Per module: cells with a spike open, so a module without one and without a drop is passed over, and
        // cells with spikes counted, so a module without any needs no look at its cells' confirmation.
        private readonly int[] _openSpikes;
        private readonly int[] _spikyCells;
        private readonly bool[] _spikeInCycle;
        private readonly int[] _spikeCount;

        // Per cell: the polarisation's magnitude just before the open spike's drop, and the deep spikes of the
        // episode (spikes under current taking at least DeepSpikePercent of the polarisation away).
        private readonly int[] _spikePreLevelMv;
        private readonly int[] _deepSpikeCount;

        // Self-discharge: the relaxed voltage before the previous pulse, per cell.
        private readonly int[] _referenceMv;
        private readonly bool[] _hasReference;

        // Edge resistance history per cell (ring) and a scratch array for the median.
        private readonly int[][] _resistanceHistory;
        private readonly int[] _resistanceCount;
        private readonly int[] _scratch;

        // Per cell: the edge current step (uA) the resistance history was learned at.
        private readonly int[] _resistanceStepUa;

        // Per cell: the lowest running median at the present operating point, the reference a lasting drop is judged
        // against (milliohm; int.MaxValue before the first median), the edges in a row below the reference's drop limit,
        // and when the cell's previous edge was measured. Such an edge is a parallel path, not the interface changing: it
        // stays out of the history, so the median keeps the cell's own resistance and a path that stays stays reported
        // (it pulled the median down within five edges, and the warning healed while the path carried three quarters of
        // the current). Enough of them in a row confirm the short. The reference falls with the running median at once
        // and follows its rise only slowly (ResistanceReferenceRisePpm an edge): a healthy interface's slow rise is
        // followed, so a path that forms late is judged against the cell's resistance then, not when it was fresh; a
        // rise over a few hundred edges (depletion) is not, so a recovery toward the earlier level is no lasting drop.
        // After a long gap between edges (ResistanceHealingGapMs) it starts again from the lowest median: the slow
        // damage heals over long rests, and the edges fall back toward the fresh level.
        private readonly int[] _lowestMedianMilliohm;
        private readonly int[] _referenceMilliohm;

        // Per cell: the floor a history that starts again (a change of operating point, a fault reset) is filled against
        // (milliohm, int.MaxValue for none): the lowest median before it, or the floor it carried when no median came
        // there, scaled to the new current step when that is larger. A cell's voltage step does not fall as its current
        // rises, so its edge resistance at the new step is not below the old one times old step / new step; an edge below
        // the floor's drop limit is a parallel path present across the change. It stays out of the new history and counts
        // toward the lasting drop: a path present across the change was learned into the new median and never confirmed.
        private readonly int[] _floorMilliohm;

        // Per cell: the history has started at the present operating point (false at boot, after a fault reset and
        // at a change of operating point). While every edge is a path below the floor the history stays empty, and
        // the count goes on from edge to edge.
        private readonly bool[] _historyStarted;
        private readonly int[] _lastingDropEdges;
        private readonly long[] _lastEdgeMs;

        // Coulombic efficiency per module ([T] Fig. 3A: plated Na stripped until the voltage rises at its depletion): the
        // charge plated and stripped since the last stripping that ended at the cut-off (or since boot or a fault
        // reset), and whether the latest strip pulse sample reached that cut-off. Only such a stripping says how much of
        // the plated metal came back; a strip step that ends on its time moves the charge the protocol schedules, and
        // the ratio of two scheduled charges (100 s plating, 20 s stripping: 19 %) says nothing about the cell.
        private readonly ProtocolConfiguration _protocol;
        private readonly long[] _platedSinceEmptyUc;
        private readonly long[] _strippedSinceEmptyUc;
        private readonly bool[] _stripAtCutoff;
        private readonly bool[] _lastPulseWasStrip;

        public SoftShortDetector(ControllerConfiguration configuration, PackLayout layout)
        {
            _configuration = configuration.SoftShort;
            _layout = layout;
            int cells = layout.CellCount;
            _spikeDropMv = new int[cells];
            _spikeLevelMv = new int[cells];
            _spikeStartMs = new long[cells];
            _spikeOpen = new bool[cells];
            _spikeLimitMv = new int[cells];
            _spikeLimitMeasured = new bool[cells];
            for (int c = 0; c < cells; c++)
            {
                _spikeLimitMv[c] = _configuration.SpikeDropMv;
            }

            _spikeInCycle = new bool[cells];
            _spikeCount = new int[cells];
            _spikePreLevelMv = new int[cells];
            _deepSpikeCount = new int[cells];
            _referenceMv = new int[cells];
            _hasReference = new bool[cells];
            _resistanceHistory = new int[cells][];
            for (int c = 0; c < cells; c++)
            {
                _resistanceHistory[c] = new int[_configuration.ResistanceHistory];
            }

            _resistanceCount = new int[cells];
            _resistanceStepUa = new int[cells];
            _lowestMedianMilliohm = new int[cells];
            _referenceMilliohm = new int[cells];
            _floorMilliohm = new int[cells];
            _historyStarted = new bool[cells];
            for (int c = 0; c < cells; c++)
            {
                _lowestMedianMilliohm[c] = int.MaxValue;
                _floorMilliohm[c] = int.MaxValue;
            }

            _lastingDropEdges = new int[cells];
            _lastEdgeMs = new long[cells];
            _scratch = new int[_configuration.ResistanceHistory];
            int modules = layout.ModuleCount;
            _openSpikes = new int[modules];
            _spikyCells = new int[modules];
            _protocol = configuration.Protocol;
            _platedSinceEmptyUc = new long[modules];
            _strippedSinceEmptyUc = new long[modules];
            _stripAtCutoff = new bool[modules];
            _lastPulseWasStrip = new bool[modules];
        }

        /// <summary>Spikes counted on a cell in the current episode (consecutive spiky cycles, or while the spike warning is active).</summary>
        public int SpikeCount(int cell) => _spikeCount[cell];

        /// <summary>
        /// Forgets every piece of evidence about a module and its cells (fault reset): spikes, resistance
        /// history, the self-discharge reference and the coulombic-efficiency phases. Evidence gathered before
        /// the reset must not confirm a short again after it; only what is measured from now on counts. The lowest
        /// resistance median is kept as the floor the new history is filled against: it is the cell's own resistance,
        /// not evidence, and a path still present after the reset is judged against it (a confirmed lasting path was
        /// otherwise learned into the new median and ran on unseen).
        /// </summary>
        public void ResetModule(int module)
        {
            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                _spikeOpen[c] = false;
                _spikeInCycle[c] = false;
                _spikeCount[c] = 0;
                _deepSpikeCount[c] = 0;
                _hasReference[c] = false;
                _resistanceCount[c] = 0;
                _historyStarted[c] = false;
                _lastingDropEdges[c] = 0;
            }

            _openSpikes[module] = 0;
            _spikyCells[module] = 0;
            _platedSinceEmptyUc[module] = 0;
            _strippedSinceEmptyUc[module] = 0;
            _stripAtCutoff[module] = false;
            _lastPulseWasStrip[module] = false;
        }

        public void Evaluate(MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            // Arrays and limits in locals: on the device every field and property load is an interpreted instruction.
            int cellsPerModule = _layout.CellsPerModule;
            int modules = _layout.ModuleCount;
            int[] phaseSampleCount = snapshot.PhaseSampleCount;
            ModulePhase[] phases = snapshot.Phase;
            bool[] phaseStarted = snapshot.PhaseStarted;
            bool[] pulseEnded = snapshot.PulseEnded;
            bool[] noiseRenewed = snapshot.NoiseRenewed;
            int[] currents = snapshot.ModuleCurrentUa;
            bool[] currentValid = snapshot.ModuleCurrentValid;
            int[] setpoints = snapshot.SetpointUa;
            int spikeDropMv = _configuration.SpikeDropMv;
            bool[] latched = diagnosis.ModuleLatched;

            // No indicator active anywhere and nothing pending on the confirmation: a cell without enough spikes
            // would only report Ok to a quiet row, which changes nothing (ConfirmingIndicators >= 1). Only Confirm
            // reports the confirmation row, each cell once, so quiet now holds for each cell's turn; the indicator
            // rows are asked again after a module whose own evaluation may have reported to them. The family's count
            // first, read here: on a healthy tick it answers without the two calls.
            bool quiet = diagnosis.PendingInFamily[(int)StopReason.SoftShort] == 0 || IndicatorsQuiet(diagnosis);
            for (int m = 0; m < modules; m++)
            {
                if (latched[m])
                {
                    // Held, its switch open: no new verdicts. The closing edge of the pulse its isolation aborted is
                    // measured across the fault that isolated it (a hard short read as a resistance drop, 13 ohm against
                    // a 364 ohm limit), and a fault reset forgets the module's evidence anyway.
                    continue;
                }

                int first = m * cellsPerModule;
                int last = first + cellsPerModule;
                bool settled = phaseSampleCount[m] > EdgeSettleSamples;
                bool current = phases[m] == ModulePhase.Current;

                // A shunt pulls the cell toward 0 V: down while stripping, up while plating (negative
                // voltages). Spikes are tracked on the polarisation's magnitude in the current direction,
                // or in the last pulse's direction during a rest. Under current the direction is the reading's when it
                // is valid and the setpoint's otherwise: a saturated channel carries its rail (-3000 uA below its range
                // while stripping), and read as the direction it turned the polarisation over for that sample (an open
                // spike's lowest reading became minus its level, the next sample "recovered" it as a deep spike while the
                // shunt still held) and a stripping that ended at the cut-off on such a sample was never judged for its
                // coulombic efficiency.
                int directionUa = current ? (currentValid[m] ? currents[m] : setpoints[m]) : snapshot.LastPulseCurrentUa[m];
                int polarity = directionUa < 0 ? -1 : 1;

                // A current edge (pulse start, end or reversal) moves the voltage by design: a spike still
                // open across it is not judged on the far side.
                bool started = phaseStarted[m];
                bool ended = pulseEnded[m];
                bool edge = started || ended;
                bool reported = edge;
                if (edge)
                {
                    for (int c = first; c < last; c++)
                    {
                        _spikeOpen[c] = false;
                    }

                    _openSpikes[m] = 0;
                }

                // Nothing to track unless a spike is open or a valid cell dropped by a spike's depth (the module's
                // largest drop in the polarisation's direction against the floor tells; each cell's own limit is at
                // least the floor).
                // Before the module's first pulse (idle since boot, or a unit left uncalibrated) there is no polarisation
                // for a shunt to collapse: the cells sit at their open-circuit level, and a drop there is reading noise
                // that no pulse has measured yet (5 mV of it on an ESP32 front end gave a confirmed soft short in
                // seconds). Spikes count from the first pulse on.
                bool polarised = current || directionUa != 0;
                int largestDropMv = polarity > 0 ? -snapshot.MinimumDeltaMv[m] : snapshot.MaximumDeltaMv[m];
                if (polarised && (_openSpikes[m] > 0 || (settled && largestDropMv >= spikeDropMv)))
                {
                    reported = true;
                    TrackSpikes(m, first, last, settled, polarity, snapshot, diagnosis);
                }

                bool edgeMeasured = snapshot.EdgeMeasured[m];
                if (edgeMeasured || noiseRenewed[m])
                {
                    RenewSpikeLimits(m, first, last, snapshot);
                }

                if (edgeMeasured)
                {
                    reported = true;
                    EvaluateResistances(m, first, last, snapshot, diagnosis);
                }

                if (ended)
                {
                    EndOfCycle(m, first, last, snapshot, diagnosis);
                }

                // After EndOfCycle, which judges the pulse that ended by its last sample's flag (a reversal's new pulse
                // would otherwise overwrite it): the decision ends a stripping at the cut-off on the valid maximum.
                if (current)
                {
                    _stripAtCutoff[m] = directionUa > 0 && snapshot.ValidMaximumMv[m] >= _protocol.StripCutoffMv;
                }

                if (started && current)
                {
                    // A new pulse begins: its pre-pulse voltage is where the rest ended.
                    EvaluateSelfDischarges(m, first, last, snapshot, diagnosis);
                }

                if (reported && quiet)
                {
                    quiet = IndicatorsQuiet(diagnosis);
                }

                // With rows quiet, only a cell with enough spikes can report, and none has any spikes unless counted.
                if (quiet && _spikyCells[m] == 0)
                {
                    continue;
                }

                ConfirmCells(m, first, last, quiet, diagnosis);
            }
        }

        /// <summary>The module's valid cells with a spike open or a drop by a spike's depth (see <see cref="TrackSpike"/>).</summary>
        private void TrackSpikes(int module, int first, int last, bool settled, int polarity, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            bool[] cellValid = snapshot.CellValid;
            int[] deltas = snapshot.CellDeltaMv;
            bool[] spikeOpen = _spikeOpen;
            int[] spikeLimitMv = _spikeLimitMv;
            for (int c = first; c < last; c++)
            {
                if (cellValid[c] && (spikeOpen[c] || (settled && -(polarity * deltas[c]) >= spikeLimitMv[c])))
                {
                    TrackSpike(c, module, settled, polarity, snapshot, diagnosis);
                }
            }
        }

        /// <summary>The drop that opens a spike, from the reading noise the measurement renewed or measured at an edge.</summary>
        private void RenewSpikeLimits(int module, int first, int last, MeasurementSnapshot snapshot)
        {
            for (int c = first; c < last; c++)
            {
                int varianceCentiMv2 = snapshot.NoiseVarianceCentiMv2[c];
                if (snapshot.CellValid[c] && varianceCentiMv2 > 0)
                {
                    _spikeLimitMv[c] = NoiseLimit.Mv(2L * varianceCentiMv2, _configuration.SpikeSigmaTenths, _configuration.SpikeDropMv);
                    if (!_spikeLimitMeasured[c])
                    {
                        // The first figure: the spikes counted against the floor alone are not evidence, nor is one
                        // still open.
                        _spikeLimitMeasured[c] = true;
                        if (_spikeOpen[c])
                        {
                            _spikeOpen[c] = false;
                            _openSpikes[module]--;
                        }

                        if (_spikeCount[c] != 0)
                        {
                            _spikyCells[module]--;
                        }

                        _spikeCount[c] = 0;
                        _deepSpikeCount[c] = 0;
                    }
                }
            }
        }

        /// <summary>The edge resistances the module's valid cells showed at its measured current edge.</summary>
        private void EvaluateResistances(int module, int first, int last, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int stepUa = snapshot.EdgeCurrentUa[module];
            long nowMs = snapshot.TimestampMs;
            for (int c = first; c < last; c++)
            {
                if (snapshot.CellValid[c])
                {
                    EvaluateResistance(c, snapshot.EdgeResistanceMilliohm[c], stepUa, EdgeResistanceNoise.SigmaMilliohm(snapshot.NoiseVarianceCentiMv2[c], stepUa), nowMs, diagnosis);
                }
            }
        }

        /// <summary>At a pulse's start, the rest that ended before it on each valid cell.</summary>
        private void EvaluateSelfDischarges(int module, int first, int last, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            for (int c = first; c < last; c++)
            {
                if (snapshot.CellValid[c])
                {
                    EvaluateSelfDischarge(c, _lastPulseWasStrip[module], snapshot.PrePulseVoltageMv[c], snapshot.NoiseVarianceCentiMv2[c], diagnosis);
                }
            }
        }

        /// <summary>
        /// The confirmation of the module's cells: every cell while a row is pending (<paramref name="quiet"/> false),
        /// otherwise only a cell with enough spikes, the only one that can report.
        /// </summary>
        private void ConfirmCells(int module, int first, int last, bool quiet, DiagnosisManager diagnosis)
        {
            int confirmingSpikes = _configuration.ConfirmingSpikeCount;
            for (int c = first; c < last; c++)
            {
                if (!quiet || _spikeCount[c] >= confirmingSpikes)
                {
                    Confirm(c, module, diagnosis);
                }
            }
        }

        private static bool IndicatorsQuiet(DiagnosisManager diagnosis)
        {
            // The family quiet (a healthy tick) answers for the five rows at once.
            return diagnosis.IsFamilyQuiet(StopReason.SoftShort)
                || (diagnosis.IsQuiet(DiagnosisId.SoftShortConfirmed)
                    && diagnosis.IsQuiet(DiagnosisId.SoftShortSpike)
                    && diagnosis.IsQuiet(DiagnosisId.SoftShortResistanceDrop)
                    && diagnosis.IsQuiet(DiagnosisId.SoftShortSelfDischarge)
                    && diagnosis.IsQuiet(DiagnosisId.SoftShortEfficiencyDrop));
        }

        private void TrackSpike(int cell, int module, bool settled, int polarity, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            int v = polarity * snapshot.CellVoltageMv[cell];
            if (_spikeOpen[cell])
            {
                // Recovered by half the drop: a spike. Still down after the recovery time: a step, not a spike.
                if (v - _spikeLevelMv[cell] >= _spikeDropMv[cell] / 2)
                {
                    _spikeOpen[cell] = false;
                    _openSpikes[module]--;
                    _spikeInCycle[cell] = true;
                    if (_spikeCount[cell] == 0)
                    {
                        _spikyCells[module]++;
                    }

                    _spikeCount[cell]++;

                    // Under current the polarisation is the cell's own: a drop that takes a large share of it away is
                    // a parallel path carrying that share of the current, not a reading error (at rest the
                    // polarisation relaxes toward 0 V and any drop would be a large share of it).
                    // The depth is taken to the spike's lowest reading, not the first sample's drop: a shunt that
                    // connects between two samples shows its drop spread over both.
                    int preLevelMv = _spikePreLevelMv[cell];
                    if (snapshot.Phase[module] == ModulePhase.Current && preLevelMv > 0
                        && (long)(preLevelMv - _spikeLevelMv[cell]) * 100 >= (long)preLevelMv * _configuration.DeepSpikePercent)
                    {
                        _deepSpikeCount[cell]++;
                    }

                    diagnosis.Report(DiagnosisId.SoftShortSpike, cell, true, _spikeDropMv[cell], _spikeLimitMv[cell]);
                }
                else if (snapshot.TimestampMs - _spikeStartMs[cell] > _configuration.SpikeRecoveryMs)
                {
                    _spikeOpen[cell] = false;
                    _openSpikes[module]--;
                }
                else if (v < _spikeLevelMv[cell])
                {
                    _spikeLevelMv[cell] = v;
                }

                return;
            }

            int delta = polarity * snapshot.CellDeltaMv[cell];
            if (settled && -delta >= _spikeLimitMv[cell])
            {
                _spikeOpen[cell] = true;
                _openSpikes[module]++;
                _spikeDropMv[cell] = -delta;
                _spikeLevelMv[cell] = v;
                _spikePreLevelMv[cell] = v - delta;
                _spikeStartMs[cell] = snapshot.TimestampMs;
            }
        }

        private void EvaluateResistance(int cell, int resistanceMilliohm, int stepUa, long sigmaMilliohm, long nowMs, DiagnosisManager diagnosis)
        {
            int[] history = _resistanceHistory[cell];
            int count = _resistanceCount[cell];
            long learnedUa = _resistanceStepUa[cell];
            long differenceUa = stepUa - learnedUa;
            differenceUa = differenceUa < 0 ? -differenceUa : differenceUa;
            bool started = _historyStarted[cell];
            if (started && differenceUa * 100 > learnedUa * _configuration.ResistanceOperatingPointChangePercent)
            {
                // A new operating point: resistances at two currents are not comparable, so the median starts again
                // (and the indicator is judged again once three edges at this current are known).
                count = 0;
                started = false;
            }

            if (!started)
            {
                _historyStarted[cell] = true;
                count = 0;
                _resistanceCount[cell] = 0;

                // The history starts again (first edge, new operating point or fault reset): what was learned before
                // carries over only as the floor the new history is filled against.
                int floor = _lowestMedianMilliohm[cell] != int.MaxValue ? _lowestMedianMilliohm[cell] : _floorMilliohm[cell];
                if (floor != int.MaxValue && stepUa > learnedUa)
                {
                    floor = (int)((long)floor * learnedUa / stepUa);
                }

                _floorMilliohm[cell] = floor;
                _resistanceStepUa[cell] = stepUa;
                _lowestMedianMilliohm[cell] = int.MaxValue;
                _referenceMilliohm[cell] = int.MaxValue;
                _lastingDropEdges[cell] = 0;
            }

            long gapMs = nowMs - _lastEdgeMs[cell];
            _lastEdgeMs[cell] = nowMs;
            int filled = count < history.Length ? count : history.Length;
            if (filled >= 3)
            {
                int median = Median(history, filled);
                int lowest = _lowestMedianMilliohm[cell];
                if (median < lowest)
                {
                    lowest = median;
                    _lowestMedianMilliohm[cell] = median;
                }

                int reference = FollowMedian(gapMs > _configuration.ResistanceHealingGapMs ? lowest : _referenceMilliohm[cell], median);
                _referenceMilliohm[cell] = reference;
                long limit = DropLimitMilliohm(median, sigmaMilliohm);
                diagnosis.Report(DiagnosisId.SoftShortResistanceDrop, cell, resistanceMilliohm < limit, resistanceMilliohm, (int)limit);
                if (resistanceMilliohm < DropLimitMilliohm(reference, sigmaMilliohm))
                {
                    // A parallel path: kept out of the history, counted toward the lasting drop.
                    _lastingDropEdges[cell]++;
                    return;
                }
            }
            else if (_floorMilliohm[cell] != int.MaxValue)
            {
                long floorLimit = DropLimitMilliohm(_floorMilliohm[cell], sigmaMilliohm);
                if (resistanceMilliohm < floorLimit)
                {
                    // Below the floor carried across the change: a path, kept out of the new history and counted.
                    diagnosis.Report(DiagnosisId.SoftShortResistanceDrop, cell, true, resistanceMilliohm, (int)floorLimit);
                    _lastingDropEdges[cell]++;
                    return;
                }
            }

            _lastingDropEdges[cell] = 0;
            history[count % history.Length] = resistanceMilliohm;

            // Once the history is full only the ring position matters: the count stays below twice its length, at the
            // same position. Counted on, it went negative after 2^31 edges at one operating point (248 days of 10 ms
            // pulses) and the next edge's index was outside the history, an exception in the tick.
            _resistanceCount[cell] = count < history.Length ? count + 1 : history.Length + ((count - history.Length + 1) % history.Length);
        }

        /// <summary>
        /// The lasting drop's reference after this edge's median (milliohm): the median itself when it is not above the
        /// reference (int.MaxValue before the first), otherwise the reference risen by
        /// <see cref="SoftShortConfiguration.ResistanceReferenceRisePpm"/> of itself (at least 1), at most to the median.
        /// So the reference is never above the running median: a lasting drop is always a drop against the median too.
        /// </summary>
        private int FollowMedian(int referenceMilliohm, int medianMilliohm)
        {
            if (medianMilliohm <= referenceMilliohm)
            {
                return medianMilliohm;
            }

            long risen = referenceMilliohm + (((long)referenceMilliohm * _configuration.ResistanceReferenceRisePpm) / 1000000);
            if (_configuration.ResistanceReferenceRisePpm > 0 && risen == referenceMilliohm)
            {
                risen++;
            }

            return risen < medianMilliohm ? (int)risen : medianMilliohm;
        }

        /// <summary>
        /// An edge below this is a drop against a median: below it by the percentage and by what noise does to one edge
        /// reading (at a small current step, a low-current pack, that scatter is a large fraction of the resistance, and a
        /// percentage alone would raise false alarms on healthy cells). Milliohm, at least 0.
        /// </summary>
        private long DropLimitMilliohm(int medianMilliohm, long sigmaMilliohm)
        {
            long percentMargin = (long)medianMilliohm * (100 - _configuration.ResistanceDropPercent) / 100;
            long noiseMargin = sigmaMilliohm * _configuration.ResistanceDropSigmaTenths / 10;
            long limit = medianMilliohm - (percentMargin > noiseMargin ? percentMargin : noiseMargin);
            return limit < 0 ? 0 : limit;
        }

        private void EvaluateSelfDischarge(int cell, bool afterStripping, int restEndMv, int varianceCentiMv2, DiagnosisManager diagnosis)
        {
            // After a stripping pulse the cell relaxes down toward the voltage it had before that pulse,
            // from above; ending a rest well below it takes a parallel path draining the cell.
            if (afterStripping && _hasReference[cell])
            {
                // Both rest ends are means of BaselineSamples readings: their difference scatters by the reading
                // noise x sqrt(2 / BaselineSamples), which at +-40 mV of ADC noise (11.7 mV) makes the 15 mV floor a
                // 1.3 sigma event. Until the noise is measured (0) the floor alone.
                int limitMv = NoiseLimit.Mv(2L * varianceCentiMv2 / PackMeasurement.BaselineSamples, _configuration.SelfDischargeSigmaTenths, _configuration.SelfDischargeMv);
                int sinkMv = _referenceMv[cell] - restEndMv;
                diagnosis.Report(DiagnosisId.SoftShortSelfDischarge, cell, sinkMv > limitMv, sinkMv, limitMv);
            }

            _referenceMv[cell] = restEndMv;
            _hasReference[cell] = true;
        }

        private void EndOfCycle(int module, int first, int last, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            for (int c = first; c < last; c++)
            {
                if (!_spikeInCycle[c])
                {
                    diagnosis.Report(DiagnosisId.SoftShortSpike, c, false, 0, _spikeLimitMv[c]);

                    // A lone noise spike now and then must not add up over days to a confirmed short: count
                    // only the spikes of the current episode (spiky cycles in a row, or the warning active).
                    if (!diagnosis.IsActive(DiagnosisId.SoftShortSpike, c))
                    {
                        if (_spikeCount[c] != 0)
                        {
                            _spikyCells[module]--;
                        }

                        _spikeCount[c] = 0;
                        _deepSpikeCount[c] = 0;
                    }
                }

                _spikeInCycle[c] = false;
            }

            long charge = snapshot.LastPulseChargeUc[module];
            bool plate = snapshot.LastPulseCurrentUa[module] < 0;
            if (plate)
            {
                _platedSinceEmptyUc[module] -= charge;
            }
            else
            {
                _strippedSinceEmptyUc[module] += charge;
                if (_stripAtCutoff[module])
                {
                    // Stripped until the voltage limit: what the plating put there has come back, less what was lost.
                    EvaluateEfficiency(module, diagnosis);
                    _platedSinceEmptyUc[module] = 0;
                    _strippedSinceEmptyUc[module] = 0;
                }
            }

            _lastPulseWasStrip[module] = !plate;
        }

        private void EvaluateEfficiency(int module, DiagnosisManager diagnosis)
        {
            // Nothing plated: the stripping drew on the anode's own metal (a NaK alloy), no efficiency to judge. An alloy
            // anode that plated less than it stripped reads above 100 %.
            long platedUc = _platedSinceEmptyUc[module];
            if (platedUc <= 0)
            {
                return;
            }

            long percent = _strippedSinceEmptyUc[module] * 100 / platedUc;
            if (percent > int.MaxValue)
            {
                percent = int.MaxValue;
            }

            diagnosis.Report(DiagnosisId.SoftShortEfficiencyDrop, module, percent < _configuration.MinimumCoulombicEfficiencyPercent, (int)percent, _configuration.MinimumCoulombicEfficiencyPercent);
        }

        private void Confirm(int cell, int module, DiagnosisManager diagnosis)
        {
            // The spike warning counts while a spike judged against the measured noise holds it: one raised against the
            // floor alone heals only after 500 quiet pulses, and with a noise-bound self-discharge reading (+-40 mV of
            // uniform noise) it confirmed a healthy cell's short minutes after start-up.
            int indicators = 0;
            if (diagnosis.IsActive(DiagnosisId.SoftShortSpike, cell) && _spikeLimitMeasured[cell] && _spikeCount[cell] > 0)
            {
                indicators++;
            }

            if (diagnosis.IsActive(DiagnosisId.SoftShortResistanceDrop, cell))
            {
                indicators++;
            }

            if (diagnosis.IsActive(DiagnosisId.SoftShortSelfDischarge, cell))
            {
                indicators++;
            }

            if (diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, module))
            {
                indicators++;
            }

            // The event carries the evidence that confirmed it: indicators against their count, or else the deep
            // spikes or the spikes against theirs, so its value never contradicts the confirmation it reports.
            if (indicators >= _configuration.ConfirmingIndicators)
            {
                diagnosis.Report(DiagnosisId.SoftShortConfirmed, cell, true, indicators, _configuration.ConfirmingIndicators);
            }
            else if (_spikeLimitMeasured[cell] && _deepSpikeCount[cell] >= _configuration.ConfirmingDeepSpikeCount)
            {
                diagnosis.Report(DiagnosisId.SoftShortConfirmed, cell, true, _deepSpikeCount[cell], _configuration.ConfirmingDeepSpikeCount);
            }
            else if (_lastingDropEdges[cell] >= _configuration.ConfirmingResistanceDropEdges)
            {
                // A path that formed and stays: the edges in a row below the reference's drop limit.
                diagnosis.Report(DiagnosisId.SoftShortConfirmed, cell, true, _lastingDropEdges[cell], _configuration.ConfirmingResistanceDropEdges);
            }
            else
            {
                // Spikes judged against the floor alone (no reading noise measured yet) do not confirm.
                int spikes = _spikeCount[cell];
                diagnosis.Report(DiagnosisId.SoftShortConfirmed, cell, _spikeLimitMeasured[cell] && spikes >= _configuration.ConfirmingSpikeCount, spikes, _configuration.ConfirmingSpikeCount);
            }
        }

        private int Median(int[] values, int count)
        {
            // Insertion sort into scratch: at most 64 values, once per pulse edge.
            for (int i = 0; i < count; i++)
            {
                int value = values[i];
                int j = i - 1;
                while (j >= 0 && _scratch[j] > value)
                {
                    _scratch[j + 1] = _scratch[j];
                    j--;
                }

                _scratch[j + 1] = value;
            }

            return _scratch[count / 2];
        }
    }
}
