// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Edge.Core.Session;
using FsCheck;
using FsCheck.Fluent;

namespace Edge.Mqtt.Tests
{
    /// <summary>The one reconnect schedule (the core's): doubling from the minimum, capped at the maximum, as every document says.</summary>
    public sealed class ReconnectBackoffTests
    {
        [Fact]
        public void DefaultSchedule_DoublesFromOneSecond_AndStopsAtThirtySeconds()
        {
            ReconnectBackoff backoff = new ReconnectBackoff();

            // Hand-computed: 1000 * 2^(n-1) ms until it would exceed 30 000 ms.
            int[] expected = { 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000 };
            Assert.Equal(expected, Enumerable.Range(1, expected.Length).Select(backoff.DelayMs));
            Assert.Equal(30_000, backoff.DelayMs(1000));
            Assert.Equal(0, backoff.DelayMs(0));
        }

        [Theory]
        [InlineData("firmware/Edge.Core.Messaging/Telemetry/CONTRACT.md")]
        [InlineData("firmware/README.md")]
        [InlineData("hostsim/Edge.HostSim/Mqtt/README.md")]
        public void DocumentedSchedule_IsTheCodes(string document)
        {
            // Every document that states the back-off says "<first> s doubling to <cap> s"; the numbers must be the code's.
            string text = File.ReadAllText(Path.Combine(RepositoryRoot(), document));
            MatchCollection statements = Regex.Matches(text, @"(\d+(?:\.\d+)?) s doubling (?:up )?to (\d+) s");
            Assert.NotEmpty(statements);
            foreach (Match statement in statements)
            {
                Assert.Equal(ReconnectBackoff.DefaultInitialDelayMs, (int)(double.Parse(statement.Groups[1].Value, CultureInfo.InvariantCulture) * 1000));
                Assert.Equal(ReconnectBackoff.DefaultMaximumDelayMs, int.Parse(statement.Groups[2].Value, CultureInfo.InvariantCulture) * 1000);
            }
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
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
