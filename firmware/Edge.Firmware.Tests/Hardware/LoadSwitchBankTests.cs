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
    }
}
