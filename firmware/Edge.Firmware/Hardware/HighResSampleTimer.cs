// Licensed under the MIT License.

using System.Threading;
using Edge.Core.Annotations;
using Edge.Firmware.Sampling;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// <see cref="ISampleTimer"/> on the ESP32's high-resolution timer (esp_timer, microseconds,
    /// 64-bit from boot): its periodic expiry releases the sampling thread.
    /// </summary>
    public sealed class HighResSampleTimer : ISampleTimer
    {
        private HighResTimer _timer;
        private ThreadStart _onPeriod;

        /// <inheritdoc />
        [HotPath]
        public ulong NowUs()
        {
            return HighResTimer.GetCurrent();
        }

        /// <inheritdoc />
        public void Start(int periodUs, ThreadStart onPeriod)
        {
            _onPeriod = onPeriod;
            _timer = new HighResTimer();
            _timer.OnHighResTimerExpired += OnExpired;
            _timer.StartOnePeriodic((ulong)periodUs);
        }

        /// <inheritdoc />
        public void Stop()
        {
            if (_timer != null)
            {
                _timer.Stop();
            }
        }

        /// <summary>Stops and releases the timer.</summary>
        public void Dispose()
        {
            if (_timer != null)
            {
                _timer.Stop();
                _timer.Dispose();
                _timer = null;
            }
        }

        [HotPath]
        private void OnExpired(HighResTimer sender, object e)
        {
            _onPeriod();
        }
    }
}
