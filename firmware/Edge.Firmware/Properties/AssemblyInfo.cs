// Licensed under the MIT License.

using System.Reflection;
using Edge.Core.Configuration;

// The deployed assembly's version is the firmware's (FirmwareVersion, in Edge.Core.Configuration): nanoff --devicedetails lists it.
// The .NET build of this project does not compile this file; it takes the same number from Directory.Build.props.
[assembly: AssemblyTitle("Edge.Firmware")]
[assembly: AssemblyDescription("Edge pack controller: the ESP32 device services of the firmware")]
[assembly: AssemblyProduct("Edge pack controller")]
[assembly: AssemblyVersion(FirmwareVersion.Assembly)]
[assembly: AssemblyFileVersion(FirmwareVersion.Assembly)]
[assembly: AssemblyInformationalVersion(FirmwareVersion.Text)]
