// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Sampling;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes the retained edge/&lt;id&gt;/config payload: layout, mode, sampling, the safety envelope and the
    /// protocol. Detector thresholds are not included (they change only with a new firmware or board file).
    /// Published after connect and after every configuration change; off the hot path.
    /// </summary>
    public static class ConfigEncoder
    {
        /// <summary>Bytes a config payload needs for a protocol of <paramref name="stepCount"/> steps.</summary>
        public static int MaximumBytes(int stepCount) => 1024 + (stepCount * 72);

        public static void Encode(JsonByteWriter writer, ControllerConfiguration configuration, PackLayout layout, string bootId, int revision)
        {
            writer.BeginObject();
            writer.Number("v", MessageHeader.ContractVersion);
            writer.String("bootId", bootId);
            writer.Number("revision", revision);
            writer.Number("modules", layout.ModuleCount);
            writer.Number("cellsPerModule", layout.CellsPerModule);
            writer.String("mode", ContractNames.Of(configuration.Mode));
            writer.Number("samplePeriodMs", configuration.SamplePeriodMs);
            writer.Boolean("startImmediately", configuration.StartImmediately);
            writer.Number("cellVoltagePeriodMs", configuration.Telemetry.CellVoltagePeriodMs);

            ProtectionConfiguration protection = configuration.Protection;
            writer.Name("protection");
            writer.BeginObject();
            writer.Number("cellMaximumMv", protection.CellMaximumMv);
            writer.Number("cellMinimumMv", protection.CellMinimumMv);
            writer.Number("moduleMaximumCurrentUa", protection.ModuleMaximumCurrentUa);
            writer.Number("openSwitchCurrentUa", protection.OpenSwitchCurrentUa);
            writer.Number("maximumTemperatureDeciCelsius", protection.MaximumTemperatureDeciCelsius);
            writer.Number("cellMaximumWarningMv", protection.CellMaximumWarningMv);
            writer.Number("cellMaximumDerateMv", protection.CellMaximumDerateMv);
            writer.Number("cellMinimumWarningMv", protection.CellMinimumWarningMv);
            writer.Number("cellMinimumDerateMv", protection.CellMinimumDerateMv);
            writer.Number("moduleCurrentWarningUa", protection.ModuleCurrentWarningUa);
            writer.Number("moduleCurrentDerateUa", protection.ModuleCurrentDerateUa);
            writer.Number("temperatureWarningDeciCelsius", protection.TemperatureWarningDeciCelsius);
            writer.Number("temperatureDerateDeciCelsius", protection.TemperatureDerateDeciCelsius);
            writer.Number("derateCurrentPercent", protection.DerateCurrentPercent);
            writer.Number("derateRecoveryMs", protection.DerateRecoveryMs);
            int[] sensorModules = protection.TemperatureSensorModules;
            if (sensorModules != null)
            {
                writer.Name("temperatureSensorModules");
                writer.BeginArray();
                for (int t = 0; t < sensorModules.Length; t++)
                {
                    writer.NumberValue(sensorModules[t]);
                }

                writer.EndArray();
            }
            writer.EndObject();

            ProtocolConfiguration protocol = configuration.Protocol;
            writer.Name("protocol");
            writer.BeginObject();

            // Fixed point with 6 decimals: no floating-point formatting on the device.
            writer.Name("electrodeAreaCm2");
            writer.FixedPointValue((long)((protocol.ElectrodeAreaCm2 * 1000000.0) + 0.5), 6);
            writer.Name("steps");
            writer.BeginArray();
            for (int i = 0; i < protocol.Steps.Length; i++)
            {
                ProtocolStep step = protocol.Steps[i];
                writer.BeginObject();
                writer.String("kind", ContractNames.Of(step.Kind));
                writer.Number("currentUa", step.CurrentUa);
                writer.Number("durationMs", step.DurationMs);
                writer.EndObject();
            }

            writer.EndArray();
            writer.Boolean("repeat", protocol.Repeat);
            writer.String("restMode", ContractNames.Of(protocol.RestMode));
            writer.Number("minimumRestMs", protocol.MinimumRestMs);
            writer.Number("maximumRestMs", protocol.MaximumRestMs);
            writer.Number("stripCutoffMv", protocol.StripCutoffMv);
            writer.Number("plateCutoffMv", protocol.PlateCutoffMv);
            writer.Number("capacityLimitUc", protocol.CapacityLimitUc);
            writer.Number("timeLimitMs", protocol.TimeLimitMs);
            writer.Number("platingCriticalCurrentUa", protocol.PlatingCriticalCurrentUa);
            writer.Number("directionChangeRestMs", protocol.DirectionChangeRestMs);
            writer.Number("directionChangeMaximumRestMs", protocol.DirectionChangeMaximumRestMs);
            writer.EndObject();
            writer.EndObject();
        }
    }
}
