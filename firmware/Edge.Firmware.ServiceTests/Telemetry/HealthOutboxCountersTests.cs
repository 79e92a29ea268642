// Licensed under the MIT License.

using System.Text;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Health;
using Edge.Core.Telemetry.Outbox;
using nanoFramework.TestFramework;

namespace NFUnitTest.Telemetry
{
    /// <summary>
    /// The health message reports what the outbox lost: telemetry and events in <c>outbox_lost_total</c>,
    /// command replies apart in <c>outbox_lost_replies</c>, so a command left unanswered during an outage is
    /// visible to the operator who sent it.
    /// </summary>
    [TestClass]
    public class HealthOutboxCountersTests
    {
        [TestMethod]
        public void RepliesPushedOutByLaterRepliesAreReportedApartFromStreamLosses()
        {
            // Four slots, six replies kept across an outage: the two oldest replies are evicted.
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 4 }, 64);
            byte[] payload = new byte[] { (byte)'{', (byte)'}' };
            for (int i = 0; i < 6; i++)
            {
                outbox.Enqueue(TopicId.CommandResult, 1, false, 0, MessageOutbox.ReplyPriority, payload, 0, payload.Length);
            }

            HealthReport report = new HealthReport();
            report.ReadOutbox(outbox);

            Assert.AreEqual(2L, report.OutboxLostReplies);
            Assert.AreEqual(0L, report.OutboxLostTotal);
            Assert.AreEqual(0, report.OutboxFreeSlots);
            byte[] message = HealthPayload.Encode(report);
            string json = Encoding.UTF8.GetString(message, 0, message.Length);
            Assert.Contains("\"outbox_lost_replies\":2", json);
            Assert.Contains("\"outbox_lost_total\":0", json);
        }

        [TestMethod]
        public void AnEventPushedOutIsAStreamLossNotAReplyLoss()
        {
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 2 }, 64);
            byte[] payload = new byte[] { (byte)'{', (byte)'}' };
            for (int i = 0; i < 3; i++)
            {
                outbox.Enqueue(TopicId.Event, 1, false, i + 1, payload, 0, payload.Length);
            }

            HealthReport report = new HealthReport();
            report.ReadOutbox(outbox);

            Assert.AreEqual(1L, report.OutboxLostTotal);
            Assert.AreEqual(0L, report.OutboxLostReplies);
        }
    }
}
