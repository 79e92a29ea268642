// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Firmware.Boot;
using nanoFramework.TestFramework;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The boot log's "control loop running" line (firmware/README.md, "First boot") says which firmware the unit runs:
    /// an operator at the serial console had the board and its period but no version.
    /// </summary>
    [TestClass]
    public class BootVersionLineTests
    {
        [TestMethod]
        public void TheControlLoopLineNamesTheFirmwareVersionThenTheBoard()
        {
            string line = BootSequence.ControlLoopRunningLine("esp32-mux-6s", 10);

            Assert.AreEqual("control loop running: firmware " + FirmwareVersion.Text + ", board esp32-mux-6s, 10 ms period", line);
            Assert.AreEqual(FirmwareVersion.Text + ".0", FirmwareVersion.Assembly, "the assembly version is the firmware's and a fourth part 0");
        }
    }
}
