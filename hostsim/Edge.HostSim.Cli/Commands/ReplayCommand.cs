// Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Edge.Core.Configuration;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Cli.Terminal;
using Edge.HostSim.Output;
using Edge.HostSim.Physics;
using Edge.HostSim.Replay;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Spectre.Console;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim replay: recorded voltage and current through the core (observe mode, no physics), written as a run.</summary>
public static partial class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> file = new Argument<string>("file") { Description = "Recorded data: BioLogic .mpt, Arbin CSV, an edge-sim trace.csv, or a table with --time-column, --voltage-column and --current-column.", HelpName = "FILE" };
        EdgeSimCommand.RejectOptionLikeValues(file);
        Option<string> output = CommonOptions.Out("Folder for summary.json, events.jsonl, trace.csv, plot.svg/png, report.html (as a run) and replay.json.");
        Option<string?> scenario = new Option<string?>("--scenario") { Description = "Scenario giving the pack, protocol and controller settings the recording followed (default: one cell, protocol inferred from the current).", HelpName = "FILE" };
        Option<int> period = new Option<int>("--sample-period-ms") { Description = "The core's tick the recording is resampled to (default 10; with --scenario its samplePeriodMs).", HelpName = "MS", CustomParser = r => CommonOptions.PositiveInt(r, "--sample-period-ms", 1, 1000) };
        Option<double?> area = new Option<double?>("--area") { CustomParser = r => CommonOptions.Number(r, "--area"), Description = "Electrode area, cm2 (default 0.3848, the [W] 7 mm O-ring; with --scenario its pack.areaCm2).", HelpName = "CM2" };
        Option<string?> preset = new Option<string?>("--preset") { Description = "Cell kind for the healthy-resistance expectation of the short tests (default nak50-nasicon).", HelpName = "NAME" };
        Option<double?> cutoff = new Option<double?>("--cutoff") { CustomParser = r => CommonOptions.Number(r, "--cutoff"), Description = "Stripping cut-off, V (default 3.0).", HelpName = "V" };
        Option<string?> timeColumn = new Option<string?>("--time-column") { Description = "Generic table (or an EC-Lab file's other columns): the time column's name; a unit after it, as in 'Time(s)', may be left out.", HelpName = "NAME" };
        Option<string?> voltageColumn = new Option<string?>("--voltage-column") { Description = "Generic table (or an EC-Lab file's other columns, e.g. Ecell/V): the cell voltage column's name, or several, comma-separated, in module order (N for M current columns: M modules of N/M cells in series); a name with a comma in double quotes.", HelpName = "NAMES" };
        Option<string?> currentColumn = new Option<string?>("--current-column") { Description = "Generic table (or an EC-Lab file's other columns): the current column's name, or one per module, comma-separated; a name with a comma in double quotes.", HelpName = "NAMES" };
        Option<string?> timeUnit = new Option<string?>("--time-unit") { Description = "With the column options: s, ms, min or h (default: the unit the column's name states, as in 'Time(s)' or 'Zeit [ms]', else s).", HelpName = "UNIT" };
        Option<string?> voltageUnit = new Option<string?>("--voltage-unit") { Description = "With the column options: V or mV (default: the column name's unit, else V).", HelpName = "UNIT" };
        Option<string?> currentUnit = new Option<string?>("--current-unit") { Description = "With the column options: A, mA or uA (default: the column name's unit, as in 'Current(A)', else mA).", HelpName = "UNIT" };
        Option<bool> decimalComma = new Option<bool>("--decimal-comma") { Description = "With the column options: numbers are written 0,25 (default: detected from the columns read)." };
        Option<bool> stripNegative = new Option<bool>("--strip-negative") { Description = "Stripping current is negative in the file (default: positive)." };
        Option<ProgressMode> progress = CommonOptions.Progress();
        Option<bool> quiet = CommonOptions.Quiet();
        Option<double?> gap = new Option<double?>("--gap-s") { CustomParser = r => CommonOptions.Number(r, "--gap-s"), Description = "A longer interval without samples is a gap (default: 5 median sample intervals under current or at rest, whichever the interval is, at least 2 ticks; given, above the median sample interval and at least one tick).", HelpName = "S" };
        foreach (Option<string?> unit in new[] { timeUnit, voltageUnit, currentUnit })
        {
            unit.Validators.Add(r =>
            {
                try
                {
                    string text = r.GetValueOrDefault<string?>() ?? string.Empty;
                    _ = unit == timeUnit ? ColumnSpec.OptionTimeUnit(text) : unit == voltageUnit ? ColumnSpec.VoltageUnit(text) : ColumnSpec.CurrentUnit(text);
                }
                catch (LabFileException e)
                {
                    r.AddError(unit.Name + ": " + e.Message);
                }
            });
        }

        Command command = new Command("replay", "Feed recorded voltage and current through the core's measurement and diagnosis (observe mode, no physics); writes the files of a run.")
        {
            file, output, scenario, period, area, preset, cutoff, timeColumn, voltageColumn, currentColumn, timeUnit, voltageUnit, currentUnit, decimalComma, stripNegative, gap, progress, quiet,
        };
        command.SetAction(result =>
        {
            string? t = result.GetValue(timeColumn), v = result.GetValue(voltageColumn), c = result.GetValue(currentColumn);
            if ((t == null) != (v == null) || (v == null) != (c == null))
            {
                throw new UsageException("--time-column, --voltage-column and --current-column go together");
            }

            // Without the column options the file is read as its recognised format, in that format's own units: a unit
            // given then would be ignored without a word.
            Option? orphan = new Option[] { timeUnit, voltageUnit, currentUnit }.FirstOrDefault(o => result.GetResult(o) != null)
                ?? (result.GetValue(decimalComma) ? decimalComma : null);
            if (t == null && orphan != null)
            {
                throw new UsageException(orphan.Name + " goes with --time-column, --voltage-column and --current-column; without them the file is read as its recognised format (EC-Lab, Arbin, an edge-sim trace) in that format's units");
            }

            ColumnSpec? columns = t == null ? null : Columns(t, v!, c!, result.GetValue(timeUnit), result.GetValue(voltageUnit), result.GetValue(currentUnit), result.GetValue(decimalComma));
            // With --scenario the pack, protocol and tick are the scenario's: these options would change nothing.
            if (result.GetValue(scenario) != null)
            {
                foreach ((Option option, string field) in new (Option, string)[] { (area, "pack.areaCm2"), (preset, "pack.preset"), (cutoff, "protocol.cutoffV"), (period, "samplePeriodMs") })
                {
                    if (result.GetResult(option) != null)
                    {
                        throw new UsageException(option.Name + ": the --scenario file gives it (" + field + "); leave out one of them");
                    }
                }
            }

            foreach ((Option<double?> option, double? value) in new[] { (area, result.GetValue(area)), (cutoff, result.GetValue(cutoff)) })
            {
                if (value.HasValue && !double.IsFinite(value.Value))
                {
                    throw new UsageException(option.Name + ": '" + value.Value.ToString(CultureInfo.InvariantCulture) + "' is not a finite number");
                }
            }

            if (result.GetValue(area) is double areaCm2 && !(areaCm2 > 0))
            {
                throw new UsageException("--area: must be above 0");
            }

            double? gapS = result.GetValue(gap);
            if (gapS.HasValue && !(gapS > 0 && double.IsFinite(gapS.Value)))
            {
                throw new UsageException("--gap-s must be a number above 0");
            }

            return Execute(context, new Request(result.GetRequiredValue(file), result.GetRequiredValue(output), result.GetValue(scenario), result.GetValue(period), result.GetValue(area), result.GetValue(preset), result.GetValue(cutoff), columns, result.GetValue(stripNegative), gapS, CommonOptions.ProgressOf(result, progress, quiet)));
        });
        return command;
    }

    /// <summary>
    /// The columns the options give: the voltage and current options each a comma-separated list (a name that holds a
    /// comma in double quotes), laid out as <see cref="ColumnSpec.CellsPerModule"/> says or refused before the file is read.
    /// </summary>
    private static ColumnSpec Columns(string time, string voltages, string currents, string? timeUnit, string? voltageUnit, string? currentUnit, bool decimalComma)
    {
        ColumnSpec columns;
        try
        {
            columns = new ColumnSpec
            {
                TimeColumn = time,
                VoltageColumns = ColumnNames.Parse("--voltage-column", voltages),
                CurrentColumns = ColumnNames.Parse("--current-column", currents),
                TimeUnitName = timeUnit,
                VoltageUnitName = voltageUnit,
                CurrentUnitName = currentUnit,
                DecimalComma = decimalComma ? true : null,
            };
        }
        catch (LabFileException e)
        {
            throw new UsageException(e.Message);
        }

        try
        {
            columns.CellsPerModule();
            return columns;
        }
        catch (LabFileException e)
        {
            throw new UsageException("--time-column, --voltage-column, --current-column: " + e.Message);
        }
    }

    private static int Execute(CliContext context, Request request)
    {
        string[] outputs = RunOutputWriter.FileNames.Append(ReplaySource.File).ToArray();
        OutputFolder.CheckKeeps(request.OutDir, "--out", request.File, "the recording", outputs);
        if (request.ScenarioPath != null)
        {
            OutputFolder.CheckKeeps(request.OutDir, "--out", request.ScenarioPath, "the --scenario file", outputs);
        }

        Scenario? given = request.ScenarioPath != null ? ScenarioLoader.LoadFile(request.ScenarioPath) : null;
        double area = given?.Pack.AreaCm2 ?? request.AreaCm2 ?? 0.3848;
        LabRecording recording;
        string name = Path.GetFileName(request.File);
        bool noteShown;
        try
        {
            // A large file takes seconds to read before anything runs (170 MB of EC-Lab text: 5 s): the bytes read, on the
            // progress line the replay then goes on with.
            long length = File.Exists(request.File) ? new FileInfo(request.File).Length : 0;
            string size = Megabytes(length);
            using ProgressDisplay reading = ProgressDisplay.Start(request.Progress, context.Console, "reading " + name + ": 0 of " + size + " MB", ProgressNote, deferNote: true);
            recording = LabFileReader.Read(request.File, request.Columns, area, (done, total) =>
            {
                // A file read twice (an edge-sim trace: its rows counted, then read) reports the bytes of both passes, of
                // twice its size: each pass is shown of the file's size, the first as counting its rows.
                string plain = "reading";
                string compact = "reading " + name;
                long inPass = done;
                long of = total;
                if (length > 0 && total > length)
                {
                    int passes = (int)Math.Round((double)total / length);
                    int at = Math.Clamp((int)Math.Ceiling((double)done / length), 1, passes);
                    inPass = done - ((at - 1) * length);
                    of = length;
                    plain = (at == 1 ? "counting rows" : "reading") + " (pass " + at + " of " + passes + ")";
                    compact = at == 1 ? "counting rows of " + name : compact;
                }

                reading.Update(
                    total > 0 ? (double)done / total : 1,
                    "replay " + name + ": " + plain + ", " + Megabytes(inPass) + " of " + Megabytes(of) + " MB read",
                    compact + ": " + Megabytes(inPass) + " of " + Megabytes(of) + " MB");
            });
            noteShown = reading.NoteShown;
        }
        catch (LabFileException e)
        {
            throw new InputFileException(e.Message);
        }

        // The area the recording's header states: the one replayed where the user gave none, and refused where the user's
        // differs by more than the header's rounding, as the current densities the core judges follow the area.
        HeaderArea? headerArea = recording.HeaderArea;
        if (headerArea != null && AreaConflict(headerArea, given, request.AreaCm2, area) is string conflict)
        {
            throw new InputFileException(name + ": " + conflict);
        }

        bool areaFromHeader = headerArea != null && given == null && request.AreaCm2 == null;
        if (areaFromHeader)
        {
            area = headerArea!.AreaCm2;
        }

        if (request.StripNegative)
        {
            foreach (double[] current in recording.ModuleCurrentMA)
            {
                for (int i = 0; i < current.Length; i++)
                {
                    current[i] = -current[i];
                }
            }
        }

        // A current that moves the voltage against its own sign at most pulse starts is read with the wrong sign: no cell
        // does that. Replayed, the core saw plating where the cell stripped, capped it above the critical current and
        // latched an implausible current reading 30 ms in (exit 0, a fault event the cell never had, a note after it), also
        // where the recording held only one or two pulse starts.
        (int Against, int Pulses, int ClearAgainst) sign = CurrentSign.Check(recording);
        if (CurrentSign.LooksReversed(sign))
        {
            throw new InputFileException(string.Format(CultureInfo.InvariantCulture, "{0}: at {1} of {2} pulse starts the voltage moved against the current{3}{4} (stripping lifts it, plating lowers it, on any cell): {5}",
                Path.GetFileName(request.File), sign.Against, sign.Pulses, recording.CurrentReading is { } reading ? " in column '" + reading.Column + "'" : string.Empty,
                request.StripNegative ? " as --strip-negative reads it" : string.Empty,
                request.StripNegative ? "the file counts stripping as positive; leave out --strip-negative" : "the file counts stripping current as negative; give --strip-negative"));
        }

        int periodMs = given?.SamplePeriodMs ?? (request.PeriodMs > 0 ? request.PeriodMs : 10);

        // The recording's checks are the same with --scenario as without: only where the tick is set differs (there,
        // --sample-period-ms is refused and the scenario's samplePeriodMs is the tick).
        string tickSetting = given != null ? "the --scenario file's samplePeriodMs" : "--sample-period-ms";
        InferredProtocol inferred = Infer(request.File, recording, periodMs, tickSetting);
        if (given == null && inferred.StrippingPulses > 0 && inferred.PlatingPulses > 0)
        {
            // A symmetric cell's usual cycling. The inferred protocol goes one way: the core, stripping, latched an
            // implausible current reading at the first plating pulse (exit 0, a fault the cell never had).
            throw new InputFileException(string.Format(CultureInfo.InvariantCulture,
                "{0}: the current flows both ways, {1} stripping and {2} plating pulses (the first plating one at t = {3:0.###} s of the recording), and replay infers the pulses of one direction only: the core would part from the recording at its first pulse the other way and latch a current reading fault the cell never had; give --scenario with the Strip and Plate steps the recording followed (the core rests at least 35 s, and until the voltage settles, before it plates after stripping, and plates at most controller.platingCriticalMAPerCm2: where the recording does otherwise, the replay ends where it parts from it and says so)",
                Path.GetFileName(request.File), inferred.StrippingPulses, inferred.PlatingPulses, inferred.FirstPlatingS));
        }

        try
        {
            // With any protocol: a pulse the core reads as 0 uA is no pulse to it.
            PulseCurrentCheck.CheckCountable(recording, inferred.PulseCurrentMA);
        }
        catch (LabFileException e)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + e.Message);
        }

        // A pulse current past the scenario's safety envelope, most often a column read in too small a unit: refused as
        // without --scenario (where the inferred scenario's loader finds it, in Build), not replayed as an overcurrent.
        int? scenarioMaximumUa = given != null ? ScenarioCompiler.Compile(given).Protection.ModuleMaximumCurrentUa : null;
        if (Math.Abs(inferred.PulseCurrentMA) * 1000 > scenarioMaximumUa)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + PulseCurrentCheck.TooLarge(recording, inferred.PulseCurrentMA, scenarioMaximumUa.Value, area, "give its area as the --scenario file's pack.areaCm2"));
        }

        // A tick that does not divide the recording's steps is refused before a replay whose switch parts from the
        // recording, whether the tick is the option's (or its default) or the scenario's.
        string tick = given != null
            ? "samplePeriodMs " + periodMs + " (the --scenario file's)"
            : "--sample-period-ms " + periodMs + (request.PeriodMs > 0 ? string.Empty : " (the default)");
        if (inferred.UntimedTimeline is { } untimed && TickFit.Refusal(untimed, periodMs, tick, given != null) is string refusal)
        {
            throw new UsageException(refusal);
        }

        double firstPulseS = inferred.FirstPulseS;
        if (given == null && firstPulseS >= recording.TimeS[^1])
        {
            throw new InputFileException(string.Format(CultureInfo.InvariantCulture, "{0}: the recording ends where its first pulse starts (t = {1:0.###} s): nothing to replay", Path.GetFileName(request.File), firstPulseS));
        }

        // A larger electrode is given where the area came from: with --area where the header gave none, in the header where
        // it gave the area (an --area beside it that differs is refused, above).
        string largerArea = areaFromHeader
            ? "correct the header's '" + headerArea!.Line + "' (line " + headerArea.LineNumber.ToString(CultureInfo.InvariantCulture) + "), the area replayed"
            : "give its --area";
        Scenario scenario = given ?? Build(request, recording, inferred, periodMs, area, firstPulseS, largerArea);
        if (scenario.Pack.Modules != recording.Modules || scenario.Pack.CellsPerModule != recording.CellsPerModule)
        {
            throw new UsageException("--scenario: its pack has " + scenario.Pack.Modules + " x " + scenario.Pack.CellsPerModule + " cells, the recording " + recording.Modules + " x " + recording.CellsPerModule);
        }

        // A trace's temperatures are fed to the sensors its run read them from: to another count of sensors they would be
        // fed to the wrong ones, or not at all.
        if (recording.TemperatureSensors > 0 && scenario.Pack.TemperatureSensors != recording.TemperatureSensors)
        {
            throw new UsageException("--scenario: its pack has " + scenario.Pack.TemperatureSensors + " temperature sensors (pack.temperatureSensors), the trace the readings of "
                + recording.TemperatureSensors + " (columns temperature<t>" + TraceColumns.MeasuredTemperatureSuffix + "): give pack.temperatureSensors " + recording.TemperatureSensors);
        }

        ControllerConfiguration compiled = ScenarioCompiler.Compile(scenario);
        if (given == null && PulseCurrentSpread.Refusal(inferred, compiled.Plausibility) is string spread)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + spread);
        }

        // The core caps its plating current at the critical current: a recording plating above it parted from the core's
        // command at its first plating pulse, and the core latched an implausible current reading (exit 0).
        int platingCapUa = compiled.Protocol.PlatingCriticalCurrentUa;
        if (inferred.PlatingCurrentMA is double platingMA && Math.Round(Math.Abs(platingMA) * 1000) > platingCapUa)
        {
            double densityMAPerCm2 = Math.Abs(platingMA) / scenario.Pack.AreaCm2;
            throw new InputFileException(string.Format(CultureInfo.InvariantCulture,
                "{0}: its plating pulses read {1:0.###} mA (median), {2:0.##} mA/cm2 of {3:0.####} cm2, above the {4:0.###} mA the core plates at most ({5}): the core caps its plating there and, the recording's larger current flowing, would latch a current reading fault the cell never had at the first plating pulse; {6} {7:0.##} mA/cm2",
                Path.GetFileName(request.File), Math.Abs(platingMA), densityMAPerCm2, scenario.Pack.AreaCm2, platingCapUa / 1000.0,
                given?.Controller.PlatingCriticalMAPerCm2 is double critical
                    ? string.Format(CultureInfo.InvariantCulture, "the --scenario file's controller.platingCriticalMAPerCm2, {0:0.###}", critical)
                    : "the critical plating current, 0.4 mA/cm2 by default",
                given != null ? "if the cell takes it, give its controller.platingCriticalMAPerCm2 as at least" : "if the cell takes it, give --scenario with controller.platingCriticalMAPerCm2 at least",
                Math.Ceiling(densityMAPerCm2 * 100) / 100));
        }

        // A scenario written for another current density or area commands a setpoint the recorded current is nowhere
        // near: the core latched an implausible current reading 30 ms in and held the module (exit 0).
        if (given != null && ScenarioPulseCurrentCheck.Refusal(inferred, compiled, scenario.Pack.AreaCm2) is string setpointRefusal)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + setpointRefusal);
        }

        // A voltage column read in a unit too small or too large reaches the core as a cell at a few tenths of a mV or at
        // tens of volts: it held a healthy cell for a hard short at its first tick, exit 0. Refused, in the recording's terms.
        CellParameters cells = CellBankFactory.Parameters(scenario.Pack);
        if (VoltageScaleCheck.Refusal(recording, scenario.Pack.Preset, inferred.PulseCurrentMA / scenario.Pack.AreaCm2, ScenarioBoardCells.NominalResistanceOhmCm2(scenario),
            cells.MaxPolarisationV + Math.Abs(cells.OpenCircuitVoltageV), (scenario.Protocol.CutoffV, given != null ? "the --scenario file's protocol.cutoffV" : "--cutoff")) is string voltageRefusal)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + voltageRefusal);
        }

        OutputFolder.Check(request.OutDir, "--out");
        TickSeries series;
        try
        {
            series = TickSeries.Create(recording, periodMs, firstPulseS, request.GapS);
        }
        catch (LabFileException e)
        {
            throw new InputFileException(Path.GetFileName(request.File) + ": " + e.Message);
        }

        // An edge-sim trace says which of its values the core is fed: those its run's core read, or the model's true ones.
        string? simulatedBecause = TraceValuesFed.SimulatedBecause(recording, series);
        double startS = series.Count > 0 ? series.TickIndex(0) * periodMs / 1000.0 : 0;
        double durationS = series.Count > 0 ? (series.TickIndex(series.Count - 1) * periodMs / 1000.0) - startS : 0;
        SimulationResult result;
        long misaligned;
        double? firstMisalignedS;
        ReplayRunner runner;
        using (ProgressDisplay display = ProgressDisplay.Start(request.Progress, context.Console, "replay " + name, noteShown ? null : ProgressNote))
        {
            runner = new ReplayRunner(scenario, series)
            {
                PulsePeriodMs = given == null ? inferred.PulsePeriodMs : null,
                RecordingName = Path.GetFileName(request.File) + ", " + recording.Format,
                RecordingSimulatedBecause = simulatedBecause,
                SettingSources = new ReplaySettingSources
                {
                    AreaCm2 = given != null ? Sourced(given.Pack.AreaCm2Given) : request.AreaCm2 != null ? SettingSource.Option : areaFromHeader ? SettingSource.Recording : SettingSource.Default,
                    Preset = given != null ? SettingSource.Scenario : request.Preset != null ? SettingSource.Option : SettingSource.Default,
                    CutoffV = given != null ? Sourced(given.Protocol.CutoffGiven) : request.CutoffV != null ? SettingSource.Option : SettingSource.Default,
                    SamplePeriodMs = given != null ? Sourced(given.SamplePeriodGiven) : request.PeriodMs > 0 ? SettingSource.Option : SettingSource.Default,
                    Protocol = given != null ? SettingSource.Scenario : SettingSource.Inferred,
                },
                Cancellation = context.Cancellation,
                Progress = (fraction, atS) => display.Update(
                    fraction,
                    string.Format(CultureInfo.InvariantCulture, "replay {0}: {1} of the recording's {2} replayed", name, RunProgressText.Duration(atS - startS), RunProgressText.Duration(durationS)),
                    string.Format(CultureInfo.InvariantCulture, "replay {0} {1} of {2}", name, RunProgressText.Duration(atS - startS), RunProgressText.Duration(durationS))),
            };
            (result, misaligned, firstMisalignedS) = runner.Run();
        }

        RunOutputWriter.WriteAll(request.OutDir, scenario, result);
        IReadOnlyList<ReplayGap> gaps = result.RecordingGaps!;
        new ReplaySource
        {
            Source = Path.GetFileName(request.File),
            Format = recording.Format,
            Samples = recording.Samples,
            MedianSampleIntervalS = series.MedianSampleIntervalS,
            TickPeriodMs = periodMs,
            StartS = firstPulseS,
            TicksFed = result.Ticks,
            Steps = scenario.Protocol.Steps,
            Protocol = given != null ? "scenario" : "inferred",
            Gaps = gaps,
            Sessions = runner.Segments,
            MisalignedTicks = misaligned,
            FirstPulseSkipped = inferred.FirstPulseSkipped,
            SamplesPerPulse = inferred.SamplesPerPulse,
            FirstMisalignedS = firstMisalignedS,
            LastLineLeftOut = recording.LastLineLeftOut,
            SameTimeRows = recording.SameTimeRows,
            ReadAsLatin1Because = recording.ReadAsLatin1Because,
        }.Write(request.OutDir);

        CultureInfo inv = CultureInfo.InvariantCulture;
        TextWriter stdout = context.Console.Out;
        stdout.WriteLine(string.Format(inv, "replay {0} ({1}, {2} samples, median interval {3:0.###} s) at {4} ms ticks from t = {5:0.###} s of the recording (the replay's t = 0): {6} after {7} s", Path.GetFileName(request.File), recording.Format, recording.Samples, series.MedianSampleIntervalS, periodMs, firstPulseS, result.TerminatedBy, SimulatedTime.Seconds(result.SimulatedS)));
        if (simulatedBecause != null)
        {
            stdout.WriteLine("simulated data, not a bench measurement: " + simulatedBecause);
        }

        if (recording.ReadAsLatin1Because != null)
        {
            stdout.WriteLine("encoding: " + recording.ReadAsLatin1Because);
        }

        if (recording.LastLineLeftOut != null)
        {
            stdout.WriteLine("last line: " + recording.LastLineLeftOut);
        }

        if (recording.SameTimeRows != null)
        {
            stdout.WriteLine("same time: " + recording.SameTimeRows);
        }

        if (areaFromHeader)
        {
            stdout.WriteLine(string.Format(inv, "area: {0:0.####} cm2, the recording's header's ('{1}', line {2}), as no --area was given", area, headerArea!.Line, headerArea.LineNumber));
        }
        else if (runner.SettingSources?.AreaCm2 is SettingSource.Default or SettingSource.ScenarioDefault)
        {
            // The table's mAh/cm2 and the current densities the core judges are per this area, which neither the user
            // nor the recording stated: said where it is read, not only in report.html.
            stdout.WriteLine(string.Format(inv, "area: {0:0.####} cm2, the default, as {1}: the mAh/cm2 below and the current densities the core judged are per this area; if the cell's differs, {2}",
                area,
                given != null ? "the --scenario file leaves out pack.areaCm2" : "no --area was given and the recording states none",
                given != null ? "give it as pack.areaCm2" : "give it with --area"));
        }

        if (result.TemperatureAssumed != null)
        {
            // The sensors' readings, like a defaulted area, are no figure of the recording's: said where the events are read.
            stdout.WriteLine("temperature: " + result.TemperatureAssumed);
        }

        stdout.WriteLine("protocol (" + (given != null ? "scenario" : "inferred") + "): " + string.Join(", ", scenario.Protocol.Steps));
        if (given != null && result.SimulatedS > given.TimeLimitS)
        {
            // A scenario's timeLimitS bounds a simulated run (at most 30 days); a replay runs as long as its recording,
            // with or without --scenario, so a limit the recording outlasts is said to be left unapplied.
            stdout.WriteLine(string.Format(inv, "time limit: the scenario's timeLimitS ({0:0.###} s) does not end a replay; the recording's end does ({1} s replayed)", given.TimeLimitS, SimulatedTime.Seconds(result.SimulatedS)));
        }

        if (given == null && inferred.RestCutOffS is double cutOffS)
        {
            stdout.WriteLine(string.Format(inv, "rest: the recording ends {0:0.###} s into the rest after its only pulse, so the rest's length is unknown; the inferred rest lasts past the recording's end", cutOffS));
        }

        if (inferred.FirstPulseSkipped)
        {
            stdout.WriteLine("start: the recording begins inside a pulse whose first point has already jumped, so the core, with no reference for that pulse, starts at the next one");
        }

        if (inferred.SparselySampled)
        {
            stdout.WriteLine(string.Format(inv, "sampling: the pulses hold {0:0.#} samples each (mean), fewer than {1}: a pulse's end is read from too few points, so depletion-trend events may be false; record more often during pulses", inferred.SamplesPerPulse, ProtocolInference.DependableSamplesPerPulse));
        }

        Table table = new Table().AddColumns("module", "mAh/cm2", "duty cycle", "mean rest (s)", "stop");
        foreach (ModuleResult m in result.Modules)
        {
            table.AddRow(m.Index.ToString(inv), Markup.Escape(RunningAtEnd.Capacity(m, result.TerminatedBy, "0.###")), m.DutyCycle.ToString("0.###", inv), m.MeanRestS.ToString("0.##", inv), m.StopReason);
        }

        context.Console.Results.Write(table);
        if (result.Modules.Any(m => RunningAtEnd.IsLowerBound(m, result.TerminatedBy)))
        {
            stdout.WriteLine(RunningAtEnd.Note(result.TerminatedBy));
        }

        RunCommand.WriteHeldModules(stdout, result);
        stdout.WriteLine(string.Format(inv, "events: {0}", result.Events.Count));
        foreach (ReplayGap g in gaps)
        {
            stdout.WriteLine(string.Format(inv, "gap: no samples from {0:0.###} s to {1:0.###} s ({2:0.###} s); {3}", g.StartS, g.EndS, g.DurationS, AfterGap(g, result.SimulatedS)));
        }

        if (runner.Departure is ScheduleDeparture departure)
        {
            // The replay ended before this tick: fed on, the core would report the disagreement itself as the cell's
            // faults (current through a switch it holds open reads as an overcurrent, a closed switch with no current
            // as a hard short or an implausible current reading). Say where, which way, and why it can happen.
            string cause = given == null
                ? "give the protocol with --scenario"
                : recording.Format == "edge-sim-trace" && !series.FeedsMeasured
                    ? "the recording does not follow the scenario's protocol timing (adaptive rests, or pulses cut or derated by the controller that made it; or a rest ended by the settling voltage, which the run's core read as measured millivolts, with their noise and rounding, and the trace holds as the cell's true voltage): replay times pulses and rests from the protocol"
                    : "the recording does not follow the scenario's protocol timing (adaptive rests, or pulses cut or derated by the controller that made it): replay times pulses and rests from the protocol";
            string way = departure.SwitchClosed
                ? "closed for a pulse, no current recorded"
                : string.Format(inv, "open, {0} uA recorded", departure.RecordedUa);
            stdout.WriteLine(string.Format(inv, "misaligned: at {0:0.###} s the core's switch and the recorded current part (module {1}: the switch {2}); the replay ends there, before that tick, as past it the core would judge the cell against a pulse or rest the recording does not hold; {3}", departure.AtS, departure.Module, way, cause));
        }

        stdout.WriteLine("summary: " + Path.GetFullPath(Path.Combine(request.OutDir, RunOutputWriter.SummaryFile)));
        stdout.WriteLine("plot:    " + Path.GetFullPath(Path.Combine(request.OutDir, RunOutputWriter.PlotFile)));
        return result.TerminatedBy == "cancelled" ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    /// <summary>
    /// What the core did after a gap: restarted at the first pulse after it with a sample after the gap before its step,
    /// or never, because the replay had stopped before the gap (at <paramref name="endS"/>) or no such pulse came.
    /// </summary>
    private static string AfterGap(ReplayGap gap, double endS)
    {
        if (gap.RestartS is double at)
        {
            return string.Format(CultureInfo.InvariantCulture, "the core restarted at {0:0.###} s, the first pulse with a sample after the gap before its step", at);
        }

        return endS <= gap.StartS + 1e-9
            ? "the replay had stopped before it"
            : "no pulse with a sample after the gap before its step follows: the replay ends there";
    }

    /// <summary>
    /// Why the user's area cannot be replayed beside the one the recording's header states (null where they agree as the
    /// header rounds it, or the user gave none): both values and what to change.
    /// </summary>
    private static string? AreaConflict(HeaderArea header, Scenario? given, double? optionCm2, double areaCm2)
    {
        if ((given == null && optionCm2 == null) || header.Agrees(areaCm2))
        {
            return null;
        }

        string stated = string.Format(CultureInfo.InvariantCulture, "its header states '{0}' (line {1}), ", header.Line, header.LineNumber);
        string headerValue = header.AreaCm2.ToString("0.####", CultureInfo.InvariantCulture);
        string user = areaCm2.ToString("0.####", CultureInfo.InvariantCulture);
        if (given == null)
        {
            return stated + "but --area gives " + user + " cm2; give --area " + headerValue + " or leave it out, or correct the header where --area is the cell's";
        }

        return given.Pack.AreaCm2Given
            ? stated + "but the --scenario file's pack.areaCm2 is " + user + " cm2; give pack.areaCm2 " + headerValue + ", or correct the header where the scenario's is the cell's"
            : stated + "but the --scenario file leaves out pack.areaCm2, so it replays " + user + " cm2; give pack.areaCm2 " + headerValue + ", or correct the header where that is the cell's";
    }

    /// <summary>A setting of the --scenario file's: the value it gives, or the scenario's default where it leaves the field out.</summary>
    private static SettingSource Sourced(bool given) => given ? SettingSource.Scenario : SettingSource.ScenarioDefault;

    /// <summary>Said once above plain progress lines.</summary>
    private const string ProgressNote = "progress: percent of the file's bytes read, then of the recording's samples fed to the core; a fault or a stop condition can end the replay earlier";

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString(bytes < 10_000_000 ? "0.0#" : "0.0", CultureInfo.InvariantCulture);

    private static InferredProtocol Infer(string file, LabRecording recording, int periodMs, string tickSetting)
    {
        try
        {
            return ProtocolInference.Infer(recording, periodMs, tickSetting);
        }
        catch (LabFileException e)
        {
            throw new InputFileException(Path.GetFileName(file) + ": " + e.Message);
        }
    }

    private static Scenario Build(Request request, LabRecording recording, InferredProtocol inferred, int periodMs, double area, double firstPulseS, string largerArea)
    {
        try
        {
            return Parse(request, recording, inferred.Steps, periodMs, area, firstPulseS);
        }
        catch (UsageException) when (LargestPulseUa(request, recording, inferred.Steps, periodMs, area, firstPulseS) is int maximumUa
            && Math.Abs(inferred.PulseCurrentMA) * 1000 > maximumUa)
        {
            // The pulse's current, not the scenario, is what the loader refused: say so in the recording's terms.
            throw new InputFileException(Path.GetFileName(request.File) + ": " + PulseCurrentCheck.TooLarge(recording, inferred.PulseCurrentMA, maximumUa, area, largerArea));
        }
    }

    /// <summary>
    /// The safety envelope's largest module current, uA, for the inferred scenario with its pulse at 1 uA; null when
    /// that scenario is refused too (its problem is not the current).
    /// </summary>
    private static int? LargestPulseUa(Request request, LabRecording recording, List<string> steps, int periodMs, double area, double firstPulseS)
    {
        List<string> probe = steps.Select((s, i) => i == 0 ? PulseCurrentPattern().Replace(s, "at 1 uA") : s).ToList();
        try
        {
            return ScenarioCompiler.Compile(Parse(request, recording, probe, periodMs, area, firstPulseS)).Protection.ModuleMaximumCurrentUa;
        }
        catch (UsageException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"at \d+ uA")]
    private static partial System.Text.RegularExpressions.Regex PulseCurrentPattern();

    private static Scenario Parse(Request request, LabRecording recording, List<string> steps, int periodMs, double area, double firstPulseS)
    {
        JsonObject json = new JsonObject
        {
            ["name"] = Path.GetFileNameWithoutExtension(request.File),
            ["samplePeriodMs"] = periodMs,
            // The loader needs one, a replay applies none (it runs to the recording's end, up to the 2^31 ticks
            // TickSeries counts): the recording's length, within the loader's 30 days, which a longer recording
            // must not be refused for, as it names a field the user never wrote.
            ["timeLimitS"] = Math.Clamp(recording.TimeS[^1] - firstPulseS, 0.001, ScenarioLoader.MaximumTimeLimitS),
            ["pack"] = new JsonObject
            {
                ["modules"] = recording.Modules,
                ["cellsPerModule"] = recording.CellsPerModule,
                ["preset"] = request.Preset ?? "nak50-nasicon",
                ["areaCm2"] = area,

                // A trace's sensors, read as they were; without the run's scenario each watches the whole pack.
                ["temperatureSensors"] = recording.TemperatureSensors,
            },
            ["protocol"] = new JsonObject
            {
                ["steps"] = new JsonArray(steps.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
                ["rest"] = "fixed",
                ["cutoffV"] = request.CutoffV ?? 3.0,
            },
            ["controller"] = new JsonObject { ["mode"] = "observe" },
        };
        try
        {
            return ScenarioLoader.Parse(json.ToJsonString());
        }
        catch (ScenarioException e) when (OptionOf(e.Path) is string option)
        {
            throw new UsageException(option + ": " + e.Problem);
        }
        catch (ScenarioException e)
        {
            throw new UsageException("the recording's inferred protocol is not usable (" + e.Message + "); give one with --scenario");
        }
    }

    /// <summary>The option that set a field of the inferred scenario, to name it rather than the field.</summary>
    private static string? OptionOf(string field) => field switch
    {
        "samplePeriodMs" => "--sample-period-ms",
        "pack.areaCm2" => "--area",
        "pack.preset" => "--preset",
        "protocol.cutoffV" => "--cutoff",
        _ => null,
    };

    private sealed record Request(string File, string OutDir, string? ScenarioPath, int PeriodMs, double? AreaCm2, string? Preset, double? CutoffV, ColumnSpec? Columns, bool StripNegative, double? GapS, ProgressMode Progress);
}
