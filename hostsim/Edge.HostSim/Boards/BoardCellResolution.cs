// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Measurement;

namespace Edge.HostSim.Boards;

/// <summary>
/// Whether each cell channel resolves the fixed floors of the detectors that judge a difference of its readings. Until
/// a cell's first pulse has measured its reading noise (its first 40 samples) softShortSpike and depletionNonlinearRise
/// judge against those floors in mV alone; a reading moves in whole counts and the ESP32 reads with about 2 counts of
/// noise, so behind a coarse divider a floor is a few counts and noise alone reaches it: healthy cells warned in their
/// first pulse. The parser cannot see it (the floors are the controller's configuration); edge-sim board warns of it.
/// </summary>
public static class BoardCellResolution
{
    /// <summary>
    /// The ESP32's typical reading noise, counts (boards/README.md, "Multisampling"; the simulator's default
    /// measurement.adcNoiseCounts), before adc_readings_per_sample averages it down by its square root.
    /// </summary>
    public const double ReadingNoiseCounts = 2.0;

    /// <summary>
    /// Standard deviations of the judged difference that the whole counts reaching a floor must span. Simulated on the
    /// DevKitC's front end at 30 seeds, 2 s each: dividers of 0.33 (the spike's 20 mV is 9 counts) never warned, 0.29
    /// (8 counts) warned in 4 runs, 0.25 (7 counts) in 11, and 0.25 at adc_readings_per_sample 4 (1 count of noise) in none;
    /// 3 sigma of a two-reading difference is 8.5 counts at 2 counts of noise, 4.2 at 1.
    /// </summary>
    public const int MarginSigmas = 3;

    /// <summary>One warning per cell channel of <paramref name="setup"/>'s board whose count is too coarse for a detector floor.</summary>
    public static IReadOnlyList<string> Warnings(BoardSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        BoardDefinition board = setup.Board ?? throw new ArgumentException("the setup is not usable: " + setup.Error, nameof(setup));
        string typical = "the ESP32's typical " + ReadingNoiseCounts.ToString(CultureInfo.InvariantCulture) + " counts of reading noise";
        ReadingNoise noise = new ReadingNoise(ReadingNoiseCounts, typical, board.AdcReadingsPerSample, "adc_readings_per_sample",
            "raise divider_ratio or adc_readings_per_sample", "computed from the board file and the controller's detector floors");
        return Warnings(board, setup.Configuration, noise);
    }

    /// <summary>
    /// One warning per cell channel of <paramref name="board"/> whose count is too coarse for a floor of
    /// <paramref name="configuration"/> at <paramref name="noise"/>; none when the readings have no noise.
    /// </summary>
    public static IReadOnlyList<string> Warnings(BoardDefinition board, ControllerConfiguration configuration, ReadingNoise noise)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(noise);
        CultureInfo inv = CultureInfo.InvariantCulture;

        // A spike and a run-away step compare two readings in a row (sqrt(2) sigma); the shape test's later window two
        // means of ShapePointSamples readings (sqrt(2 / ShapePointSamples) sigma), as the detectors scale their own limits.
        Floor[] floors =
        {
            new Floor("softShortSpike", "SpikeDropMv", configuration.SoftShort.SpikeDropMv, Math.Sqrt(2.0), "two readings in a row"),
            new Floor("depletionNonlinearRise", "ShapeMinimumRiseMv", configuration.Depletion.ShapeMinimumRiseMv,
                Math.Sqrt(2.0 / PackMeasurement.ShapePointSamples), "two means of " + PackMeasurement.ShapePointSamples.ToString(inv) + " readings"),
            new Floor("depletionNonlinearRise", "ShapeStepMv", configuration.Depletion.ShapeStepMv, Math.Sqrt(2.0), "its run-away step: two readings in a row"),
        };
        double readingSigmaCounts = noise.Counts / Math.Sqrt(noise.ReadingsPerSample);
        double adcMvPerCount = 1000.0 / Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.NominalVrefMv);
        List<string> warnings = new List<string>();
        for (int i = 0; i < board.CellCount; i++)
        {
            CellChannelDefinition cell = board.CellAt(i);
            double cellMvPerCount = adcMvPerCount * 1e6 / cell.DividerRatioPpm;
            List<string> coarse = new List<string>();
            foreach (Floor floor in floors)
            {
                // The whole counts a difference of readings needs to reach the floor.
                int counts = (int)Math.Ceiling((floor.Mv / cellMvPerCount) - 1e-9);
                double neededCounts = MarginSigmas * readingSigmaCounts * floor.SigmaFactor;
                if (counts < neededCounts)
                {
                    coarse.Add(floor.Detector + "'s " + floor.Mv.ToString(inv) + " mV (" + floor.Key + ") is " + counts.ToString(inv) + " counts, under the "
                        + neededCounts.ToString("0.0", inv) + " that " + MarginSigmas.ToString(inv) + " standard deviations of its difference (" + floor.Difference + ") span");
                }
            }

            if (coarse.Count > 0)
            {
                warnings.Add("[cell " + i.ToString(inv) + "] divider_ratio: " + (cell.DividerRatioPpm / 1e6).ToString("0.######", inv) + " gives "
                    + cellMvPerCount.ToString("0.00", inv) + " mV a count at the cell on the typical chip (Vref " + Esp32AdcCharacteristics.NominalVrefMv.ToString(inv)
                    + " mV), too coarse for the detectors' floors at " + noise.Description
                    + (noise.ReadingsPerSample > 1 ? " over " + noise.ReadingsKey + " " + noise.ReadingsPerSample.ToString(inv) + " (" + readingSigmaCounts.ToString("0.##", inv) + " counts)" : string.Empty)
                    + ": " + string.Join("; ", coarse) + ". Until a cell's first pulse has measured its noise the detectors judge against these floors alone, and noise "
                    + "reaches them: healthy cells warn in their first pulse; " + noise.Remedy + " (" + noise.ComputedFrom + ")");
            }
        }

        return warnings;
    }

    /// <summary>
    /// The reading noise a check is made at and how its warning names it: <paramref name="Counts"/> of noise on one
    /// reading (<paramref name="Description"/>, e.g. "the ESP32's typical 2 counts of reading noise"), averaged over
    /// <paramref name="ReadingsPerSample"/> (the setting <paramref name="ReadingsKey"/>); what to change, and what the
    /// figures are computed from.
    /// </summary>
    public sealed record ReadingNoise(double Counts, string Description, int ReadingsPerSample, string ReadingsKey, string Remedy, string ComputedFrom);

    private sealed record Floor(string Detector, string Key, int Mv, double SigmaFactor, string Difference);
}
