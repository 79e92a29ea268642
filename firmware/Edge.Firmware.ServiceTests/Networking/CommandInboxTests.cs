// Licensed under the MIT License.

using Edge.Core.Session;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>Received commands wait in order; a flood beyond the capacity is refused and counted, not queued.</summary>
    [TestClass]
    public class CommandInboxTests
    {
        [TestMethod]
        public void CommandsComeOutInOrder()
        {
            CommandInbox inbox = new CommandInbox();
            inbox.TryAdd("a", new byte[] { 1 }, false);
            inbox.TryAdd("b", null, true);

            Assert.IsTrue(inbox.TryTake(out string topic, out byte[] payload, out bool retained));
            Assert.AreEqual("a", topic);
            Assert.AreEqual(1, payload.Length);
            Assert.IsFalse(retained);
            Assert.IsTrue(inbox.TryTake(out topic, out payload, out retained));
            Assert.AreEqual("b", topic);
            Assert.AreEqual(0, payload.Length);
            Assert.IsTrue(retained);
            Assert.IsFalse(inbox.TryTake(out topic, out payload, out retained));
        }

        [TestMethod]
        public void FloodIsRefusedBeyondCapacity()
        {
            CommandInbox inbox = new CommandInbox();
            for (int i = 0; i < CommandInbox.Capacity + 3; i++)
            {
                inbox.TryAdd("t", new byte[0], false);
            }

            Assert.AreEqual(CommandInbox.Capacity, inbox.Count);
            Assert.AreEqual(3, inbox.RefusedCount);

            // Taking one makes room for exactly one more, in order after the others (the ring wraps).
            Assert.IsTrue(inbox.TryTake(out string topic, out byte[] payload, out bool retained));
            Assert.IsTrue(inbox.TryAdd("last", new byte[0], false));
            Assert.IsFalse(inbox.TryAdd("refused", new byte[0], false));
            for (int i = 0; i < CommandInbox.Capacity - 1; i++)
            {
                Assert.IsTrue(inbox.TryTake(out topic, out payload, out retained));
                Assert.AreEqual("t", topic);
            }

            Assert.IsTrue(inbox.TryTake(out topic, out payload, out retained));
            Assert.AreEqual("last", topic);
        }
    }
}
