namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>In which order a class's tests run between its [Setup] and [Cleanup] methods.</summary>
    public enum TestOrder
    {
        /// <summary>As nanoFramework's launcher does: the [TestMethod] methods in declaration order, then the [DataRow] invocations.</summary>
        Declaration,

        /// <summary>The same invocations backwards: a test that needs an earlier test's leftovers fails here.</summary>
        Reverse,
    }
}
