// Licensed under the MIT License.

using Edge.HostSim.Mqtt;
using FsCheck;
using FsCheck.Fluent;

namespace Edge.Mqtt.Tests
{
    /// <summary>The reconnect schedule: doubling from the minimum, capped at the maximum.</summary>
    public sealed class ReconnectBackoffTests
    {
        [Fact]
        public void DefaultSchedule_DoublesFromHalfASecond_AndStopsAtThirtySeconds()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(500, 30_000);

            // Hand-computed: 500 * 2^(n-1) ms until it would exceed 30 000 ms.
            int[] expected = { 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000 };
            Assert.Equal(expected, Enumerable.Range(1, expected.Length).Select(backoff.DelayMs));
            Assert.Equal(30_000, backoff.DelayMs(1000));
            Assert.Equal(0, backoff.DelayMs(0));
        }

        [Fact]
        public void AnySchedule_IsNonDecreasingAndWithinMinimumAndMaximum()
        {
            Prop.ForAll<PositiveInt, PositiveInt>((minimum, spread) =>
            {
                int min = Math.Min(minimum.Get, 100_000);
                int max = min + Math.Min(spread.Get, 1_000_000);
                ReconnectBackoff backoff = new ReconnectBackoff(min, max);
                int previous = 0;
                for (int attempt = 1; attempt <= 64; attempt++)
                {
                    int delay = backoff.DelayMs(attempt);
                    if (delay < min || delay > max || delay < previous)
                    {
                        return false;
                    }

                    previous = delay;
                }

                return backoff.DelayMs(1) == min && backoff.DelayMs(64) == max;
            }).QuickCheckThrowOnFailure();
        }

        [Theory]
        [InlineData(0, 10)]
        [InlineData(10, 5)]
        public void InvalidBounds_AreRejected(int min, int max)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(min, max));
        }
    }
}
