namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>
    /// One line of the launcher's console output: the outcome, the name the launcher gives the
    /// invocation ("Namespace.Class.Method.N", N the index of the attribute that caused it) and the
    /// exception message for a failure or a skip.
    /// </summary>
    public sealed class LauncherResult
    {
        public LauncherResult(LauncherOutcome outcome, string name, string message)
        {
            Outcome = outcome;
            Name = name;
            Message = message;
        }

        public LauncherOutcome Outcome { get; }

        public string Name { get; }

        public string Message { get; }

        /// <summary>The line as UnitTestLauncher writes it (the time column left out).</summary>
        public override string ToString()
        {
            switch (Outcome)
            {
                case LauncherOutcome.Passed:
                    return "Test passed," + Name;
                case LauncherOutcome.Skipped:
                    return "Test skipped," + Name + "," + Message;
                default:
                    return "Test failed," + Name + "," + Message;
            }
        }
    }
}
