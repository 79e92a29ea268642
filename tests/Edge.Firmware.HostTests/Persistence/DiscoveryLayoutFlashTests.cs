// Licensed under the MIT License.

using System.Collections.Generic;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Persistence
{
    /// <summary>
    /// Home Assistant configs of a layout that shrank, over the real flash store (FlashUnitRecordStore on the fake file
    /// system) and the shared session, boot after boot: the configs of the entities the new board lacks are cleared
    /// once, the new layout is stored only after that, and a record that does not read clears nothing and is replaced.
    /// </summary>
    public class DiscoveryLayoutFlashTests
    {
        private const string Path = DiscoveryLayoutRecord.DefaultPath;

        [Fact]
        public void AfterABoardChangeToFewerModulesAndCellsTheGoneEntitiesConfigsAreClearedOnce()
        {
            var flash = new FakeFlashFiles();

            // Boot 1: 2 modules x 3 cells, nothing stored: nothing cleared, 2 x 3 stored.
            FakeConnection first = RunBoot(flash, new PackLayout(2, 3, 0), new DeviceEventLog());
            Assert.Empty(Cleared(first));
            Assert.Equal("discovery layout\n2 x 3\nend 1\n", new FlashUnitRecordStore(flash, Path).Load(out string problem));
            Assert.Null(problem);

            // Boot 2, the board now 1 module x 2 cells: module 1's 7 + 3 entities and module 0's cell 2 are gone.
            FakeConnection second = RunBoot(flash, new PackLayout(1, 2, 0), new DeviceEventLog());
            var expected = new List<string>
            {
                "module0_cell2_voltage", "module1_state", "module1_capacity", "module1_tuned_rest", "module1_last_event", "module1_stop_reason",
                "module1_lowest_cell_voltage", "module1_highest_cell_voltage", "module1_cell0_voltage", "module1_cell1_voltage", "module1_cell2_voltage",
            }.ConvertAll(o => "homeassistant/sensor/pack-7/" + o + "/config||1|retained");
            expected.Sort(System.StringComparer.Ordinal);
            List<string> cleared = Cleared(second);
            cleared.Sort(System.StringComparer.Ordinal);
            Assert.Equal(expected, cleared);
            Assert.Equal("discovery layout\n1 x 2\nend 1\n", new FlashUnitRecordStore(flash, Path).Load(out problem));

            // Boot 3, same board: nothing left to clear.
            FakeConnection third = RunBoot(flash, new PackLayout(1, 2, 0), new DeviceEventLog());
            Assert.Empty(Cleared(third));
        }

        [Fact]
        public void ARecordThatDoesNotReadClearsNothingAndIsReplacedByThePresentLayout()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "discovery layout\n2 by 3\n");
            var events = new DeviceEventLog();
            FakeConnection connection = RunBoot(flash, new PackLayout(1, 2, 0), events);
            Assert.Empty(Cleared(connection));
            Assert.Equal("discovery layout\n1 x 2\nend 1\n", new FlashUnitRecordStore(flash, Path).Load(out string problem));
            Assert.Equal("discovery-record-unreadable", events.Peek().Code);
            Assert.Contains("line 2", events.Peek().Message);
        }

        [Fact]
        public void ARecordWithoutItsEndLineIsTakenAsCutShortClearsNothingAndIsReplaced()
        {
            // What an earlier firmware stored for 2 x 3 (no end line, sealed by the store), read after a change to a 1 x 2
            // board: it may be a record cut short, so it names no layout; the event says so and what the device does.
            var flash = new FakeFlashFiles();
            Assert.Null(new FlashUnitRecordStore(flash, Path).Save("discovery layout\n2 x 3\n"));
            var events = new DeviceEventLog();
            FakeConnection connection = RunBoot(flash, new PackLayout(1, 2, 0), events);
            Assert.Empty(Cleared(connection));
            Assert.Equal("discovery-record-unreadable", events.Peek().Code);
            Assert.Equal(
                "stored discovery layout unreadable, no 'end 1' line: the record was cut short; no Home Assistant config of an earlier layout is cleared, and the present layout is stored in its place",
                events.Peek().Message);
            Assert.Equal("discovery layout\n1 x 2\nend 1\n", new FlashUnitRecordStore(flash, Path).Load(out string problem));
            Assert.Null(problem);
        }

        /// <summary>One boot: recall, connect, a few passes of the network thread.</summary>
        private static FakeConnection RunBoot(FakeFlashFiles flash, PackLayout layout, DeviceEventLog events)
        {
            var controller = new EdgeController(layout, new ControllerConfiguration());
            var topics = new TopicSet("pack-7");
            var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(layout.CellsPerModule));
            var connection = new FakeConnection(topics) { Outbox = outbox };
            var session = new DeviceSession(topics, "b1", new SessionSettings(), connection, outbox, controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "b1"));
            var keeper = new DiscoveryLayoutKeeper(new FlashUnitRecordStore(flash, Path), events);
            keeper.Recall(out int modules, out int cells);
            session.RememberAnnouncedLayout(modules, cells, keeper);
            Assert.Equal(SessionStep.Opened, session.Service(0));
            for (int i = 1; i < 4; i++)
            {
                session.Service(i);
            }

            session.Close();
            return connection;
        }

        /// <summary>The published lines that clear a discovery config (an empty retained payload).</summary>
        private static List<string> Cleared(FakeConnection connection)
        {
            var cleared = new List<string>();
            foreach (string line in connection.Published)
            {
                if (line.StartsWith("homeassistant/", System.StringComparison.Ordinal) && line.Contains("/config||", System.StringComparison.Ordinal))
                {
                    cleared.Add(line);
                }
            }

            return cleared;
        }
    }
}
