// Licensed under the MIT License.

using Edge.Core.Telemetry.Health;

namespace Edge.Firmware.Telemetry
{
    /// <summary>Produces the periodic health message.</summary>
    public interface IHealthSource
    {
        /// <summary>A fresh report; <paramref name="connectionCount"/> is the number of broker sessions opened so far.</summary>
        HealthReport Sample(int connectionCount);
    }
}
