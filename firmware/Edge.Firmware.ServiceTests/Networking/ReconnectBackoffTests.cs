// Licensed under the MIT License.

using Edge.Core.Session;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>Retry waits double from 1 s up to the 5 min ceiling and start over after a success.</summary>
    [TestClass]
    public class ReconnectBackoffTests
    {
        [TestMethod]
        public void WaitsDoubleUpToTheCeiling()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 300000);
            int[] expected = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000 };

            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], backoff.NextDelayMs());
            }

            Assert.AreEqual(expected.Length, backoff.FailureCount);
        }

        [TestMethod]
        public void TheContractScheduleIsOneSecondDoublingToThirtySeconds()
        {
            // CONTRACT.md, Connection: 1 s, 2 s, 4 s, 8 s, 16 s, then the 30 s cap.
            ReconnectBackoff backoff = new ReconnectBackoff();
            int[] expected = new int[] { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], backoff.NextDelayMs());
                Assert.AreEqual(expected[i], backoff.DelayMs(i + 1));
            }
        }

        [TestMethod]
        public void SuccessStartsOver()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 300000);
            backoff.NextDelayMs();
            backoff.NextDelayMs();
            backoff.NextDelayMs();

            backoff.Reset();

            Assert.AreEqual(1000, backoff.NextDelayMs());
        }

        [TestMethod]
        public void ManyFailuresNeitherOverflowNorExceedTheCeiling()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 300000);
            int last = 0;
            for (int i = 0; i < 100; i++)
            {
                last = backoff.NextDelayMs();
                Assert.IsTrue(last > 0 && last <= 300000);
            }

            Assert.AreEqual(300000, last);
        }
    }
}
