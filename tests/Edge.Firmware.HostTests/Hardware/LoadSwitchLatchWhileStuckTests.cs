// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Firmware.Hardware;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Hardware
{
    /// <summary>
    /// The watchdog trips when the sampling thread is stuck, and the thread may be stuck inside a switch driver (a
    /// bus that hangs mid-write). Latching the bank open from the watchdog's thread must not wait for it: every other
    /// switch opens at once, and the stuck write, when it lands, is taken back.
    /// </summary>
    public sealed class LoadSwitchLatchWhileStuckTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

        [Fact]
        public void TheLatchDoesNotWaitForATickStuckInASwitchWrite()
        {
            StuckSwitch a = new StuckSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { b, a });
            ActionFrame actions = new ActionFrame(new PackLayout(2, 1, 0));
            actions.SwitchClosed[0] = true;
            actions.SwitchClosed[1] = true;

            // The sampling thread closes switch 0 and hangs in switch 1's driver.
            Thread sampling = new Thread(() => bank.Apply(actions));
            sampling.Start();
            Assert.True(a.Entered.Wait(Patience), "the tick never reached the stuck driver");
            Assert.True(b.IsClosed, "precondition: switch 0 closed by the tick");

            int failed = -1;
            Thread watchdog = new Thread(() => failed = bank.LatchOpen());
            watchdog.Start();
            bool latched = watchdog.Join(Patience);
            a.Release.Set();

            Assert.True(latched, "the watchdog's latch waited for the stuck tick");
            Assert.True(sampling.Join(Patience));
            Assert.Equal(0, failed);
            Assert.False(b.IsClosed, "switch 0 stayed closed");
            Assert.False(a.IsClosed, "the stuck close landed after the latch and stayed");
            Assert.True(bank.IsLatchedOpen);
        }

        /// <summary>A driver whose first close hangs until released: the pin takes the close when it returns.</summary>
        private sealed class StuckSwitch : ILoadSwitch
        {
            private int _closes;

            public ManualResetEventSlim Entered { get; } = new ManualResetEventSlim(false);

            public ManualResetEventSlim Release { get; } = new ManualResetEventSlim(false);

            public bool IsClosed { get; private set; }

            public void SetClosed(bool closed)
            {
                if (closed && Interlocked.Increment(ref _closes) == 1)
                {
                    Entered.Set();
                    Release.Wait();
                }

                IsClosed = closed;
            }
        }
    }
}
