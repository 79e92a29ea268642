// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Decision
{
    /// <summary>
    /// Pulse-length tuning of one module (act mode, <see cref="PulseTuningConfiguration"/>): each depletion
    /// warning shortens the pulses by <see cref="PulseTuningConfiguration.ShortenPercent"/> of their length, never
    /// below <see cref="PulseTuningConfiguration.MinimumPulseMs"/>. The rest tuner scales fixed rests by the same
    /// percentage, so the duty cycle and the current stay as configured while each pulse depletes the interface less.
    /// </summary>
    [HotPath]
    public sealed class PulseTuner
    {
        private readonly PulseTuningConfiguration _tuning;
        private readonly ProtocolConfiguration _protocol;

        public PulseTuner(PulseTuningConfiguration tuning, ProtocolConfiguration protocol)
        {
            _tuning = tuning;
            _protocol = protocol;
            PulsePercent = 100;
        }

        /// <summary>Percentage of the protocol's pulse length in use (100 until a warning shortened it; at least 1).</summary>
        public int PulsePercent { get; private set; }

        /// <summary>
        /// How long a pulse of <paramref name="step"/> lasts now (ms): the step's duration scaled by
        /// <see cref="PulsePercent"/>, but not below the minimum pulse; a step shorter than the minimum keeps its own
        /// length (the minimum guards switch wear, so no pulse is shortened below it, whichever step it belongs to).
        /// </summary>
        public long PulseLengthMs(ProtocolStep step)
        {
            long length = step.DurationMs * PulsePercent / 100;
            long minimum = _tuning.MinimumPulseMs;
            if (length >= minimum)
            {
                return length;
            }

            return step.DurationMs < minimum ? step.DurationMs : minimum;
        }

        /// <summary>
        /// The answer to a depletion warning: shorter pulses from now on. False, and nothing changes, when tuning
        /// is off, the protocol's pulse is open-ended, or the pulse is already at its minimum; the caller then
        /// answers with a longer rest and a lower current instead.
        /// </summary>
        public bool Shorten()
        {
            if (!_tuning.Enabled)
            {
                return false;
            }

            ProtocolStep step = _protocol.Steps[FirstCurrentStep()];
            if (step.DurationMs <= 0 || PulseLengthMs(step) <= _tuning.MinimumPulseMs)
            {
                return false;
            }

            // Not below the percentage that gives the minimum pulse: fixed rests scale by the percentage, and a pulse
            // held at its minimum with its rest shortened further would run a harder duty cycle than configured.
            int shortened = PulsePercent * (100 - _tuning.ShortenPercent) / 100;
            int floor = FloorPercent();
            if (shortened < floor)
            {
                shortened = floor;
            }

            if (shortened < 1)
            {
                shortened = 1;
            }

            if (shortened >= PulsePercent)
            {
                return false;
            }

            PulsePercent = shortened;
            return true;
        }

        /// <summary>
        /// A start, after which the protocol may be another one (it changes only while the module is stopped): the
        /// percentage reached is kept, but raised to the highest any of the protocol's timed pulses needs to keep its
        /// minimum length (100 when one is no longer than the minimum; open-ended steps are not shortened). Fixed rests scale by the
        /// percentage, so one learned on a longer pulse would cut the new protocol's rests further than its pulses: a
        /// harder duty cycle than configured as the answer to depletion.
        /// </summary>
        public void OnStart()
        {
            int floor = FloorPercent();
            if (PulsePercent < floor)
            {
                PulsePercent = floor;
            }
        }

        /// <summary>
        /// The module was refilled (plated back to where its pulses last ran as the protocol has them): the shortening,
        /// which only depletion's answers give, is undone, and pulses run at the protocol's length again.
        /// </summary>
        public void OnRefilled()
        {
            PulsePercent = 100;
        }

        /// <summary>
        /// The highest of the protocol's pulses' floors: every fixed rest scales by the one percentage, so a shorter pulse
        /// held at the minimum would otherwise keep its length while its rest shrank.
        /// </summary>
        private int FloorPercent()
        {
            int floor = 1;
            ProtocolStep[] steps = _protocol.Steps;
            for (int i = 0; i < steps.Length; i++)
            {
                if (steps[i].IsCurrentStep && steps[i].DurationMs > 0)
                {
                    int stepFloor = FloorPercent(steps[i]);
                    if (stepFloor > floor)
                    {
                        floor = stepFloor;
                    }
                }
            }

            return floor;
        }

        /// <summary>
        /// The lowest whole percentage that keeps <paramref name="step"/> at least at the minimum pulse; 100 for a
        /// step that is open-ended or no longer than the minimum.
        /// </summary>
        private int FloorPercent(ProtocolStep step)
        {
            long minimum = _tuning.MinimumPulseMs;
            if (step.DurationMs <= minimum)
            {
                return 100;
            }

            return (int)(((minimum * 100L) + step.DurationMs - 1) / step.DurationMs);
        }

        /// <summary>The step whose length the minimum is checked against: the protocol's first pulse.</summary>
        private int FirstCurrentStep()
        {
            for (int i = 0; i < _protocol.Steps.Length; i++)
            {
                if (_protocol.Steps[i].IsCurrentStep)
                {
                    return i;
                }
            }

            return 0;
        }
    }
}
