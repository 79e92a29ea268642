// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Mqtt.Bridge;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The simulated device's event log drained while another thread keeps reporting (no broker: the publish callback
    /// stands for the client). As on the device: 32 kept while offline, <c>events-dropped</c> says how many a full log
    /// dropped; no event is lost without being counted, none is counted that the broker acknowledged.
    /// </summary>
    public sealed class SimulatedDeviceEventLogTests
    {
        [Fact]
        public void An_event_reported_into_a_full_log_while_the_oldest_is_sent_loses_nothing()
        {
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            for (int i = 0; i < SimulatedDeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i, "event " + i);
            }

            // While the client takes the oldest (e0), another thread reports into the full log: the full-log rule pushes
            // out e0, the one in flight. e0 was still handed over; e1 must not be removed in its place.
            List<string> codes = new List<string>();
            bool reported = false;
            int Publish(string topic, byte[] payload, int qos)
            {
                codes.Add(JsonDocument.Parse(payload).RootElement.GetProperty("code").GetString()!);
                if (!reported)
                {
                    reported = true;
                    log.Report("late", "reported while e0 was sent");
                }

                // A broker on a fast link: the PUBACK comes before the client's call returns.
                log.Acknowledge(codes.Count);
                return codes.Count;
            }

            Assert.True(log.PublishPending(Publish));
            log.PublishPending(Publish);

            // 33 reported, 33 handed over in order, none dropped: no events-dropped report says otherwise.
            List<string> expected = Enumerable.Range(0, SimulatedDeviceEventLog.Capacity).Select(i => "e" + i).Append("late").ToList();
            Assert.Equal(expected, codes);
            Assert.Equal(0, log.Count);
        }

        [Fact]
        public void A_new_code_into_a_log_full_of_retries_pushes_out_a_retry_not_an_earlier_single_event()
        {
            // As on the device (firmware/README.md, events-dropped: retries cannot push out a rarer event): a board
            // warning at boot, connection retries until the log is full, then an event of another code.
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            log.Report("board-warning", "board x has no [enable]");
            for (int i = 1; i < SimulatedDeviceEventLog.Capacity; i++)
            {
                log.Report("mqtt-connect", "retry " + i);
            }

            log.Report("uncalibrated", "no per-unit calibration");

            List<string> sent = new List<string>();
            log.PublishPending((topic, payload, qos) =>
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                sent.Add(e.GetProperty("code").GetString() + ": " + e.GetProperty("message").GetString());
                return sent.Count;
            });

            // The oldest retry went (30 others say the same), and is counted; the warning is kept.
            List<string> expected = new List<string> { "events-dropped: 1 device event(s) dropped while the log was full (32 kept while offline)", "board-warning: board x has no [enable]" };
            expected.AddRange(Enumerable.Range(2, SimulatedDeviceEventLog.Capacity - 2).Select(i => "mqtt-connect: retry " + i));
            expected.Add("uncalibrated: no per-unit calibration");
            Assert.Equal(expected, sent);
        }

        [Fact]
        public void An_event_that_pushes_out_another_while_the_oldest_is_sent_counts_that_one_dropped()
        {
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            for (int i = 0; i < SimulatedDeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i, "event " + i);
            }

            // A second e5 replaces the first (its own code's oldest) while e0 is sent: exactly that one is lost, and counted.
            List<(string Code, string Message)> sent = new List<(string Code, string Message)>();
            int Publish(string topic, byte[] payload, int qos)
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                sent.Add((e.GetProperty("code").GetString()!, e.GetProperty("message").GetString()!));
                if (sent.Count == 1)
                {
                    log.Report("e5", "second e5");
                }

                return sent.Count;
            }

            log.PublishPending(Publish);
            log.PublishPending(Publish);

            Assert.DoesNotContain(("e5", "event 5"), sent);
            Assert.Equal(SimulatedDeviceEventLog.Capacity + 1, sent.Count);
            Assert.Equal(("e5", "second e5"), sent[SimulatedDeviceEventLog.Capacity - 1]);
            Assert.Equal("events-dropped", sent[SimulatedDeviceEventLog.Capacity].Code);
            Assert.StartsWith("1 device event(s) dropped", sent[SimulatedDeviceEventLog.Capacity].Message);
        }

        [Fact]
        public void An_event_pushed_out_while_its_puback_is_awaited_counts_as_dropped_only_when_the_puback_never_comes()
        {
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            for (int i = 0; i < SimulatedDeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i, "event " + i);
            }

            // All 32 go out as packets 1..32, no PUBACK yet; a new code pushes out e0, which is still on its way.
            List<string> codes = new List<string>();
            log.PublishPending((topic, payload, qos) =>
            {
                codes.Add(JsonDocument.Parse(payload).RootElement.GetProperty("code").GetString()!);
                return codes.Count;
            });
            log.Report("late", "reported while e0 awaited its PUBACK");

            // A new session: the 31 unacknowledged events and "late" go (again); e0 is lost, and only e0 is counted.
            log.ConnectionRestarted();
            codes.Clear();
            log.PublishPending((topic, payload, qos) =>
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                codes.Add(e.GetProperty("code").GetString() + (e.GetProperty("code").GetString() == "events-dropped" ? ": " + e.GetProperty("message").GetString() : string.Empty));
                return 100 + codes.Count;
            });

            Assert.Equal("events-dropped: 1 device event(s) dropped while the log was full (32 kept while offline)", codes[0]);
            Assert.Equal(Enumerable.Range(1, SimulatedDeviceEventLog.Capacity - 1).Select(i => "e" + i).Append("late"), codes.Skip(1));
        }

        [Fact]
        public void A_redelivered_event_keeps_its_seq_and_a_new_one_with_the_same_text_gets_the_next()
        {
            // Two trips with the same text; no PUBACK comes before the link drops, so both go again on the next session.
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            log.Report("watchdog", "no tick");
            log.Report("watchdog", "no tick");
            List<string> sent = new List<string>();
            int Publish(string topic, byte[] payload, int qos)
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                sent.Add(e.GetProperty("bootId").GetString() + "/" + (e.TryGetProperty("seq", out JsonElement seq) ? seq.GetInt32().ToString() : "none"));
                return sent.Count;
            }

            log.PublishPending(Publish);
            log.ConnectionRestarted();
            log.PublishPending(Publish);

            // Numbered from 1 in the run: each keeps its number when sent again.
            Assert.Equal(new[] { "B007/1", "B007/2", "B007/1", "B007/2" }, sent);
        }

        [Fact]
        public void An_event_carries_the_utc_time_it_was_reported_at_in_iso_8601()
        {
            // Sent long after it happened (a broker outage), it still says when: to the millisecond, UTC, with Z.
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            DateTime before = DateTime.UtcNow;
            log.Report("mqtt-connect", "connection lost; retry in 1000 ms");
            DateTime after = DateTime.UtcNow;
            Thread.Sleep(20);

            JsonElement sent = default;
            log.PublishPending((topic, payload, qos) =>
            {
                sent = JsonDocument.Parse(payload).RootElement.Clone();
                return 1;
            });

            string time = sent.GetProperty("timeUtc").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", time);
            DateTime reported = DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
            Assert.Equal(DateTimeKind.Utc, reported.Kind);
            Assert.InRange(reported, before.AddTicks(-(before.Ticks % TimeSpan.TicksPerMillisecond)), after);
        }

        [Fact]
        public void A_dropped_count_whose_puback_never_came_is_reported_again_on_the_next_session()
        {
            // 33 different codes: one dropped. Everything goes out; the 32 events are acknowledged, the report is not.
            SimulatedDeviceEventLog log = new SimulatedDeviceEventLog("pack-7", "B007");
            for (int i = 0; i <= SimulatedDeviceEventLog.Capacity; i++)
            {
                log.Report("e" + i, "event " + i);
            }

            List<string> sent = new List<string>();
            log.PublishPending((topic, payload, qos) =>
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                sent.Add(e.GetProperty("code").GetString() + ": " + e.GetProperty("message").GetString());
                if (e.GetProperty("code").GetString() != "events-dropped")
                {
                    log.Acknowledge(sent.Count);
                }

                return sent.Count;
            });
            Assert.Equal(0, log.Count);

            // The link fails before the report's PUBACK: the next session reports the one dropped event again.
            log.ConnectionRestarted();
            sent.Clear();
            log.PublishPending((topic, payload, qos) =>
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                sent.Add(e.GetProperty("code").GetString() + ": " + e.GetProperty("message").GetString());
                return 100 + sent.Count;
            });
            Assert.Equal(new[] { "events-dropped: 1 device event(s) dropped while the log was full (32 kept while offline)" }, sent);
        }
    }
}
