// Licensed under the MIT License.

using System.Text;
using Edge.Core.Telemetry;

namespace Edge.Firmware.Telemetry
{
    /// <summary>
    /// Encodes core telemetry records as compact JSON for MQTT, on the MQTT thread (it allocates).
    /// Enums go out as numbers (nanoFramework's Enum.ToString gives the number anyway); units are
    /// in the field names. Topic suffix per kind: event, pulse, rest, state, cells.
    /// </summary>
    public static class RecordJsonEncoder
    {
        /// <summary>Topic suffix under telemetry/ for <paramref name="kind"/>.</summary>
        public static string TopicSuffix(TelemetryRecordKind kind)
        {
            switch (kind)
            {
                case TelemetryRecordKind.Event:
                    return "event";
                case TelemetryRecordKind.PulseSummary:
                    return "pulse";
                case TelemetryRecordKind.RestTuned:
                    return "rest";
                case TelemetryRecordKind.StateChanged:
                    return "state";
                case TelemetryRecordKind.CellVoltages:
                    return "cells";
                default:
                    return "record";
            }
        }

        /// <summary>JSON text of <paramref name="record"/>.</summary>
        public static string Encode(TelemetryRecord record)
        {
            StringBuilder json = new StringBuilder(160);
            json.Append("{\"t_ms\":").Append(record.TimestampMs);
            json.Append(",\"module\":").Append(record.Module);
            if (record.Cell >= 0)
            {
                json.Append(",\"cell\":").Append(record.Cell);
            }

            switch (record.Kind)
            {
                case TelemetryRecordKind.Event:
                    json.Append(",\"event\":").Append((int)record.EventKind);
                    json.Append(",\"severity\":").Append((int)record.Severity);
                    if (record.HasDiagnosis)
                    {
                        json.Append(",\"diagnosis\":").Append((int)record.Diagnosis);
                    }

                    json.Append(",\"value\":").Append(record.Value);
                    json.Append(",\"threshold\":").Append(record.Threshold);
                    break;
                case TelemetryRecordKind.PulseSummary:
                    json.Append(",\"pulse\":").Append(record.PulseIndex);
                    json.Append(",\"current_ua\":").Append(record.PulseCurrentUa);
                    json.Append(",\"duration_ms\":").Append(record.PulseDurationMs);
                    json.Append(",\"charge_uc\":").Append(record.PulseChargeUc);
                    json.Append(",\"total_charge_uc\":").Append(record.TotalChargeUc);
                    AppendCells(json, "overpotential_mv", record.CellValuesA, record.CellCount);
                    AppendCells(json, "edge_resistance_mohm", record.CellValuesB, record.CellCount);
                    break;
                case TelemetryRecordKind.RestTuned:
                    json.Append(",\"rest_ms\":").Append(record.RestMs);
                    json.Append(",\"rest_end\":").Append((int)record.RestEndReason);
                    break;
                case TelemetryRecordKind.StateChanged:
                    json.Append(",\"state\":").Append((int)record.State);
                    json.Append(",\"stop_reason\":").Append((int)record.StopReason);
                    break;
                case TelemetryRecordKind.CellVoltages:
                    json.Append(",\"state\":").Append((int)record.State);
                    json.Append(",\"current_ua\":").Append(record.ModuleCurrentUa);
                    AppendCells(json, "voltage_mv", record.CellValuesA, record.CellCount);
                    break;
            }

            json.Append('}');
            return json.ToString();
        }

        private static void AppendCells(StringBuilder json, string name, int[] values, int count)
        {
            json.Append(",\"").Append(name).Append("\":[");
            for (int i = 0; i < count && i < values.Length; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                json.Append(values[i]);
            }

            json.Append(']');
        }
    }
}
