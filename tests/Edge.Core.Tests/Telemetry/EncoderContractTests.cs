using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>Every payload parses as JSON and carries exactly the fields, types and values CONTRACT.md lists.</summary>
public class EncoderContractTests
{
    private static readonly string[] Header = { "v", "bootId", "seq", "tMs" };

    internal static JsonElement Encode(System.Action<JsonByteWriter> encode, int capacity = 2048)
    {
        var buffer = new byte[capacity];
        var writer = new JsonByteWriter();
        writer.Reset(buffer, 0, capacity);
        encode(writer);
        Assert.False(writer.Overflowed);
        return JsonDocument.Parse(buffer.AsMemory(0, writer.Length), new JsonDocumentOptions { AllowDuplicateProperties = false }).RootElement.Clone();
    }

    internal static void AssertFields(JsonElement root, params string[] expected)
    {
        var actual = root.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void PulseSummaryMatchesContract()
    {
        var record = new TelemetryRecord(3)
        {
            Kind = TelemetryRecordKind.PulseSummary,
            TimestampMs = 123456789012L,
            Module = 2,
            PulseIndex = 17,
            PulseCurrentUa = 385,
            // Every number different, so a field written from its neighbour shows: 385 uA for 0.5 s is 192.5 uC,
            // which the duty cycle floors to 192.
            PulseDurationMs = 500,
            PulseChargeUc = 192,
            TotalChargeUc = 6545L,
            RestMs = 5000,
            ModuleCurrentUa = 7,
            CellCount = 3,
        };
        record.CellValuesA[0] = 150; record.CellValuesA[1] = -12; record.CellValuesA[2] = 2999;
        record.CellValuesB[0] = 390000; record.CellValuesB[1] = 0; record.CellValuesB[2] = int.MaxValue;

        JsonElement root = Encode(w => PulseEncoder.Encode(w, record, "a1b2c3d4", 42));

        AssertFields(root, Header.Concat(new[] { "module", "pulseIndex", "pulseCurrentUa", "pulseDurationMs", "pulseChargeUc",
            "totalChargeUc", "tunedRestMs", "moduleCurrentUa", "moduleCurrentInvalid", "overpotentialMv", "edgeResistanceMilliohm" }).ToArray());
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("a1b2c3d4", root.GetProperty("bootId").GetString());
        Assert.Equal(42, root.GetProperty("seq").GetInt64());
        Assert.Equal(123456789012L, root.GetProperty("tMs").GetInt64());
        Assert.Equal(2, root.GetProperty("module").GetInt32());
        Assert.Equal(17, root.GetProperty("pulseIndex").GetInt32());
        Assert.Equal(385, root.GetProperty("pulseCurrentUa").GetInt32());
        Assert.Equal(500, root.GetProperty("pulseDurationMs").GetInt32());
        Assert.Equal(192, root.GetProperty("pulseChargeUc").GetInt32());
        Assert.Equal(6545, root.GetProperty("totalChargeUc").GetInt64());
        Assert.Equal(5000, root.GetProperty("tunedRestMs").GetInt32());
        Assert.Equal(7, root.GetProperty("moduleCurrentUa").GetInt32());
        Assert.False(root.GetProperty("moduleCurrentInvalid").GetBoolean());
        Assert.Equal(new[] { 150, -12, 2999 }, root.GetProperty("overpotentialMv").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(new[] { 390000, 0, int.MaxValue }, root.GetProperty("edgeResistanceMilliohm").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void CellVoltagesMatchContract()
    {
        var record = new TelemetryRecord(4)
        {
            Kind = TelemetryRecordKind.CellVoltages, TimestampMs = 1000, Module = 0, State = ModuleState.Rest,
            ModuleCurrentUa = -154, CellCount = 4,
        };
        int[] mv = { 0, 1, -3300, 3300 };
        int[] lowest = { -5, 1, -3310, 12 };
        int[] highest = { 243, 1, -3300, 3301 };
        mv.CopyTo(record.CellValuesA, 0);
        lowest.CopyTo(record.CellValuesB, 0);
        highest.CopyTo(record.CellValuesC, 0);

        JsonElement root = Encode(w => CellsEncoder.Encode(w, record, "b", 1));

        AssertFields(root, Header.Concat(new[] { "module", "state", "moduleCurrentUa", "moduleCurrentInvalid", "cellVoltageMv", "cellMinMv", "cellMaxMv", "invalid" }).ToArray());
        Assert.Empty(root.GetProperty("invalid").EnumerateArray());
        Assert.False(root.GetProperty("moduleCurrentInvalid").GetBoolean());
        Assert.Equal(lowest, root.GetProperty("cellMinMv").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(highest, root.GetProperty("cellMaxMv").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("rest", root.GetProperty("state").GetString());
        Assert.Equal(-154, root.GetProperty("moduleCurrentUa").GetInt32());
        Assert.Equal(mv, root.GetProperty("cellVoltageMv").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void ACellWithoutAValidReadingIsListedByItsPackIndexAndAValidOneIsNot()
    {
        // Module 3 of a 4 x 2 pack: its cells are pack cells 6 and 7 (CONTRACT.md: module x cellsPerModule + cell).
        // Cell 1 (pack cell 7) read nothing valid in the interval: its values repeat its last valid reading, 0 here.
        var record = new TelemetryRecord(2)
        {
            Kind = TelemetryRecordKind.CellVoltages, TimestampMs = 31000, Module = 3, State = ModuleState.Hold, CellCount = 2,
        };
        new[] { 212, 0 }.CopyTo(record.CellValuesA, 0);
        new[] { 210, 0 }.CopyTo(record.CellValuesB, 0);
        new[] { 215, 0 }.CopyTo(record.CellValuesC, 0);
        record.CellInvalid[1] = true;

        JsonElement root = Encode(w => CellsEncoder.Encode(w, record, "b", 1));
        Assert.Equal(new[] { 7 }, root.GetProperty("invalid").EnumerateArray().Select(e => e.GetInt32()));

        // Both cells invalid, then neither: the list follows the record, in ascending order.
        record.CellInvalid[0] = true;
        root = Encode(w => CellsEncoder.Encode(w, record, "b", 2));
        Assert.Equal(new[] { 6, 7 }, root.GetProperty("invalid").EnumerateArray().Select(e => e.GetInt32()));
        record.CellInvalid[0] = false;
        record.CellInvalid[1] = false;
        root = Encode(w => CellsEncoder.Encode(w, record, "b", 3));
        Assert.Empty(root.GetProperty("invalid").EnumerateArray());
    }

    [Fact]
    public void AModuleCurrentWithoutAValidReadingIsMarkedInvalidOnBothTopicsThatCarryIt()
    {
        // A module whose current channel read saturated (or missing) through a cells interval, or at the end of a pulse:
        // the record holds its last valid reading (385 uA, not the -3000 uA rail) and says it is none of this time.
        var cells = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.CellVoltages, TimestampMs = 4000, Module = 1, State = ModuleState.Hold, CellCount = 1,
            ModuleCurrentUa = 385, ModuleCurrentInvalid = true,
        };
        var pulse = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.PulseSummary, TimestampMs = 1010, Module = 1, PulseIndex = 1, PulseCurrentUa = 385,
            PulseDurationMs = 1000, PulseChargeUc = 385, TotalChargeUc = 385, RestMs = 5000, CellCount = 1,
            ModuleCurrentUa = 385, ModuleCurrentInvalid = true,
        };
        foreach (JsonElement root in new[] { Encode(w => CellsEncoder.Encode(w, cells, "b", 1)), Encode(w => PulseEncoder.Encode(w, pulse, "b", 2)) })
        {
            Assert.Equal(JsonValueKind.True, root.GetProperty("moduleCurrentInvalid").ValueKind);
            Assert.Equal(385, root.GetProperty("moduleCurrentUa").GetInt32());
        }

        // Valid again: false, on both.
        cells.ModuleCurrentInvalid = false;
        pulse.ModuleCurrentInvalid = false;
        Assert.Equal(JsonValueKind.False, Encode(w => CellsEncoder.Encode(w, cells, "b", 3)).GetProperty("moduleCurrentInvalid").ValueKind);
        Assert.Equal(JsonValueKind.False, Encode(w => PulseEncoder.Encode(w, pulse, "b", 4)).GetProperty("moduleCurrentInvalid").ValueKind);
    }

    [Fact]
    public void StateChangeAndRestEndMatchContract()
    {
        var changed = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.StateChanged, TimestampMs = 7000, Module = 1, State = ModuleState.Done, StopReason = StopReason.Cutoff,
        };
        JsonElement root = Encode(w => StateEncoder.Encode(w, changed, "b", 3));
        AssertFields(root, Header.Concat(new[] { "module", "type", "state", "stopReason" }).ToArray());
        Assert.Equal("stateChanged", root.GetProperty("type").GetString());
        Assert.Equal("done", root.GetProperty("state").GetString());
        Assert.Equal("cutoff", root.GetProperty("stopReason").GetString());

        var rest = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.RestTuned, TimestampMs = 7000, Module = 0, RestMs = 4250, RestEndReason = RestEndReason.Relaxed,
        };
        root = Encode(w => StateEncoder.Encode(w, rest, "b", 4));
        AssertFields(root, Header.Concat(new[] { "module", "type", "restMs", "restEndReason" }).ToArray());
        Assert.Equal("restEnded", root.GetProperty("type").GetString());
        Assert.Equal(4250, root.GetProperty("restMs").GetInt32());
        Assert.Equal("relaxed", root.GetProperty("restEndReason").GetString());
    }

    [Fact]
    public void DiagnosisEventMatchesContract()
    {
        var record = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.Event, TimestampMs = 99, Module = 0, Cell = 3, EventKind = EventKind.SoftShort,
            Diagnosis = DiagnosisId.SoftShortResistanceDrop, HasDiagnosis = true, Severity = Severity.Warning, Value = 120000, Threshold = 195000,
        };
        JsonElement root = Encode(w => EventEncoder.Encode(w, record, "b", 9));
        AssertFields(root, Header.Concat(new[] { "kind", "diagnosis", "severity", "module", "cell", "value", "threshold" }).ToArray());
        Assert.Equal("softShort", root.GetProperty("kind").GetString());
        Assert.Equal("softShortResistanceDrop", root.GetProperty("diagnosis").GetString());
        Assert.Equal("warning", root.GetProperty("severity").GetString());
        Assert.Equal(3, root.GetProperty("cell").GetInt32());
        Assert.Equal(120000, root.GetProperty("value").GetInt32());
        Assert.Equal(195000, root.GetProperty("threshold").GetInt32());
    }

    [Fact]
    public void PackEventWithoutDiagnosisHasNullModuleCellAndDiagnosis()
    {
        var record = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.Event, Module = -1, Cell = -1, EventKind = EventKind.TelemetryOverflow, Severity = Severity.Info, Value = 5,
        };
        JsonElement root = Encode(w => EventEncoder.Encode(w, record, "b", 1));
        Assert.Equal("telemetryOverflow", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("diagnosis").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("module").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cell").ValueKind);
        Assert.Equal("info", root.GetProperty("severity").GetString());
    }

    [Fact]
    public void ARestoredFaultWithoutAKnownCauseCarriesANullDiagnosisAsTheContractSays()
    {
        var record = new TelemetryRecord(1)
        {
            Kind = TelemetryRecordKind.Event, TimestampMs = 10, Module = 1, Cell = -1, EventKind = EventKind.FaultRestored,
            Severity = Severity.Fault, HasDiagnosis = false,
        };
        JsonElement root = Encode(w => EventEncoder.Encode(w, record, "b", 1));
        AssertFields(root, Header.Concat(new[] { "kind", "diagnosis", "severity", "module", "cell", "value", "threshold" }).ToArray());
        Assert.Equal("faultRestored", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("diagnosis").ValueKind);

        // A consumer written from CONTRACT.md must expect the field, null, not its absence.
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        Match description = Regex.Match(contract, @"`faultRestored` \(severity `fault`:([^()]*)\)");
        Assert.True(description.Success, "CONTRACT.md does not describe faultRestored");
        string text = Regex.Replace(description.Groups[1].Value, @"\s+", " ");
        Assert.Contains("`diagnosis` names the stored cause, and is `null` when the cause is not known", text, StringComparison.Ordinal);
        Assert.DoesNotContain("absent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEventKindAndDiagnosisHasACamelCaseContractName()
    {
        foreach (EventKind kind in Enum.GetValues<EventKind>())
        {
            string expected = char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
            Assert.Equal(expected, ContractNames.Of(kind));
        }

        foreach (DiagnosisId id in Enum.GetValues<DiagnosisId>())
        {
            string expected = char.ToLowerInvariant(id.ToString()[0]) + id.ToString()[1..];
            Assert.Equal(expected, ContractNames.Of(id));
        }

        foreach (StopReason reason in Enum.GetValues<StopReason>())
        {
            Assert.Equal(char.ToLowerInvariant(reason.ToString()[0]) + reason.ToString()[1..], ContractNames.Of(reason));
        }

        foreach (ModuleState state in Enum.GetValues<ModuleState>())
        {
            Assert.Equal(state.ToString().ToLowerInvariant(), ContractNames.Of(state));
        }
    }

    [Fact]
    public void OutboxOverflowEventListsLossesPerStream()
    {
        long[] lost = { 7, 2, 0, 1 };
        JsonElement root = Encode(w => EventEncoder.EncodeOutboxOverflow(w, 5000, lost, "b", 12));
        AssertFields(root, Header.Concat(new[] { "kind", "diagnosis", "severity", "module", "cell", "value", "threshold", "lost" }).ToArray());
        Assert.Equal("outboxOverflow", root.GetProperty("kind").GetString());
        Assert.Equal(10, root.GetProperty("value").GetInt32());
        JsonElement byStream = root.GetProperty("lost");
        Assert.Equal(7, byStream.GetProperty("pulse").GetInt32());
        Assert.Equal(2, byStream.GetProperty("cells").GetInt32());
        Assert.Equal(0, byStream.GetProperty("state").GetInt32());
        Assert.Equal(1, byStream.GetProperty("event").GetInt32());
    }

    [Fact]
    public void StatusAndCommandResultMatchContract()
    {
        JsonElement online = Encode(w => StatusEncoder.Encode(w, true, "b7"));
        AssertFields(online, "v", "fw", "status", "bootId");
        Assert.Equal("online", online.GetProperty("status").GetString());
        JsonElement offline = Encode(w => StatusEncoder.Encode(w, false, "b7"));
        AssertFields(offline, "v", "fw", "status", "bootId");
        Assert.Equal("offline", offline.GetProperty("status").GetString());

        JsonElement ok = Encode(w => CommandResultEncoder.Encode(w, "r-1", "start", null, null));
        AssertFields(ok, "v", "id", "verb", "ok");
        Assert.True(ok.GetProperty("ok").GetBoolean());

        JsonElement rejected = Encode(w => CommandResultEncoder.Encode(w, "r\"2", "setMode", "mode", "must be \"observe\" or \"act\""));
        AssertFields(rejected, "v", "id", "verb", "ok", "error");
        Assert.Equal("r\"2", rejected.GetProperty("id").GetString());
        Assert.False(rejected.GetProperty("ok").GetBoolean());
        Assert.Equal("mode", rejected.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("must be \"observe\" or \"act\"", rejected.GetProperty("error").GetProperty("message").GetString());
    }

    /// <summary>
    /// Both status payloads (the online one and the Last Will) say which firmware the unit runs: "fw", the firmware's
    /// version as major.minor.patch (CONTRACT.md "status"), the one the device assemblies carry.
    /// </summary>
    [Fact]
    public void StatusCarriesTheFirmwareVersion()
    {
        foreach (bool online in new[] { true, false })
        {
            string fw = Encode(w => StatusEncoder.Encode(w, online, "b7")).GetProperty("fw").GetString()!;

            Assert.Matches(@"^\d+\.\d+\.\d+$", fw);
            Assert.Equal(FirmwareVersion.Text, fw);
            Assert.Equal(new Version(fw + ".0"), typeof(StatusEncoder).Assembly.GetName().Version);
        }

        // CONTRACT.md's examples of the two payloads have the encoder's fields, "fw" among them.
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        int start = contract.IndexOf("## `status` (retained)", StringComparison.Ordinal);
        Assert.True(start >= 0, "CONTRACT.md has no status section");
        string section = contract.Substring(start, contract.IndexOf("\n## ", start + 1, StringComparison.Ordinal) - start);
        string[] examples = section.Split('\n').Where(l => l.StartsWith("{", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, examples.Length);
        foreach (string example in examples)
        {
            JsonElement documented = JsonDocument.Parse(example).RootElement;
            AssertFields(documented, "v", "fw", "status", "bootId");
            Assert.Matches(@"^\d+\.\d+\.\d+$", documented.GetProperty("fw").GetString()!);
        }
    }

    [Fact]
    public void ConfigCarriesProtocolModeAndEnvelope()
    {
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        var layout = new PackLayout(2, 3, 0);
        JsonElement root = Encode(w => ConfigEncoder.Encode(w, configuration, layout, "b", 4), ConfigEncoder.MaximumBytes(2));
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal(4, root.GetProperty("revision").GetInt32());
        Assert.Equal("observe", root.GetProperty("mode").GetString());
        Assert.Equal(2, root.GetProperty("modules").GetInt32());
        Assert.Equal(3, root.GetProperty("cellsPerModule").GetInt32());
        Assert.Equal(1925, root.GetProperty("protection").GetProperty("moduleMaximumCurrentUa").GetInt32());
        JsonElement protocol = root.GetProperty("protocol");
        Assert.Equal(0.3848, protocol.GetProperty("electrodeAreaCm2").GetDouble(), 9);
        var steps = protocol.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(2, steps.Length);
        Assert.Equal("strip", steps[0].GetProperty("kind").GetString());
        Assert.Equal(385, steps[0].GetProperty("currentUa").GetInt32());
        Assert.Equal(1000, steps[0].GetProperty("durationMs").GetInt64());
        Assert.Equal("rest", steps[1].GetProperty("kind").GetString());
        Assert.Equal("fixed", protocol.GetProperty("restMode").GetString());
        Assert.True(protocol.GetProperty("repeat").GetBoolean());
    }

    [Fact]
    public void ConfigCarriesTheDerateRecoveryAndWhereTheTemperatureSensorsSit()
    {
        var configuration = new ControllerConfiguration();
        var layout = new PackLayout(4, 2, 4);
        JsonElement plain = Encode(w => ConfigEncoder.Encode(w, configuration, layout, "b", 0), ConfigEncoder.MaximumBytes(2)).GetProperty("protection");
        Assert.Equal(60000, plain.GetProperty("derateRecoveryMs").GetInt32());
        Assert.False(plain.TryGetProperty("temperatureSensorModules", out _));

        // The widest placement (four sensors, the one a pack-wide) still fits the message's budget.
        configuration.Protection.TemperatureSensorModules = new[] { 0, 3, -1, 2 };
        JsonElement placed = Encode(w => ConfigEncoder.Encode(w, configuration, layout, "3fa9c2d1", int.MaxValue), ConfigEncoder.MaximumBytes(2)).GetProperty("protection");
        Assert.Equal(new[] { 0, 3, -1, 2 }, placed.GetProperty("temperatureSensorModules").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    /// <summary>
    /// A consumer written from CONTRACT.md finds every field of the config where the contract's example puts it: the
    /// example (shown wrapped) has the encoder's field paths, no more and no fewer, for a configuration that places its
    /// temperature sensors (the one optional field). The sensors' placement is sent inside protection.
    /// </summary>
    [Fact]
    public void TheContractsConfigExampleHasTheEncodersFieldsWhereItPutsThem()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.TemperatureSensorModules = new[] { 0, -1 };
        JsonElement encoded = Encode(w => ConfigEncoder.Encode(w, configuration, new PackLayout(2, 4, 2), "3fa9c2d1", 0), ConfigEncoder.MaximumBytes(4));

        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        int section = contract.IndexOf("## `config` (retained)", StringComparison.Ordinal);
        Assert.True(section >= 0, "CONTRACT.md has no config section");
        int start = contract.IndexOf("```json", section, StringComparison.Ordinal) + "```json".Length;
        int end = contract.IndexOf("```", start, StringComparison.Ordinal);
        JsonElement documented = JsonDocument.Parse(contract.Substring(start, end - start)).RootElement;

        Assert.Equal(FieldPaths(encoded), FieldPaths(documented));
    }

    private static string[] FieldPaths(JsonElement root)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                paths.Add(path + "[]");
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Walk(item, path + "[]");
                }
            }
            else
            {
                paths.Add(path);
            }
        }

        Walk(root, string.Empty);
        return paths.ToArray();
    }

    [Theory]
    [InlineData(0L, 0, "0")]
    [InlineData(3848L, 4, "0.3848")]
    [InlineData(1500000L, 6, "1.5")]
    [InlineData(-250L, 2, "-2.5")]
    [InlineData(12000L, 3, "12")]
    [InlineData(1005L, 3, "1.005")]
    public void FixedPointNumbersAreExact(long value, int decimals, string expected)
    {
        var buffer = new byte[64];
        var writer = new JsonByteWriter();
        writer.Reset(buffer, 0, buffer.Length);
        writer.FixedPointValue(value, decimals);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, writer.Length));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(1000000007L)]
    public void IntegersRoundTrip(long value)
    {
        JsonElement root = Encode(w => { w.BeginObject(); w.Number("x", value); w.EndObject(); });
        Assert.Equal(value, root.GetProperty("x").GetInt64());
    }

    [Fact]
    public void NonAsciiAndControlCharactersAreEscapedAsValidJson()
    {
        string text = "Ωé\u0001\ttab\\quote\"𝄞";
        JsonElement root = Encode(w => { w.BeginObject(); w.String("s", text); w.EndObject(); });
        Assert.Equal(text, root.GetProperty("s").GetString());
    }

    [Fact]
    public void WriterReportsOverflowInsteadOfThrowing()
    {
        var buffer = new byte[10];
        var writer = new JsonByteWriter();
        writer.Reset(buffer, 2, 5);
        writer.BeginObject();
        writer.Number("long", 123456);
        Assert.True(writer.Overflowed);
        Assert.Equal(5, writer.Length);
        Assert.Equal(0, buffer[7]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(256)]
    public void WorstCaseStreamPayloadsFitTheSlotBudget(int cells)
    {
        int budget = PayloadBudget.MaximumStreamPayloadBytes(cells);
        string bootId = new string('x', MessageHeader.MaximumBootIdLength);
        var record = new TelemetryRecord(cells)
        {
            TimestampMs = long.MinValue, Module = int.MinValue, Cell = int.MinValue, PulseIndex = long.MinValue,
            PulseCurrentUa = int.MinValue, PulseDurationMs = int.MinValue, PulseChargeUc = int.MinValue, TotalChargeUc = long.MinValue,
            RestMs = int.MinValue, ModuleCurrentUa = int.MinValue, ModuleCurrentInvalid = false, CellCount = cells, Value = int.MinValue, Threshold = int.MinValue,
            HasDiagnosis = true, Diagnosis = DiagnosisId.TemperatureChannelInvalid, EventKind = EventKind.DepletionOnset,
            State = ModuleState.Pulse, StopReason = StopReason.ProtocolComplete, RestEndReason = RestEndReason.DirectionChange,
        };
        Array.Fill(record.CellValuesA, int.MinValue);
        Array.Fill(record.CellValuesB, int.MinValue);
        Array.Fill(record.CellValuesC, int.MinValue);
        var buffer = new byte[budget];
        var writer = new JsonByteWriter();
        foreach (System.Action<JsonByteWriter> encode in new System.Action<JsonByteWriter>[]
        {
            w => PulseEncoder.Encode(w, record, bootId, long.MinValue),
            w => CellsEncoder.Encode(w, record, bootId, long.MinValue),
            w => StateEncoder.Encode(w, record, bootId, long.MinValue),
            w => EventEncoder.Encode(w, record, bootId, long.MinValue),
            w => EventEncoder.EncodeOutboxOverflow(w, long.MinValue, new[] { long.MinValue / 4, long.MinValue / 4, long.MinValue / 4, long.MinValue / 4 }, bootId, long.MinValue),
        })
        {
            writer.Reset(buffer, 0, budget);
            encode(writer);
            Assert.False(writer.Overflowed);
        }

        // Every cell without a valid reading: the invalid list's entries are pack cell indices, at most
        // PackLayout.MaximumCellCount - 1 (255, three digits), so the pack's last module of this width lists the widest.
        record.Module = (PackLayout.MaximumCellCount / cells) - 1;
        Array.Fill(record.CellInvalid, true);
        writer.Reset(buffer, 0, budget);
        CellsEncoder.Encode(writer, record, bootId, long.MinValue);
        Assert.False(writer.Overflowed);
        JsonElement listed = JsonDocument.Parse(buffer.AsMemory(0, writer.Length)).RootElement.GetProperty("invalid");
        Assert.Equal(cells, listed.GetArrayLength());
        Assert.Equal(PackLayout.MaximumCellCount - 1, listed[cells - 1].GetInt32());
    }

    [Fact]
    public void TopicsAreBuiltFromTheDeviceId()
    {
        var topics = new TopicSet("pack-07");
        Assert.Equal("edge/pack-07/telemetry/pulse", topics[TopicId.TelemetryPulse]);
        Assert.Equal("edge/pack-07/telemetry/cells", topics[TopicId.TelemetryCells]);
        Assert.Equal("edge/pack-07/telemetry/state", topics[TopicId.TelemetryState]);
        Assert.Equal("edge/pack-07/event", topics[TopicId.Event]);
        Assert.Equal("edge/pack-07/status", topics[TopicId.Status]);
        Assert.Equal("edge/pack-07/config", topics[TopicId.Config]);
        Assert.Equal("edge/pack-07/cmd/result", topics[TopicId.CommandResult]);
        Assert.Equal("edge/pack-07/cmd/+", topics.CommandFilter);
        Assert.Equal("setProtocol", topics.VerbOf("edge/pack-07/cmd/setProtocol"));
        Assert.Null(topics.VerbOf("edge/other/cmd/start"));
        Assert.Null(topics.VerbOf("edge/pack-07/cmd/a/b"));
        Assert.Null(topics.VerbOf("ed\u00adge/pack-07/cmd/start"));
        Assert.Equal(string.Empty, topics.VerbOf("edge/pack-07/cmd/"));
        Assert.Null(topics.VerbOf("edge/pack-07/cmd"));
        Assert.Throws<ArgumentException>(() => new TopicSet("a/b"));
        Assert.Throws<ArgumentException>(() => new TopicSet("#"));
        Assert.Throws<ArgumentException>(() => new TopicSet(""));
    }
}
