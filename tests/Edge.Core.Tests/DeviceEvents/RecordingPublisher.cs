// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using Edge.Core.Session;
using Xunit;

namespace Edge.Core.Tests.DeviceEvents
{
    /// <summary>
    /// A client that takes every publish as the next packet id from 1 (or refuses once told to) and keeps each payload as
    /// a JSON reader of the device-event topic reads it. <see cref="InsidePublish"/> runs inside the publish call, as the
    /// client's own thread would, before the id is returned.
    /// </summary>
    internal sealed class RecordingPublisher : IExtraTopicPublisher
    {
        private int _nextId = 1;

        public List<JsonElement> Published { get; } = new List<JsonElement>();

        public List<string> Topics { get; } = new List<string>();

        public bool Refusing { get; set; }

        public Action<int> InsidePublish { get; set; }

        public int PublishExtra(string topic, byte[] payload, int offset, int count, int qos)
        {
            if (Refusing)
            {
                return -1;
            }

            Assert.Equal(1, qos);
            using (JsonDocument document = JsonDocument.Parse(new ReadOnlyMemory<byte>(payload, offset, count)))
            {
                Published.Add(document.RootElement.Clone());
            }

            Topics.Add(topic);
            int id = _nextId++;
            InsidePublish?.Invoke(id);
            return id;
        }

        public string CodeAt(int index) => Published[index].GetProperty("code").GetString();

        public int SeqAt(int index) => Published[index].GetProperty("seq").GetInt32();
    }
}
