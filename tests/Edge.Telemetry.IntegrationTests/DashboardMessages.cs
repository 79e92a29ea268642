namespace Edge.Telemetry.IntegrationTests;

/// <summary>Contract v1 payloads written by hand (as a device or a forger would send them), for the dashboard tests.</summary>
internal static class DashboardMessages
{
    /// <summary>A device config: protection +-3300 mV, 1925 uA maximum, 1 s strip at 385 uA + 5 s rest on 0.3848 cm2.</summary>
    public static string Config(int modules, int cellsPerModule, int cellVoltagePeriodMs = 1000, string mode = "act") =>
        $$$"""{"v":1,"bootId":"b1","revision":0,"modules":{{{modules}}},"cellsPerModule":{{{cellsPerModule}}},"mode":"{{{mode}}}","samplePeriodMs":10,"startImmediately":true,"cellVoltagePeriodMs":{{{cellVoltagePeriodMs}}},"protection":{"cellMaximumMv":3300,"cellMinimumMv":-3300,"moduleMaximumCurrentUa":1925,"openSwitchCurrentUa":50,"maximumTemperatureDeciCelsius":600},"protocol":{"electrodeAreaCm2":0.3848,"steps":[{"kind":"strip","currentUa":385,"durationMs":1000},{"kind":"rest","currentUa":0,"durationMs":5000}],"repeat":true,"restMode":"fixed","minimumRestMs":500,"maximumRestMs":10000,"stripCutoffMv":3000,"plateCutoffMv":-3000,"capacityLimitUc":0,"timeLimitMs":0,"platingCriticalCurrentUa":154,"directionChangeRestMs":35000,"directionChangeMaximumRestMs":600000}}""";

    public const string Online = """{"v":1,"status":"online","bootId":"b1"}""";

    /// <summary>
    /// The status a device publishes retained on every connection, so first of all at each boot (CONTRACT.md "status";
    /// DeviceSession.TryOpen: status, then config, then the outbox): <c>online</c> names the boot that runs.
    /// </summary>
    public static string Status(string status, string bootId) => $$"""{"v":1,"status":"{{status}}","bootId":"{{bootId}}"}""";

    public static string Cells(long seq, long tMs, int module, string state, params int[] mv) => Cells("b1", seq, tMs, module, state, mv);

    public static string Cells(string bootId, long seq, long tMs, int module, string state, params int[] mv) =>
        $$"""{"v":1,"bootId":"{{bootId}}","seq":{{seq}},"tMs":{{tMs}},"module":{{module}},"state":"{{state}}","moduleCurrentUa":0,"cellVoltageMv":[{{string.Join(",", mv)}}]}""";

    public static string Event(long seq, long tMs, string kind, string severity, int? module, int? cell, string value = "1", string? diagnosis = null, long threshold = 2) =>
        Event("b1", seq, tMs, kind, severity, module, cell, value, diagnosis, threshold);

    public static string Event(string bootId, long seq, long tMs, string kind, string severity, int? module, int? cell, string value = "1", string? diagnosis = null, long threshold = 2) =>
        $$"""{"v":1,"bootId":"{{bootId}}","seq":{{seq}},"tMs":{{tMs}},"kind":"{{kind}}","diagnosis":{{(diagnosis == null ? "null" : "\"" + diagnosis + "\"")}},"severity":"{{severity}}","module":{{(module?.ToString() ?? "null")}},"cell":{{(cell?.ToString() ?? "null")}},"value":{{value}},"threshold":{{threshold}}}""";

    /// <summary>A pulse summary of module <paramref name="module"/> (two cells): 1 s at 385 uA, the charge given.</summary>
    public static string Pulse(long seq, long tMs, int module, int pulseIndex, long totalChargeUc, long tunedRestMs) =>
        $$"""{"v":1,"bootId":"b1","seq":{{seq}},"tMs":{{tMs}},"module":{{module}},"pulseIndex":{{pulseIndex}},"pulseCurrentUa":385,"pulseDurationMs":1000,"pulseChargeUc":385,"totalChargeUc":{{totalChargeUc}},"tunedRestMs":{{tunedRestMs}},"moduleCurrentUa":0,"overpotentialMv":[150,148],"edgeResistanceMilliohm":[390000,385000]}""";

    public static string StateChanged(long seq, long tMs, int module, string state, string reason = "none") =>
        $$"""{"v":1,"bootId":"b1","seq":{{seq}},"tMs":{{tMs}},"module":{{module}},"type":"stateChanged","state":"{{state}}","stopReason":"{{reason}}"}""";
}
