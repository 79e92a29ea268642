// Licensed under the MIT License.

using System;
using Edge.Core.DeviceEvents;
using Xunit;

namespace Edge.Core.Tests.DeviceEvents
{
    /// <summary>
    /// The device-event queue the firmware's log and the simulated device share: what the broker refuses (an ACL's PUBACK
    /// reason) is dropped and counted, never sent again to be refused again, whether the refusal comes after the client's
    /// publish call returned or inside it; and the sender's order and numbering (firmware/README.md, device-event).
    /// </summary>
    public class DeviceEventQueueTests
    {
        private static readonly DateTime Reported = new DateTime(2026, 3, 4, 5, 6, 7, 89, DateTimeKind.Utc);

        [Fact]
        public void AnEventTheBrokerRefusesLeavesTheQueueAndCountsAsDropped()
        {
            DeviceEventQueue queue = new DeviceEventQueue();
            queue.Report("board-warning", "no [enable]", Reported);
            queue.Report("uncalibrated", "observe only", Reported);
            DeviceEvent first = queue.TakeNextToSend();
            queue.Sent(first, 5);

            queue.Refuse(5);

            // One left, and the refused one is counted; a new session does not bring it back.
            Assert.Equal(1, queue.Count);
            Assert.Equal("uncalibrated", queue.Peek().Code);
            queue.ConnectionRestarted();
            Assert.Equal("uncalibrated", queue.TakeNextToSend().Code);
            Assert.Equal(1, queue.TakeDroppedCount());
        }

        [Fact]
        public void ARefusalThatComesBeforeThePublishCallReturnsIsNotTakenForAPendingPuback()
        {
            // The client's thread answers before our Sent: without the early refusal the event would wait for a PUBACK
            // that never comes, then go again on the next session to be refused again.
            DeviceEventQueue queue = new DeviceEventQueue();
            queue.Report("board-warning", "no [enable]", Reported);
            RecordingPublisher client = new RecordingPublisher { InsidePublish = id => queue.Refuse(id) };

            Assert.True(new DeviceEventSender(queue, client, "pack-7", "B007").SendPending(Reported));

            Assert.Equal(0, queue.Count);
            queue.ConnectionRestarted();
            Assert.Null(queue.TakeNextToSend());
            Assert.Equal(1, queue.TakeDroppedCount());
        }

        [Fact]
        public void ARefusedDroppedCountReportIsNotOwedAgain()
        {
            // 33 different codes into the 32-event queue: the oldest, never sent, is dropped.
            DeviceEventQueue queue = FullQueuePlusOne();
            int dropped = queue.TakeDroppedCount();
            Assert.Equal(1, dropped);

            queue.DroppedReportSent(dropped, 9);
            queue.Refuse(9);
            queue.ConnectionRestarted();

            Assert.Equal(0, queue.TakeDroppedCount());
        }

        [Fact]
        public void TheSenderReportsTheDropsFirstThenTheEventsOldestFirstEachWithItsOwnSeq()
        {
            // e0..e32 take seq 1..33; e0, never sent, is pushed out. The report comes first with the next seq, 34.
            DeviceEventQueue queue = FullQueuePlusOne();
            RecordingPublisher client = new RecordingPublisher();

            Assert.True(new DeviceEventSender(queue, client, "pack-7", "B007").SendPending(Reported));

            Assert.Equal(1 + DeviceEventQueue.Capacity, client.Published.Count);
            Assert.All(client.Topics, topic => Assert.Equal("edge/pack-7/device-event", topic));
            Assert.Equal("events-dropped", client.CodeAt(0));
            Assert.Equal("1 device event(s) dropped while the log was full (32 kept while offline)", client.Published[0].GetProperty("message").GetString());
            Assert.Equal(34, client.SeqAt(0));
            for (int i = 1; i <= DeviceEventQueue.Capacity; i++)
            {
                Assert.Equal("e" + i, client.CodeAt(i));
                Assert.Equal(i + 1, client.SeqAt(i));
                Assert.Equal("B007", client.Published[i].GetProperty("bootId").GetString());
                Assert.Equal("2026-03-04T05:06:07.089Z", client.Published[i].GetProperty("timeUtc").GetString());
            }

            // Handed over is not delivered: every event waits for its PUBACK.
            Assert.Equal(DeviceEventQueue.Capacity, queue.Count);
            for (int id = 1; id <= client.Published.Count; id++)
            {
                queue.Acknowledge(id);
            }

            Assert.Equal(0, queue.Count);
        }

        [Fact]
        public void AnEventTheClientDoesNotTakeWaitsForTheNextPassAndKeepsItsSeq()
        {
            DeviceEventQueue queue = new DeviceEventQueue();
            queue.Report("mqtt-connect", "broker unreachable; retry 1 in 1000 ms", Reported);
            RecordingPublisher client = new RecordingPublisher { Refusing = true };
            DeviceEventSender sender = new DeviceEventSender(queue, client, "pack-7", "B007");

            Assert.False(sender.SendPending(Reported));
            client.Refusing = false;
            Assert.True(sender.SendPending(Reported));

            Assert.Single(client.Published);
            Assert.Equal(1, client.SeqAt(0));
            Assert.Equal(0, queue.TakeDroppedCount());
        }

        [Fact]
        public void AnEventWithoutAMessageIsKeptWithAnEmptyOne()
        {
            // On the device an exception's Message can be null: the mqtt-error it reports must not be lost for that.
            DeviceEventQueue queue = new DeviceEventQueue();
            queue.Report("mqtt-error", null, Reported);

            Assert.Equal(string.Empty, queue.Peek().Message);
            Assert.Throws<ArgumentNullException>(() => queue.Report(null, "x", Reported));
        }

        private static DeviceEventQueue FullQueuePlusOne()
        {
            DeviceEventQueue queue = new DeviceEventQueue();
            for (int i = 0; i <= DeviceEventQueue.Capacity; i++)
            {
                queue.Report("e" + i, "event " + i, Reported);
            }

            return queue;
        }
    }
}
