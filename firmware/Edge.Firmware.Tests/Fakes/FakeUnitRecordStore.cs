// Licensed under the MIT License.

using Edge.Firmware.Persistence;

namespace NFUnitTest.Fakes
{
    /// <summary>Record store stand-in: one text in memory; loads and saves fail on demand with a given reason.</summary>
    public sealed class FakeUnitRecordStore : IUnitRecordStore
    {
        /// <summary>The stored record, or null.</summary>
        public string Text { get; set; }

        /// <summary>When set, every load fails with this reason.</summary>
        public string LoadFailure { get; set; }

        /// <summary>When set, every save fails with this reason and stores nothing.</summary>
        public string SaveFailure { get; set; }

        /// <summary>Saves attempted.</summary>
        public int SaveAttempts { get; private set; }

        /// <inheritdoc />
        public string Load(out string problem)
        {
            problem = LoadFailure;
            return LoadFailure == null ? Text : null;
        }

        /// <inheritdoc />
        public string Save(string text)
        {
            SaveAttempts++;
            if (SaveFailure != null)
            {
                return SaveFailure;
            }

            Text = text;
            return null;
        }
    }
}
