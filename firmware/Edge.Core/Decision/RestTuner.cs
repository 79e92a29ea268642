// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;

namespace Edge.Core.Decision
{
    /// <summary>
    /// Chooses when one module's rest ends. Fixed mode: exactly the configured rest (stretched only by
    /// depletion warnings in act mode). Adaptive mode: the rest ends once every cell's relaxation has
    /// settled, never before the learned target nor the minimum, always by the maximum. The target
    /// lengthens when the pulse overpotential or the residual polarisation grows from pulse to pulse and
    /// shortens while there is margin.
    /// </summary>
    public sealed class RestTuner
    {
        private readonly RestTuningConfiguration _tuning;
        private readonly ProtocolConfiguration _protocol;
        private readonly int _firstCell;
        private readonly int _cellCount;

        private long _targetMs;
        private int _extensionPercent = 100;
        private int _previousOverpotentialMv;
        private int _previousResidualMv;
        private bool _hasPreviousOverpotential;
        private bool _hasPreviousResidual;

        public RestTuner(RestTuningConfiguration tuning, ProtocolConfiguration protocol, int firstCell, int cellCount)
        {
            _tuning = tuning;
            _protocol = protocol;
            _firstCell = firstCell;
            _cellCount = cellCount;
            _targetMs = protocol.MinimumRestMs;
        }

        /// <summary>Current learned target of the adaptive rest (ms).</summary>
        public long TargetMs => _targetMs;

        /// <summary>Stretch applied to every rest by depletion warnings (percent, 100 = none).</summary>
        public int ExtensionPercent => _extensionPercent;

        /// <summary>A depletion warning in act mode: rests get longer from now on.</summary>
        public void Extend()
        {
            long extended = (long)_extensionPercent * (100 + _tuning.WarningExtendPercent) / 100;
            _extensionPercent = extended > 10000 ? 10000 : (int)extended;
            _targetMs = Clamp(_targetMs * (100 + _tuning.WarningExtendPercent) / 100);
        }

        /// <summary>Called once per pulse with the largest overpotential among the module's cells.</summary>
        public void OnPulseEnded(MeasurementSnapshot snapshot)
        {
            int largest = LargestOf(snapshot.PulseOverpotentialMv, snapshot);
            if (_hasPreviousOverpotential)
            {
                if (largest - _previousOverpotentialMv >= _tuning.OverpotentialGrowthMv)
                {
                    Lengthen();
                }
                else
                {
                    Shorten();
                }
            }

            _previousOverpotentialMv = largest;
            _hasPreviousOverpotential = true;
        }

        /// <summary>Called at the end of each rest: residual polarisation against the pre-pulse voltage.</summary>
        public void OnRestEnded(MeasurementSnapshot snapshot)
        {
            int largest = int.MinValue;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                int residual = snapshot.CellVoltageMv[c] - snapshot.PrePulseVoltageMv[c];
                if (residual < 0)
                {
                    residual = -residual;
                }

                if (residual > largest)
                {
                    largest = residual;
                }
            }

            if (_hasPreviousResidual && largest - _previousResidualMv >= _tuning.ResidualGrowthMv)
            {
                Lengthen();
            }

            _previousResidualMv = largest;
            _hasPreviousResidual = true;
        }

        /// <summary>True when a rest step that has lasted <paramref name="elapsedMs"/> should end now.</summary>
        public bool ShouldEnd(ProtocolStep step, long elapsedMs, MeasurementSnapshot snapshot, int module, out RestEndReason reason)
        {
            if (_protocol.RestMode == RestMode.Fixed)
            {
                reason = RestEndReason.Fixed;
                return elapsedMs >= step.DurationMs * _extensionPercent / 100;
            }

            if (elapsedMs >= _protocol.MaximumRestMs)
            {
                reason = RestEndReason.MaximumReached;
                return true;
            }

            reason = RestEndReason.Relaxed;
            if (elapsedMs < _targetMs || elapsedMs < _protocol.MinimumRestMs)
            {
                return false;
            }

            return IsSettled(snapshot, module);
        }

        /// <summary>Every cell of the module relaxes slower than the settled slope.</summary>
        public bool IsSettled(MeasurementSnapshot snapshot, int module)
        {
            if (!snapshot.RestSlopeValid[module])
            {
                return false;
            }

            int limit = _tuning.SettledSlopeUvPerS;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                int slope = snapshot.RestSlopeUvPerS[c];
                if (slope > limit || slope < -limit)
                {
                    return false;
                }
            }

            return true;
        }

        private void Lengthen()
        {
            long longer = _targetMs * (100 + _tuning.LengthenPercent) / 100;
            if (longer == _targetMs)
            {
                longer = _targetMs + 1;
            }

            _targetMs = Clamp(longer);
        }

        private void Shorten()
        {
            _targetMs = Clamp(_targetMs * (100 - _tuning.ShortenPercent) / 100);
        }

        private long Clamp(long value)
        {
            if (value < _protocol.MinimumRestMs)
            {
                return _protocol.MinimumRestMs;
            }

            return value > _protocol.MaximumRestMs ? _protocol.MaximumRestMs : value;
        }

        private int LargestOf(int[] values, MeasurementSnapshot snapshot)
        {
            int largest = int.MinValue;
            for (int c = _firstCell; c < _firstCell + _cellCount; c++)
            {
                if (snapshot.CellValid[c] && values[c] > largest)
                {
                    largest = values[c];
                }
            }

            return largest == int.MinValue ? 0 : largest;
        }
    }
}
