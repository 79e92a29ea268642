// Licensed under the MIT License.

using System;
using Edge.Core.Boards;
using Edge.Firmware.Boards;
using nanoFramework.TestFramework;

namespace NFUnitTest.Boards
{
    /// <summary>
    /// The boards compiled into the firmware parse on the device's runtime, and a malformed board is
    /// refused with the line of the mistake (so that the boot path can report it and stay safe).
    /// Expected figures are read off the board files in boards/.
    /// </summary>
    [TestClass]
    public class BoardParsingTests
    {
        [TestMethod]
        public void DevKitCBoardParsesIntoTwoModulesOfTwoCells()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");

            Assert.IsTrue(setup.IsUsable, setup.Error);
            Assert.AreEqual(4, setup.Board.CellCount);
            Assert.AreEqual(2, setup.Layout.ModuleCount);
            Assert.AreEqual(2, setup.Layout.CellsPerModule);
            Assert.AreEqual(10, setup.Configuration.SamplePeriodMs);
            // ADC1 channel 0 is GPIO 36 (ESP32 datasheet); the board puts cell 0 there.
            Assert.AreEqual(36, setup.Board.CellAt(0).Input.AdcPin);
            Assert.AreEqual(0, setup.Board.CellAt(0).Input.AdcChannel);
            Assert.AreEqual(18, setup.Board.ModuleAt(0).SwitchPin);
            Assert.IsNull(setup.Board.Mux);
        }

        [TestMethod]
        public void MuxBoardParsesWithThreeSelectLinesAndATemperature()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-mux-6s");

            Assert.IsTrue(setup.IsUsable, setup.Error);
            Assert.AreEqual(3, setup.Layout.ModuleCount);
            Assert.AreEqual(2, setup.Layout.CellsPerModule);
            Assert.AreEqual(1, setup.Layout.TemperatureCount);
            Assert.AreEqual(3, setup.Board.Mux.SelectPinCount);
            Assert.AreEqual(100, setup.Board.Mux.SettleUs);
            Assert.AreEqual(20, setup.Configuration.SamplePeriodMs);
            Assert.IsTrue(setup.Board.ModuleAt(0).SwitchDriver == SwitchDriver.Pwm);
            Assert.AreEqual(20000, setup.Board.ModuleAt(0).SwitchPwmFrequencyHz);
        }

        [TestMethod]
        public void ProtectionLimitsNeverExceedTheBoardEnvelope()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-mux-6s");

            // [safety] of esp32-mux-6s: 2 mA module ceiling, +-3000 mV, 45.0 degC.
            Assert.IsTrue(setup.Configuration.Protection.ModuleMaximumCurrentUa <= 2000);
            Assert.AreEqual(3000, setup.Configuration.Protection.CellMaximumMv);
            Assert.AreEqual(-3000, setup.Configuration.Protection.CellMinimumMv);
            Assert.AreEqual(450, setup.Configuration.Protection.MaximumTemperatureDeciCelsius);
        }

        [TestMethod]
        public void ATemperatureSensorPlacedOnAModuleActsOnThatModule()
        {
            // esp32-mux-6s's one sensor watches the pack; with module = 2 its protection acts on module 2 alone.
            Assert.AreEqual(-1, BoardCatalog.Setup("esp32-mux-6s").Configuration.Protection.TemperatureSensorModules[0]);

            string text = BoardText.With(BoardCatalog.Find("esp32-mux-6s"), "[temperature 0]", "module", "2");
            BoardSetup setup = BoardSetup.FromText(text);

            Assert.IsTrue(setup.IsUsable, setup.Error);
            Assert.AreEqual(1, setup.Configuration.Protection.TemperatureSensorModules.Length);
            Assert.AreEqual(2, setup.Configuration.Protection.TemperatureSensorModules[0]);
        }

        [TestMethod]
        public void DevKitCConfigurationCarriesTheBoardsCells()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");

            // [cells] of esp32-devkitc-4s2m: NaK on NASICON, 0.3848 cm2, 150 + 20 = 170 ohm cm2.
            Assert.IsTrue(setup.IsUsable, setup.Error);
            Assert.AreEqual(170, setup.Board.CellParameters.NominalResistanceOhmCm2);
            Assert.AreEqual(170, setup.Configuration.HardShort.NominalResistanceOhmCm2);
            Assert.IsTrue(Math.Abs(setup.Configuration.Protocol.ElectrodeAreaCm2 - 0.3848) < 1e-9, "electrode area");
        }

        [TestMethod]
        public void CellsSectionSetsTheElectrodeArea()
        {
            // 0.3848 cm2 is also the controller's default, so only another area shows that the
            // board's value reaches the configuration.
            string text = BoardText.With(BoardCatalog.DevKitC4s2m, "[cells]", "electrode_area_cm2", "1.25");

            BoardSetup setup = BoardSetup.FromText(text);

            Assert.IsTrue(setup.IsUsable, setup.Error);
            Assert.IsTrue(Math.Abs(setup.Configuration.Protocol.ElectrodeAreaCm2 - 1.25) < 1e-9, "electrode area");
            Assert.AreEqual(170, setup.Configuration.HardShort.NominalResistanceOhmCm2);
        }

        [TestMethod]
        public void ZeroNominalResistanceIsRejectedWithItsLineNumber()
        {
            // The format allows 1 to 1000000.
            string text = BoardText.With(BoardCatalog.DevKitC4s2m, "[cells]", "nominal_resistance_ohm_cm2", "0");

            BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);

            Assert.IsNull(board);
            Assert.AreEqual(BoardText.LineOf(text, "[cells]", "nominal_resistance_ohm_cm2"), error.LineNumber);
            Assert.IsTrue(error.Kind == BoardParseErrorKind.OutOfRange);
            Assert.Contains("nominal_resistance_ohm_cm2", error.Message);
        }

        [TestMethod]
        public void MalformedNumberIsRejectedWithItsLineNumber()
        {
            string text = BoardText.With(BoardCatalog.DevKitC4s2m, "[board]", "sample_period_ms", "10ms");

            BoardSetup setup = BoardSetup.FromText(text);

            Assert.IsFalse(setup.IsUsable);
            Assert.IsNull(setup.Layout);
            Assert.StartsWith("board file line " + BoardText.LineOf(text, "[board]", "sample_period_ms") + ":", setup.Error);
        }

        [TestMethod]
        public void ABoardTextBeyondTheSizeLimitIsRefusedWithItsSizeAndTheLimit()
        {
            // The shipped mux board is ASCII: one byte a character. A comment bringing it to 16,384 bytes (the limit:
            // the firmware's string table holds every board compiled in) leaves it usable; one byte more is refused.
            string board = BoardCatalog.Mux6s;
            string atLimit = board + "#" + new string('x', 16384 - board.Length - 2) + "\n";
            Assert.AreEqual(16384, atLimit.Length);

            Assert.IsTrue(BoardSetup.FromText(atLimit).IsUsable, BoardSetup.FromText(atLimit).Error);

            BoardSetup setup = BoardSetup.FromText(atLimit + "#");

            Assert.IsFalse(setup.IsUsable);
            Assert.IsNull(setup.Layout);
            Assert.IsNull(setup.Configuration);
            Assert.StartsWith("board file line 0: the board text is 16385 bytes (UTF-8), more than the 16384 bytes a board file may hold", setup.Error);
        }

        [TestMethod]
        public void BoardWithCrLineEndsParsesAndNumbersItsLinesAsWithLf()
        {
            // Lone CRs (a file saved with classic Mac line ends) were one line, a comment: "missing section [board]".
            BoardParser.TryParse(BoardText.WithLineEnds(BoardCatalog.DevKitC4s2m, "\r"), out BoardDefinition board, out BoardParseError error);
            Assert.IsNull(error);
            Assert.AreEqual(4, board.CellCount);

            string text = BoardText.With(BoardCatalog.DevKitC4s2m, "[board]", "sample_period_ms", "10ms");
            BoardParser.TryParse(BoardText.WithLineEnds(text, "\r"), out board, out error);
            Assert.IsNull(board);
            Assert.AreEqual(BoardText.LineOf(text, "[board]", "sample_period_ms"), error.LineNumber);
        }

        [TestMethod]
        public void Adc2PinIsRejectedWithItsLineNumber()
        {
            // GPIO 25 is ADC2, unusable while Wi-Fi runs.
            string text = BoardText.With(BoardCatalog.DevKitC4s2m, "[cell 0]", "adc_pin", "25");

            BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);

            Assert.IsNull(board);
            Assert.AreEqual(BoardText.LineOf(text, "[cell 0]", "adc_pin"), error.LineNumber);
            Assert.IsTrue(error.Kind == BoardParseErrorKind.Adc2Channel);
        }

        [TestMethod]
        public void UnknownBoardNameIsAnError()
        {
            BoardSetup setup = BoardCatalog.Setup("esp32-nonexistent");

            Assert.IsFalse(setup.IsUsable);
            Assert.Contains("unknown board", setup.Error);
        }
    }
}
