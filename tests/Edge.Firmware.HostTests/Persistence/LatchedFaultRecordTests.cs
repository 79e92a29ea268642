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

        [Theory]
        [InlineData("latched faults\n3 hardShort\nend 1", "line 2: module 3 is not on this board (3 modules)")]
        [InlineData("latched faults\n-1 hardShort\nend 1", "module -1 is not on this board")]
        [InlineData("latched faults\nhardShort\nend 1", "line 2 is not '<module> <diagnosis>'")]
        [InlineData("latched faults\n0 hardshort\nend 1", "no diagnosis is named 'hardshort'")]
        [InlineData("latched faults\n0 hardShort\n1", "line 3 is not")]
        [InlineData("latched faults\n0 hardShort\n", "no 'end' line: the record was cut short")]
        [InlineData("latched faults\n0 hardShort\nend 2", "line 3: 'end 2' but 1 module line(s)")]
        [InlineData("latched faults\nend 0\n0 hardShort", "line 3 follows the end line")]
        [InlineData("0 hardShort\nend 1", "line 1 is not 'latched faults'")]
        [InlineData("", "the record is empty")]
        [InlineData(" \n", "the record is empty")]
        public void ARecordThatDoesNotReadIsRefusedNamingTheLine(string text, string expected)
        {
            Assert.Null(LatchedFaultRecord.Parse(text, 3, out string problem));
            Assert.Contains(expected, problem);
        }
    }
}
