// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Firmware.Persistence;
using Xunit;

namespace Edge.Firmware.HostTests.Persistence
{

    /// <summary>Every diagnosis that can latch a module is stored under a name the boot reads back as the same diagnosis.</summary>
    public class LatchedFaultRecordTests
    {
        [Fact]
        public void EveryDiagnosisRoundTripsThroughTheRecord()
        {
            var layout = new PackLayout(2, 1, 1);
            foreach (DiagnosisId id in (DiagnosisId[])Enum.GetValues(typeof(DiagnosisId)))
            {
                if (id == DiagnosisId.TickMissed)
                {
                    // Not stored at all (the next test); a stored one still reads back.
                    Assert.Equal(new[] { -2, (int)id }, LatchedFaultRecord.Parse("latched faults\n1 tickMissed\nend 1\n", 2, out string stored));
                    Assert.Null(stored);
                    continue;
                }

                var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
                controller.RestoreLatchedFault(1, id);
                controller.Tick(new SampleFrame(layout), new ActionFrame(layout));

                string text = LatchedFaultRecord.Format(controller.Diagnosis, layout.ModuleCount);
                Assert.Equal("latched faults\n1 " + ContractNames.Of(id) + "\nend 1\n", text);
                int[] causes = LatchedFaultRecord.Parse(text, layout.ModuleCount, out string problem);
                Assert.Null(problem);
                Assert.Equal(new[] { -2, (int)id }, causes);
            }
        }

        /// <summary>
        /// A missed tick latches the pack in RAM (switches open in that tick, latched, its event) but is the controller's
        /// timing, not a cell fault: like the watchdog's latch it is not kept across a reset, while a cell fault latched
        /// beside it is.
        /// </summary>
        [Fact]
        public void AMissedTickLatchesInRamButIsNotStoredAndACellFaultBesideItIs()
        {
            var layout = new PackLayout(2, 1, 0);
            var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
            controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
            var frame = new SampleFrame(layout);
            var actions = new ActionFrame(layout);
            frame.TickIndex = 0;
            frame.TimestampMs = 0;
            controller.Tick(frame, actions);

            // 10 periods of 10 ms without a tick: tickMissed latches every module not latched yet.
            frame.TickIndex = 1;
            frame.TimestampMs = 100;
            controller.Tick(frame, actions);
            Assert.True(controller.Diagnosis.HasLatchedFault(1));
            Assert.Equal(DiagnosisId.TickMissed, controller.Diagnosis.LatchCause(1));
            Assert.False(actions.SwitchClosed[0] || actions.SwitchClosed[1]);

            Assert.Equal("latched faults\n0 hardShort\nend 1\n", LatchedFaultRecord.Format(controller.Diagnosis, layout.ModuleCount));
        }

        [Fact]
        public void ARecordOfNothingLatchedHoldsNothingAndBlankLinesAreSkipped()
        {
            int[] none = LatchedFaultRecord.Parse("latched faults\nend 0\n", 3, out string problem);
            Assert.Null(problem);
            Assert.Equal(new[] { -2, -2, -2 }, none);

            int[] some = LatchedFaultRecord.Parse("\nlatched faults\n2 unknown\n\n0 cellOvervoltage\nend 2", 3, out problem);
            Assert.Null(problem);
            Assert.Equal(new[] { (int)DiagnosisId.CellOvervoltage, -2, -1 }, some);
        }

        [Fact]
        public void AHandEditedRecordWithAByteOrderMarkAndWindowsLineEndsReads()
        {
            int[] causes = LatchedFaultRecord.Parse("\uFEFFlatched faults\r\n1 hardShort\r\nend 1\r\n", 2, out string problem);
            Assert.Null(problem);
            Assert.Equal(new[] { -2, (int)DiagnosisId.HardShort }, causes);
        }

        /// <summary>
        /// A restored tickMissed (a record from firmware that stored it) keeps its line: that boot stored it on purpose,
        /// and dropping it at the next unrelated store released the module at the reset after. One latched in this boot,
        /// after a fault reset of the restored one, is left out again.
        /// </summary>
        [Fact]
        public void ARestoredMissedTickKeepsItsLineAndOneLatchedInThisBootDoesNot()
        {
            var layout = new PackLayout(2, 1, 0);
            var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
            var frame = new SampleFrame(layout);
            var actions = new ActionFrame(layout);
            controller.RestoreLatchedFault(0, DiagnosisId.TickMissed);
            controller.RestoreLatchedFault(1, DiagnosisId.HardShort);
            controller.Tick(frame, actions);
            Assert.Equal("latched faults\n0 tickMissed\n1 hardShort\nend 2\n", LatchedFaultRecord.Format(controller.Diagnosis, layout.ModuleCount));

            // The operator resets module 0; then 10 periods pass without a tick: tickMissed latches it in this boot.
            controller.RequestFaultReset(0);
            frame.TickIndex = 1;
            frame.TimestampMs = 10;
            controller.Tick(frame, actions);
            Assert.False(controller.Diagnosis.HasLatchedFault(0));
            frame.TickIndex = 2;
            frame.TimestampMs = 110;
            controller.Tick(frame, actions);
            Assert.Equal(DiagnosisId.TickMissed, controller.Diagnosis.LatchCause(0));
            Assert.Equal("latched faults\n1 hardShort\nend 1\n", LatchedFaultRecord.Format(controller.Diagnosis, layout.ModuleCount));
        }

        private const int HardShort = (int)DiagnosisId.HardShort;

        /// <summary>
        /// A record that does not read wholly keeps what reads: a line that reads keeps its module's cause; a line whose
        /// module reads but whose diagnosis does not holds that module for an unknown cause (-1) and no other; anything
        /// that leaves open which modules the record named holds every module no line names as unknown. The problem
        /// quotes the first line that does not read. Not latched: -2.
        /// </summary>
        [Theory]
        [InlineData("latched faults\n0 hardShort\n1 cellOvervoltageRenamed\nend 2", "line 3 '1 cellOvervoltageRenamed': no diagnosis is named 'cellOvervoltageRenamed'", new[] { HardShort, -1, -2 })]
        [InlineData("latched faults\n0 hardshort\nend 1", "line 2 '0 hardshort': no diagnosis is named 'hardshort'", new[] { -1, -2, -2 })]
        [InlineData("latched faults\n0 bad1\n2 bad2\nend 2", "line 2 '0 bad1': no diagnosis is named 'bad1' (and 1 more)", new[] { -1, -2, -1 })]
        [InlineData("latched faults\n3 hardShort\nend 1", "line 2 '3 hardShort': module 3 is not on this board (3 modules)", new[] { -1, -1, -1 })]
        [InlineData("latched faults\n1 hardShort\n-1 hardShort\nend 2", "line 3 '-1 hardShort': module -1 is not on this board", new[] { -1, HardShort, -1 })]
        [InlineData("latched faults\n1 hardShort\nhardShort\nend 2", "line 3 'hardShort' is not '<module> <diagnosis>'", new[] { -1, HardShort, -1 })]
        [InlineData("latched faults\n0 hardShort\n1", "line 3 '1' is not '<module> <diagnosis>' (and 1 more)", new[] { HardShort, -1, -1 })]
        [InlineData("latched faults\n0 hardShort\n", "no 'end' line: the record was cut short", new[] { HardShort, -1, -1 })]
        [InlineData("latched faults\n0 hardShort\nend 2", "line 3 'end 2': 1 module line(s) before it", new[] { HardShort, -1, -1 })]
        [InlineData("latched faults\nend 0\n0 hardShort", "line 3 '0 hardShort' follows the end line", new[] { HardShort, -1, -1 })]
        [InlineData("0 hardShort\nend 1", "line 1 '0 hardShort' is not 'latched faults'", new[] { HardShort, -1, -1 })]
        [InlineData("", "the record is empty", new[] { -1, -1, -1 })]
        [InlineData(" \n", "the record is empty", new[] { -1, -1, -1 })]
        public void ARecordThatDoesNotReadWhollyKeepsWhatReadsAndQuotesTheLine(string text, string expected, int[] causes)
        {
            Assert.Equal(causes, LatchedFaultRecord.Parse(text, 3, out string problem));
            Assert.Contains(expected, problem);
        }

        [Fact]
        public void AnUnreadableLineIsQuotedAtMost40CharactersWithoutControlCharacters()
        {
            string line = "1 \u0001" + new string('x', 100);
            LatchedFaultRecord.Parse("latched faults\n" + line + "\nend 1\n", 2, out string problem);

            // "1 ", the control character as '?', then 37 of the x: 40 characters, and the mark of the cut.
            Assert.Equal("line 2 '1 ?" + new string('x', 37) + "...': no diagnosis is named '?" + new string('x', 39) + "...'", problem);
        }
    }
}
