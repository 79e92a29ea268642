// Licensed under the MIT License.

using Edge.Firmware.Commands;
using nanoFramework.TestFramework;

namespace NFUnitTest.Commands
{
    /// <summary>Received commands wait in order; a flood beyond the capacity is refused and counted, not queued.</summary>
    [TestClass]
    public class CommandInboxTests
    {
        [TestMethod]
        public void CommandsComeOutInOrder()
        {
            CommandInbox inbox = new CommandInbox();
            inbox.TryAdd("a", new byte[] { 1 });
            inbox.TryAdd("b", null);

            Assert.IsTrue(inbox.TryTake(out string topic, out byte[] payload));
            Assert.AreEqual("a", topic);
            Assert.AreEqual(1, payload.Length);
            Assert.IsTrue(inbox.TryTake(out topic, out payload));
            Assert.AreEqual("b", topic);
            Assert.AreEqual(0, payload.Length);
            Assert.IsFalse(inbox.TryTake(out topic, out payload));
        }

        [TestMethod]
        public void FloodIsRefusedBeyondCapacity()
        {
            CommandInbox inbox = new CommandInbox();
            for (int i = 0; i < CommandInbox.Capacity + 3; i++)
            {
                inbox.TryAdd("t", new byte[0]);
            }

            Assert.AreEqual(CommandInbox.Capacity, inbox.Count);
            Assert.AreEqual(3, inbox.RefusedCount);
        }
    }
}
