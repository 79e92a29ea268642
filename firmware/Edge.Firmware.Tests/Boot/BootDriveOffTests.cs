// Licensed under the MIT License.

using System.Collections;
using Edge.Core.Boards;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The boot's first step drives every switch, enable and setpoint pin of every shipped board low
    /// before anything is read or parsed; the embedded pin list matches the catalog's boards; the
    /// pins stay held while no usable board is known and are handed to the board's drivers once it is.
    /// </summary>
    [TestClass]
    public class BootDriveOffTests
    {
        [TestMethod]
        public void DriveOffRunsBeforeTheSettingsAndTheBoardAreRead()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.AreEqual("drive-off", (string)devices.Calls[0]);
                Assert.AreEqual("settings", (string)devices.Calls[1]);
                Assert.AreEqual(1, devices.HeldOff.Count);
                FakeBootDevices.FakePinHold hold = (FakeBootDevices.FakePinHold)devices.HeldOff[0];
                AssertSamePins(new int[] { 4, 18, 19, 22, 25, 26, 27 }, hold.Pins);

                // Held through settings and board parsing, released right before the board's switches open.
                int released = devices.Calls.IndexOf("release-drive-off");
                Assert.IsTrue(released > devices.Calls.IndexOf("board"), "released after the board parsed");
                Assert.AreEqual(released + 1, devices.Calls.IndexOf("switches"), "released right before the switches open");
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }

        [TestMethod]
        public void PinsStayHeldOffWhenTheBoardIsUnusable()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-nonexistent\nmqtt_host = broker\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.IsNull(running.Loop);
                FakeBootDevices.FakePinHold hold = (FakeBootDevices.FakePinHold)devices.HeldOff[0];
                Assert.IsFalse(hold.IsReleased, "pins held off for as long as no usable board is known");
                Assert.AreEqual(0, devices.SwitchRequests);
                Assert.AreEqual(0, devices.EnableFeeds.Count);
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }

        [TestMethod]
        public void AFailedAttemptReleasesTheHoldAndTheNextDrivesOffAgain()
        {
            // Fails at the ADC step on the first attempt only.
            FakeBootDevices devices = new FakeBootDevices(6);
            devices.FailingAttempts = 1;
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(3);
            try
            {
                Assert.IsNotNull(running);
                Assert.AreEqual(2, devices.HeldOff.Count);
                Assert.AreEqual("drive-off", (string)devices.Calls[0]);
                int second = devices.Calls.IndexOf("drive-off", 1);
                Assert.IsTrue(second > 0, "the second attempt drove off again");
                Assert.AreEqual("settings", (string)devices.Calls[second + 1]);
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }

        [TestMethod]
        public void EmbeddedListHoldsEveryShippedSwitchEnableAndSetpointPin()
        {
            ArrayList outputs = new ArrayList();
            ArrayList analogInputs = new ArrayList();
            for (int b = 0; b < BoardCatalog.Names.Length; b++)
            {
                BoardSetup setup = BoardCatalog.Setup(BoardCatalog.Names[b]);
                Assert.IsTrue(setup.IsUsable, BoardCatalog.Names[b] + ": " + setup.Error);
                BoardDefinition board = setup.Board;
                for (int m = 0; m < board.ModuleCount; m++)
                {
                    ModuleDefinition module = board.ModuleAt(m);

                    // Off is low for every pin in the list: a switch that is on when low would need a high drive-off.
                    Assert.IsTrue(module.SwitchPolarity == PinPolarity.ActiveHigh, board.Name + " module " + m.ToString() + ": active-low switch, off is not low");
                    AddOnce(outputs, module.SwitchPin);
                    if (module.SetpointKind != SetpointKind.None)
                    {
                        AddOnce(outputs, module.SetpointPin);
                    }

                    AddOnce(analogInputs, module.CurrentInput.AdcPin);
                }

                if (board.HardwareEnable != null)
                {
                    AddOnce(outputs, board.HardwareEnable.FeedPin);
                }

                for (int c = 0; c < board.CellCount; c++)
                {
                    AddOnce(analogInputs, board.CellAt(c).Input.AdcPin);
                }

                for (int t = 0; t < board.TemperatureCount; t++)
                {
                    AddOnce(analogInputs, board.TemperatureAt(t).Input.AdcPin);
                }

                if (board.Mux != null)
                {
                    AddOnce(analogInputs, board.Mux.AdcPin);
                }
            }

            // Every output pin is driven off, unless another board reads it as an analog input.
            ArrayList expectedDriven = new ArrayList();
            ArrayList expectedLeft = new ArrayList();
            for (int i = 0; i < outputs.Count; i++)
            {
                AddOnce(analogInputs.Contains(outputs[i]) ? expectedLeft : expectedDriven, (int)outputs[i]);
            }

            AssertSameSet(expectedDriven, ShippedBoardPins.DriveOffPins, "driven off");
            AssertSameSet(expectedLeft, ShippedBoardPins.LeftToPullDowns, "left to pull-downs");
        }

        private static void AddOnce(ArrayList list, int pin)
        {
            if (!list.Contains(pin))
            {
                list.Add(pin);
            }
        }

        private static void AssertSameSet(ArrayList expected, int[] actual, string what)
        {
            Assert.AreEqual(expected.Count, actual.Length, what + ": pin count");
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.IsTrue(expected.Contains(actual[i]), what + ": GPIO " + actual[i].ToString() + " is no shipped board's pin of that kind");
            }
        }

        private static void AssertSamePins(int[] expected, int[] actual)
        {
            Assert.AreEqual(expected.Length, actual.Length, "pin count");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "pin " + i.ToString());
            }
        }
    }
}
