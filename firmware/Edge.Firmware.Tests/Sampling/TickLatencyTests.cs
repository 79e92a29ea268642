// Licensed under the MIT License.

using System.Text;
using Edge.Core.Boards;
using Edge.Core;
using Edge.Core.Telemetry.Health;
using Edge.Core.Timing;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Sampling
{
    /// <summary>
    /// Each tick records how late it started after its timer release and how long it ran; the health
    /// report carries both as maxima and histograms over the period (CONTRACT.md, health: tick timing).
    /// The fake clock starts at 1234567 us and moves 2000 us per read: each tick runs 2000 us.
    /// </summary>
    [TestClass]
    public class TickLatencyTests
    {
        private const ulong ClockStartUs = 1234567;

        [TestMethod]
        public void LatencyIsTheStartMinusTheReleaseAndExecutionTheRunTime()
        {
            TickStatistics statistics = new TickStatistics();
            SamplingLoop loop = CreateLoop(statistics);

            // Released 7 ms before it starts (a 20 ms quantum's worth of waiting, shortened), then 300 us late.
            Assert.IsTrue(loop.TickOnce(ClockStartUs - 7000));
            Assert.IsTrue(loop.TickOnce(ClockStartUs + 4000 - 300));

            HealthReport report = new HealthReport();
            statistics.Timing.TakeReport(report.Timing);
            Assert.AreEqual(2, report.Timing.Ticks);
            Assert.AreEqual(7000, report.Timing.LatencyMaximumUs);
            Assert.AreEqual(2000, report.Timing.ExecutionMaximumUs);

            // Bins: edges 100, 200, 500, 1000, 2000, 5000, 10000 ... ; 300 us -> bin 2, 7000 us -> bin 6; 2000 us (an edge) -> bin 5.
            Assert.AreEqual(1, report.Timing.Latency.CountAt(2));
            Assert.AreEqual(1, report.Timing.Latency.CountAt(6));
            Assert.AreEqual(2, report.Timing.Execution.CountAt(5));

            byte[] payload = HealthPayload.Encode(report);
            string json = Encoding.UTF8.GetString(payload, 0, payload.Length);
            Assert.Contains("\"tick_latency_max_us_since_last\":7000", json);
            Assert.Contains("\"tick_histogram_edges_us\":[100,200,500,1000,2000,5000,10000,20000,50000]", json);
            Assert.Contains("\"tick_latency_histogram\":[0,0,1,0,0,0,1,0,0,0]", json);
            Assert.Contains("\"tick_execution_histogram\":[0,0,0,0,0,2,0,0,0,0]", json);

            // The next period starts empty.
            statistics.Timing.TakeReport(report.Timing);
            Assert.AreEqual(0, report.Timing.Ticks);
            Assert.AreEqual(0, report.Timing.LatencyMaximumUs);
        }

        [TestMethod]
        public void AStaleWakeAfterTwoReleasesRunsOneTickNotTwo()
        {
            TickStatistics statistics = new TickStatistics();
            FakeSampleTimer timer = new FakeSampleTimer();
            SamplingLoop loop = CreateLoop(statistics, timer);

            // Not started: the releases fall at 10000, 20000, 30000 us. The thread woke for the first release late;
            // the second came before it took them (the tick starts at 21000 us): one tick for both, one period
            // missed. The second release's signal then wakes the thread again with nothing left.
            timer.SetNowUs(21000);
            loop.Release();
            loop.Release();
            Assert.IsTrue(loop.AnswerReleases());
            Assert.AreEqual(1, statistics.TickCount);
            Assert.AreEqual(1, statistics.OverrunCount);

            Assert.IsTrue(loop.AnswerReleases());
            Assert.AreEqual(1, statistics.TickCount);

            // The next release is answered by the next tick, with no period counted missed.
            timer.SetNowUs(30500);
            loop.Release();
            Assert.IsTrue(loop.AnswerReleases());
            Assert.AreEqual(2, statistics.TickCount);
            Assert.AreEqual(1, statistics.OverrunCount);
        }

        [TestMethod]
        public void ATickStartedPastTheNextReleaseCountsAsAnOverrun()
        {
            TickStatistics statistics = new TickStatistics();
            SamplingLoop loop = CreateLoop(statistics);

            // The thread took its one release, then stood still (a collection) until 12 ms after it: the next
            // release (10 ms) came before the tick started. The contract counts such a tick in tick_overruns, as
            // it does when the thread wakes after both releases (AStaleWakeAfterTwoReleasesRunsOneTickNotTwo).
            Assert.IsTrue(loop.TickOnce(ClockStartUs - 12000));
            Assert.AreEqual(1, statistics.OverrunCount);

            // 9.7 ms late (the clock is at +4000 us): within its period, no overrun.
            Assert.IsTrue(loop.TickOnce(ClockStartUs + 4000 - 9700));
            Assert.AreEqual(1, statistics.OverrunCount);

            // Exactly one period late: started on the next release, which it then stands for.
            Assert.IsTrue(loop.TickOnce(ClockStartUs + 8000 - 10000));
            Assert.AreEqual(2, statistics.OverrunCount);
        }

        private static SamplingLoop CreateLoop(TickStatistics statistics)
        {
            return CreateLoop(statistics, new FakeSampleTimer());
        }

        private static SamplingLoop CreateLoop(TickStatistics statistics, FakeSampleTimer timer)
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
            timer.StepUsPerRead = 2000;
            ILoadSwitch[] switches = new ILoadSwitch[setup.Layout.ModuleCount];
            for (int m = 0; m < switches.Length; m++)
            {
                switches[m] = new FakeLoadSwitch();
            }

            return new SamplingLoop(
                timer,
                new EdgeController(setup.Layout, setup.Configuration),
                new SampleAcquisition(setup.Board, new FakeAnalogInputs()),
                new LoadSwitchBank(switches),
                null,
                statistics,
                new DeviceEventLog(),
                10,
                null);
        }
    }
}
