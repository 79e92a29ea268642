// Licensed under the MIT License.

using Edge.Core.Telemetry;
using Edge.Firmware.Telemetry;
using nanoFramework.TestFramework;

namespace NFUnitTest.Telemetry
{
    /// <summary>The outbox keeps records in order while the broker is away and, when full, loses the oldest first and counts them.</summary>
    [TestClass]
    public class TelemetryOutboxTests
    {
        [TestMethod]
        public void RecordsComeOutInOrderAndStayUntilRemoved()
        {
            TelemetryOutbox outbox = new TelemetryOutbox(4, 2);
            TelemetryBuffer buffer = new TelemetryBuffer(8, 2);
            buffer.Append(TelemetryRecordKind.Event, 10, 0, -1).Value = 1;
            buffer.Append(TelemetryRecordKind.Event, 20, 1, -1).Value = 2;
            outbox.Push(buffer);
            TelemetryRecord peeked = new TelemetryRecord(2);

            Assert.IsTrue(outbox.TryPeek(peeked));
            Assert.AreEqual(1, peeked.Value);
            Assert.IsTrue(outbox.TryPeek(peeked));
            Assert.AreEqual(1, peeked.Value);
            outbox.RemoveOldest();
            Assert.IsTrue(outbox.TryPeek(peeked));
            Assert.AreEqual(2, peeked.Value);
            Assert.AreEqual(20L, peeked.TimestampMs);
            outbox.RemoveOldest();
            Assert.IsFalse(outbox.TryPeek(peeked));
        }

        [TestMethod]
        public void FullOutboxOverwritesTheOldestAndCountsThem()
        {
            TelemetryOutbox outbox = new TelemetryOutbox(3, 1);
            TelemetryRecord record = new TelemetryRecord(1);
            for (int i = 1; i <= 5; i++)
            {
                record.Value = i;
                outbox.Push(record);
            }

            TelemetryRecord peeked = new TelemetryRecord(1);
            Assert.AreEqual(3, outbox.Count);
            Assert.AreEqual(2, outbox.TakeOverwrittenCount());
            Assert.AreEqual(0, outbox.TakeOverwrittenCount());
            outbox.TryPeek(peeked);
            Assert.AreEqual(3, peeked.Value);
        }

        [TestMethod]
        public void CellValuesAreCopiedNotShared()
        {
            TelemetryOutbox outbox = new TelemetryOutbox(2, 2);
            TelemetryRecord record = new TelemetryRecord(2);
            record.Kind = TelemetryRecordKind.CellVoltages;
            record.CellCount = 2;
            record.CellValuesA[0] = 150;
            record.CellValuesA[1] = 151;
            outbox.Push(record);
            record.CellValuesA[0] = 0;

            TelemetryRecord peeked = new TelemetryRecord(2);
            outbox.TryPeek(peeked);

            Assert.AreEqual(150, peeked.CellValuesA[0]);
            Assert.AreEqual(151, peeked.CellValuesA[1]);
        }

        [TestMethod]
        public void CellVoltagesEncodeAsJsonWithUnits()
        {
            TelemetryRecord record = new TelemetryRecord(2);
            record.Kind = TelemetryRecordKind.CellVoltages;
            record.TimestampMs = 1000;
            record.Module = 1;
            record.Cell = -1;
            record.ModuleCurrentUa = 385;
            record.CellCount = 2;
            record.CellValuesA[0] = 150;
            record.CellValuesA[1] = -3;

            Assert.AreEqual("cells", RecordJsonEncoder.TopicSuffix(record.Kind));
            Assert.AreEqual("{\"t_ms\":1000,\"module\":1,\"state\":0,\"current_ua\":385,\"voltage_mv\":[150,-3]}", RecordJsonEncoder.Encode(record));
        }
    }
}
