// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// The firmware's version, defined here once: the device assemblies carry it (each project's
    /// Properties/AssemblyInfo.cs, which <c>nanoff --devicedetails</c> lists), the .NET builds carry it (the
    /// repository's Directory.Build.props reads it from this file), the status message carries it as "fw",
    /// Home Assistant's discovery as <c>sw_version</c> and the boot log in its "control loop running" line.
    /// Bumped as firmware/README.md ("Firmware version") says: major.minor.patch, the fourth part of the
    /// assembly version always 0. The simulator runs the same core and carries the same number.
    /// </summary>
    public static class FirmwareVersion
    {
        /// <summary>The version as the messages and the boot log show it: major.minor.patch.</summary>
        public const string Text = "0.7.0";

        /// <summary>The device assemblies' version: <see cref="Text"/> and a fourth part 0.</summary>
        public const string Assembly = Text + ".0";
    }
}
