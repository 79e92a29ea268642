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
                var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
                controller.RestoreLatchedFault(1, id);
                controller.Tick(new SampleFrame(layout), new ActionFrame(layout));

                string text = LatchedFaultRecord.Format(controller.Diagnosis, layout.ModuleCount);
                Assert.Equal("1 " + ContractNames.Of(id) + "\n", text);
                int[] causes = LatchedFaultRecord.Parse(text, layout.ModuleCount, out string problem);
                Assert.Null(problem);
                Assert.Equal(new[] { -2, (int)id }, causes);
            }
        }

        [Fact]
        public void AnEmptyRecordHoldsNothingAndBlankLinesAreSkipped()
        {
            int[] none = LatchedFaultRecord.Parse(string.Empty, 3, out string problem);
            Assert.Null(problem);
            Assert.Equal(new[] { -2, -2, -2 }, none);

            int[] some = LatchedFaultRecord.Parse("\n2 unknown\n\n0 cellOvervoltage\n", 3, out problem);
            Assert.Null(problem);
            Assert.Equal(new[] { (int)DiagnosisId.CellOvervoltage, -2, -1 }, some);
        }

        [Theory]
        [InlineData("3 hardShort", "module 3 is not on this board (3 modules)")]
        [InlineData("-1 hardShort", "module -1 is not on this board")]
        [InlineData("hardShort", "is not '<module> <diagnosis>'")]
        [InlineData("0 hardshort", "no diagnosis is named 'hardshort'")]
        [InlineData("0 hardShort\n1", "line 2 is not")]
        public void ARecordThatDoesNotReadIsRefusedNamingTheLine(string text, string expected)
        {
            Assert.Null(LatchedFaultRecord.Parse(text, 3, out string problem));
            Assert.Contains(expected, problem);
        }
    }
}
