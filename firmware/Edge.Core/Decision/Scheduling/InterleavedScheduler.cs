// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Decision.Scheduling
{
    /// <summary>
    /// Rotates modules so the pack current stays continuous while each module gets pulses and rests.
    /// As many modules are on as the modules' duty-cycle capability sustains after the headroom, never fewer than the
    /// demand needs at the protocol's pulse current (they share the demand equally); when a pulse ends, the relaxed
    /// module that has delivered the least charge (the one ready longest among equals) takes over in the same tick, so
    /// the load sees neither a gap nor an overlap. A module that answers depletion with a
    /// lower current (act mode) delivers less than its grant, and the next ready module covers the rest. A module whose rest grew (depletion
    /// warning), that is isolated or finished is simply never ready, which re-plans the rotation. When
    /// no module is ready the pack delivers less and says so (derate event) rather than overdriving.
    /// Once a module has run out (cut-off), the pack is at its end of life: no module's share rises above the share
    /// in force then, and rests are no longer cut short, so the pack derates while each module runs out on its own.
    /// </summary>
    [HotPath]
    public sealed class InterleavedScheduler
    {
        private readonly PackSchedulingConfiguration _configuration;
        private readonly int _pulseCurrentUa;
        private long _startMs = -1;
        private bool _derated;
        private long _metSinceMs = -1;
        private int _shareUa;
        private bool _endOfLife;

        public InterleavedScheduler(PackSchedulingConfiguration configuration, int pulseCurrentUa)
        {
            _configuration = configuration;
            _pulseCurrentUa = pulseCurrentUa;
        }

        /// <summary>Demand in force at this tick (uA).</summary>
        public int DemandUa { get; private set; }

        /// <summary>Modules that should be on for the current demand.</summary>
        public int ModulesWanted { get; private set; }

        /// <summary>Current the pulsing modules deliver at this tick (uA).</summary>
        public int DeliveredUa { get; private set; }

        /// <summary>Ticks in which the pulsing modules delivered less than the demand.</summary>
        public long ShortfallTicks { get; private set; }

        /// <summary>Runs after every module's Trigger in the tick; grants pulses to ready modules.</summary>
        public void Trigger(long now, ModuleDutyCycle[] modules, TelemetryBuffer telemetry)
        {
            if (_startMs < 0)
            {
                _startMs = now;
            }

            int demand = DemandAt(now - _startMs);
            DemandUa = demand;
            int wanted = PlanModulesOn(demand, modules);
            ModulesWanted = wanted;
            // A shortfall below 1 % of the protocol's pulse current is not worth another module's pulse: it is within
            // the current source's setpoint resolution (a 12-bit DAC over the 1.9 mA range steps by about 0.5 uA), and
            // dividing the demand among modules leaves a few uA of rounding.
            int toleranceUa = _pulseCurrentUa / 100;

            // Equal shares, rounded down. A remainder beyond the tolerance is shared out by rounding up instead (the
            // last module granted takes only what is still missing): left over, it went to one more module's whole
            // pulse at a few uA.
            int planned = wanted == 0 ? 0 : demand / wanted;
            if (wanted > 0 && demand - (planned * wanted) > toleranceUa)
            {
                planned++;
            }

            // Past the pack's end of life a module's share stays what it was when the first one ran out.
            int share = _endOfLife && planned > _shareUa ? _shareUa : planned;

            // What the pulsing modules deliver now: in act mode a module may pulse below its grant (a lower current
            // is its answer to depletion), so the demand is counted in current, not in modules.
            int delivered = 0;
            for (int m = 0; m < modules.Length; m++)
            {
                ModuleState state = modules[m].State;
                if (state == ModuleState.Pulse)
                {
                    delivered += Magnitude(modules[m].SetpointUa);
                }
                else if (state == ModuleState.Done && !_endOfLife && modules[m].StopReason == StopReason.Cutoff)
                {
                    // A module ran out at the share it had. Its siblings share its history and sit as close to their
                    // own exhaustion: handing them its part as well pushes them past it within seconds, one after
                    // the other, and strands the charge the slower ones still hold. The pack derates instead, and
                    // each module goes on at its share, with full rests, until it runs out itself.
                    _endOfLife = true;
                    share = _shareUa > 0 && _shareUa < share ? _shareUa : share;
                }
            }

            if (!_endOfLife)
            {
                _shareUa = share;
            }

            // Demand fell: end the pulses the others can do without now rather than overshoot for the rest of the pulse.
            for (int m = 0; m < modules.Length && delivered > demand; m++)
            {
                int setpoint = Magnitude(modules[m].SetpointUa);
                if (modules[m].State == ModuleState.Pulse && delivered - setpoint >= demand - toleranceUa)
                {
                    modules[m].EndPulseEarly(now, telemetry);
                    delivered -= setpoint;
                }
            }

            // A demand that fell within a pulse that cannot end yet: the pulsing modules go on at less, not at the old
            // demand for the rest of their pulses.
            for (int m = 0; m < modules.Length && delivered - demand > toleranceUa; m++)
            {
                if (modules[m].State != ModuleState.Pulse)
                {
                    continue;
                }

                int setpoint = Magnitude(modules[m].SetpointUa);
                int keep = setpoint - (delivered - demand);
                if (keep < 1)
                {
                    keep = 1;
                }

                // The module delivers its percentage of a grant: grant what makes it deliver the part it keeps.
                int percent = modules[m].CurrentPercent;
                long keepGrantUa = percent <= 0 ? keep : (long)keep * 100 / percent;
                modules[m].LowerGrant(keepGrantUa > int.MaxValue ? int.MaxValue : (int)keepGrantUa, now, telemetry);
                delivered -= setpoint - Magnitude(modules[m].SetpointUa);
            }

            // Cover the demand: each ready module is granted its share or what is still missing, whichever is less,
            // and pulses at that or at its own reduced current; the next ready module covers what it leaves.
            while (demand - delivered > toleranceUa)
            {
                int next = NextToPulse(modules, now, !_endOfLife);
                if (next < 0)
                {
                    break;
                }

                // A module at a lowered current delivers its percentage of the grant: what is missing is granted
                // before that cut, so it delivers the missing part, not less.
                int missing = demand - delivered;
                int percent = modules[next].CurrentPercent;
                long missingGrantUa = percent <= 0 ? missing : ((long)missing * 100 + percent - 1) / percent;
                modules[next].GrantPulse(missingGrantUa < share ? (int)missingGrantUa : share, now, telemetry);
                delivered += Magnitude(modules[next].SetpointUa);
            }

            DeliveredUa = delivered;
            int leastMetUa = demand - toleranceUa;
            bool short_ = delivered < leastMetUa;
            if (short_)
            {
                ShortfallTicks++;
                _metSinceMs = -1;
            }
            else if (_metSinceMs < 0)
            {
                _metSinceMs = now;
            }

            // A derating starts at once and ends only after the demand has been met for the hold time.
            bool report = short_ ? !_derated : _derated && now - _metSinceMs >= _configuration.DemandMetHoldMs;
            if (report)
            {
                _derated = short_;
                TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, -1, -1);
                record.EventKind = short_ ? EventKind.Derated : EventKind.DemandMet;
                record.Severity = short_ ? Severity.Warning : Severity.Info;
                record.Value = delivered;
                record.Threshold = leastMetUa;
            }
        }

        /// <summary>
        /// How many modules pulse at once for <paramref name="demand"/>: as many as the running modules' capability
        /// sustains after the headroom, so each carries the smallest current, but never fewer than the protocol's
        /// pulse current needs and never more than there are modules.
        /// </summary>
        private int PlanModulesOn(int demand, ModuleDutyCycle[] modules)
        {
            if (demand <= 0)
            {
                return 0;
            }

            int least = (int)(((long)demand + _pulseCurrentUa - 1) / _pulseCurrentUa);
            long capabilityPermille = 0;
            for (int m = 0; m < modules.Length; m++)
            {
                capabilityPermille += modules[m].CapabilityPermille;
            }

            long planned = capabilityPermille * (100 - _configuration.HeadroomPercent) / 100000;
            int wanted = planned > least ? (int)planned : least;

            // At least 1 uA each: more modules than the demand has microamps would each be granted 0.
            wanted = wanted > demand ? demand : wanted;
            return wanted > modules.Length ? modules.Length : wanted;
        }

        private static int Magnitude(int currentUa) => currentUa < 0 ? -currentUa : currentUa;

        private int NextToPulse(ModuleDutyCycle[] modules, long now, bool mayEndRestEarly)
        {
            // Balanced utilisation: of the relaxed modules the one that has delivered the least charge goes first (the
            // one waiting longest among equals), so equal shares add up to equal charge per module even when a fixed
            // rotation would hand the same few modules every pulse.
            int best = -1;
            long least = long.MaxValue;
            long earliest = long.MaxValue;
            for (int m = 0; m < modules.Length; m++)
            {
                ModuleDutyCycle module = modules[m];
                if (module.State == ModuleState.Rest && module.ReadyForPulse)
                {
                    long chargeNc = module.StrippedChargeNc - module.PlatedChargeNc;
                    if (chargeNc < least || (chargeNc == least && module.RestStartMs < earliest))
                    {
                        least = chargeNc;
                        earliest = module.RestStartMs;
                        best = m;
                    }
                }
            }

            if (best >= 0 || !mayEndRestEarly)
            {
                return best;
            }

            earliest = long.MaxValue;

            // No relaxed module: one past its shortest allowed rest covers the gap, the one its tuner expects relaxed
            // soonest (a slowly relaxing module keeps more of its rest).
            for (int m = 0; m < modules.Length; m++)
            {
                ModuleDutyCycle module = modules[m];
                if (module.MayPulseEarly(now) && module.ExpectedRelaxedMs < earliest)
                {
                    earliest = module.ExpectedRelaxedMs;
                    best = m;
                }
            }

            return best;
        }

        private int DemandAt(long sinceStartMs)
        {
            int demand = _configuration.DemandUa;
            long[] starts = _configuration.ProfileStartMs;
            for (int i = 0; i < starts.Length; i++)
            {
                if (sinceStartMs >= starts[i])
                {
                    demand = _configuration.ProfileDemandUa[i];
                }
            }

            return demand;
        }
    }
}
