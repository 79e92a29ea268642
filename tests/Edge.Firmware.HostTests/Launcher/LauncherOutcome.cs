namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>What the launcher printed for one invocation: "Test passed", "Test failed" or "Test skipped".</summary>
    public enum LauncherOutcome
    {
        Passed,
        Failed,
        Skipped,
    }
}
