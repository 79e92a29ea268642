using System.Text.Json;
using Edge.HostSim.Mqtt;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>Everything a subscriber on edge/# received, parsed, with bounded waits for a test thread.</summary>
internal sealed class MessageLog
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly object _lock = new();
    private readonly List<(string Topic, JsonElement Json, bool Retain)> _messages = new();
    private readonly Dictionary<string, int> _counts = new();

    /// <param name="ignoredTopic">A topic not logged (the subscriber's own probe), or null.</param>
    public MessageLog(IMqttTransport transport, string? ignoredTopic = null)
    {
        transport.MessageReceived += m =>
        {
            if (m.Topic == ignoredTopic)
            {
                return;
            }

            // Commands a test sends on purpose may be anything but JSON: kept as Undefined, never thrown on.
            JsonElement json = default;
            if (m.Payload.Length > 0)
            {
                try
                {
                    json = JsonDocument.Parse(m.Payload).RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }

            lock (_lock)
            {
                _messages.Add((m.Topic, json, m.Retain));
                _counts[m.Topic] = _counts.GetValueOrDefault(m.Topic) + 1;
                Monitor.PulseAll(_lock);
            }
        };
    }

    /// <summary>The highest pulseIndex a module has reported on <paramref name="pulseTopic"/> so far (0 before any).</summary>
    public int MaxPulseIndex(string pulseTopic, int module)
    {
        return On(pulseTopic).Where(p => p.GetProperty("module").GetInt32() == module).Select(p => p.GetProperty("pulseIndex").GetInt32()).DefaultIfEmpty(0).Max();
    }

    /// <summary>Waits for a pulse summary of <paramref name="module"/> at least <paramref name="pulsesAhead"/> past the newest one seen now: the module still pulses.</summary>
    public void WaitForMorePulses(string pulseTopic, int module, int pulsesAhead = 1)
    {
        int seen = MaxPulseIndex(pulseTopic, module);
        WaitFor(pulseTopic, p => p.GetProperty("module").GetInt32() == module && p.GetProperty("pulseIndex").GetInt32() >= seen + pulsesAhead);
    }

    /// <summary>How many messages arrived on <paramref name="topic"/> (cheap: for flow control in a loop).</summary>
    public int CountOn(string topic)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(topic);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived on <paramref name="topic"/>; false on timeout.</summary>
    public bool WaitForCount(string topic, int count, TimeSpan patience)
    {
        DateTime end = DateTime.UtcNow + patience;
        lock (_lock)
        {
            while (_counts.GetValueOrDefault(topic) < count)
            {
                TimeSpan left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_lock, left);
            }

            return true;
        }
    }

    public List<JsonElement> On(string topic)
    {
        lock (_lock)
        {
            return _messages.Where(m => m.Topic == topic).Select(m => m.Json).ToList();
        }
    }

    public List<(string Topic, JsonElement Json, bool Retain)> All()
    {
        lock (_lock)
        {
            return _messages.ToList();
        }
    }

    /// <summary>
    /// Waits until the newest message on <paramref name="topic"/> satisfies <paramref name="match"/>: for state
    /// topics (status) where an older retained value may arrive before the current one after a reconnect.
    /// </summary>
    public JsonElement WaitForLatest(string topic, Func<JsonElement, bool> match, TimeSpan? patience = null)
    {
        DateTime end = DateTime.UtcNow + (patience ?? Patience);
        lock (_lock)
        {
            while (true)
            {
                for (int i = _messages.Count - 1; i >= 0; i--)
                {
                    if (_messages[i].Topic == topic)
                    {
                        if (_messages[i].Json.ValueKind == JsonValueKind.Object && match(_messages[i].Json))
                        {
                            return _messages[i].Json;
                        }

                        break;
                    }
                }

                TimeSpan left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    string sequence = string.Join(", ", _messages.Where(m => m.Topic == topic).Select(m => m.Json.ToString() + (m.Retain ? " (retained)" : "")));
                    throw new Xunit.Sdk.XunitException("the newest message on " + topic + " never matched within " + (patience ?? Patience) + "; saw " + sequence);
                }

                Monitor.Wait(_lock, left);
            }
        }
    }

    /// <summary>Waits until a message on <paramref name="topic"/> satisfies <paramref name="match"/>; fails the test on timeout.</summary>
    public JsonElement WaitFor(string topic, Func<JsonElement, bool> match, TimeSpan? patience = null)
    {
        DateTime end = DateTime.UtcNow + (patience ?? Patience);
        lock (_lock)
        {
            while (true)
            {
                foreach (var m in _messages)
                {
                    if (m.Topic == topic && m.Json.ValueKind == JsonValueKind.Object && match(m.Json))
                    {
                        return m.Json;
                    }
                }

                TimeSpan left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new Xunit.Sdk.XunitException("no matching message on " + topic + " within " + (patience ?? Patience) + "; saw " + _messages.Count(m => m.Topic == topic) + " on that topic");
                }

                Monitor.Wait(_lock, left);
            }
        }
    }
}
