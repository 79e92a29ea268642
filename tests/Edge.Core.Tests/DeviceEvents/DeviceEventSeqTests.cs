// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Reflection;
using Edge.Core.DeviceEvents;
using Xunit;

namespace Edge.Core.Tests.DeviceEvents
{
    /// <summary>
    /// A device event's seq numbers the events of a boot, and a consumer tells a redelivery from a new event by it. A
    /// network pass that throws every time reports an <c>mqtt-error</c> every 50 ms, 2^31 of them in 3.4 years: the seq
    /// then goes on counting up where an int turned to -2147483648. The numbering is set to the state after 2^31 - 2
    /// events; reporting that many would take hours.
    /// </summary>
    public class DeviceEventSeqTests
    {
        private static readonly DateTime Reported = new DateTime(2026, 3, 4, 5, 6, 7, 89, DateTimeKind.Utc);

        [Fact]
        public void SeqsPastTwoToTheThirtyFirstCountOn()
        {
            DeviceEventQueue queue = new DeviceEventQueue();
            FieldInfo next = typeof(DeviceEventQueue).GetField("_nextSeq", BindingFlags.Instance | BindingFlags.NonPublic)!;
            next.SetValue(queue, Convert.ChangeType(int.MaxValue, next.FieldType, CultureInfo.InvariantCulture));

            queue.Report("mqtt-error", "first", Reported);
            queue.Report("mqtt-error", "second", Reported);
            RecordingPublisher client = new RecordingPublisher();
            Assert.True(new DeviceEventSender(queue, client, "pack-7", "B007").SendPending(Reported));

            Assert.Equal(2, client.Published.Count);
            Assert.Equal(2147483647L, client.Published[0].GetProperty("seq").GetInt64());
            Assert.Equal(2147483648L, client.Published[1].GetProperty("seq").GetInt64());

            // The numbers an events-dropped report takes go on from there too.
            Assert.Equal(2147483649L, queue.TakeSeq());
        }
    }
}
