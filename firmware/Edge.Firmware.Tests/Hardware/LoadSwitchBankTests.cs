// Licensed under the MIT License.

using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Hardware
{
    /// <summary>The switch bank opens everything at creation, writes pins only on change, and stays open once latched.</summary>
    [TestClass]
    public class LoadSwitchBankTests
    {
        [TestMethod]
        public void SwitchesStartOpenAndFollowTheActions()
        {
            FakeLoadSwitch a = new FakeLoadSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { a, b });
            ActionFrame actions = new ActionFrame(new PackLayout(2, 1, 0));
            Assert.IsFalse(a.IsClosed);
            Assert.AreEqual(1, a.WriteCount);

            actions.SwitchClosed[0] = true;
            bank.Apply(actions);
            bank.Apply(actions);

            Assert.IsTrue(a.IsClosed);
            Assert.IsFalse(b.IsClosed);
            Assert.AreEqual(2, a.WriteCount);
            Assert.AreEqual(1, b.WriteCount);
        }

        [TestMethod]
        public void LatchedBankIgnoresCloseRequests()
        {
            FakeLoadSwitch a = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { a });
            ActionFrame actions = new ActionFrame(new PackLayout(1, 1, 0));
            actions.SwitchClosed[0] = true;
            bank.Apply(actions);
            Assert.IsTrue(a.IsClosed);

            bank.LatchOpen();
            bank.Apply(actions);

            Assert.IsFalse(a.IsClosed);
            Assert.IsTrue(bank.IsLatchedOpen);
        }

        [TestMethod]
        public void ALatchThatComesWhileATickClosesASwitchLeavesItOpen()
        {
            // The watchdog latches from its own thread after the tick decided to close switch 0 and before the pin
            // took it: the latch's open lands first, the tick's close after it.
            LatchingSwitch a = new LatchingSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { a, b });
            a.Bank = bank;
            ActionFrame actions = new ActionFrame(new PackLayout(2, 1, 0));
            actions.SwitchClosed[0] = true;
            actions.SwitchClosed[1] = true;

            bank.Apply(actions);

            Assert.IsTrue(bank.IsLatchedOpen);
            Assert.IsFalse(a.IsClosed, "the tick's close landed after the latch's open and stayed");
            Assert.IsFalse(b.IsClosed);
            Assert.IsFalse(b.WasEverClosed, "a switch after the latch was closed");
            Assert.IsFalse(bank.IsClosed(0));

            bank.Apply(actions);
            Assert.IsFalse(a.IsClosed);
        }

        /// <summary>A switch whose first close lets the watchdog's latch in just before the pin takes it.</summary>
        private sealed class LatchingSwitch : ILoadSwitch
        {
            public LoadSwitchBank Bank { get; set; }

            public bool IsClosed { get; private set; }

            public void SetClosed(bool closed)
            {
                LoadSwitchBank latching = Bank;
                if (closed && latching != null)
                {
                    Bank = null;
                    latching.LatchOpen();
                }

                IsClosed = closed;
            }
        }
    }
}
