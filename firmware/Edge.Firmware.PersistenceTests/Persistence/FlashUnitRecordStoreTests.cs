// Licensed under the MIT License.

using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// The record file in flash: a save replaces the record whole, and a failure or a reset at any
    /// step leaves either the previous record or the new one readable, never a part of one. Old is a
    /// record stored before trailers existed.
    /// </summary>
    [TestClass]
    public class FlashUnitRecordStoreTests
    {
        private const string RecordPath = "I:\\r.txt";
        private const string SidePath = "I:\\r.txt.new";
        private const string Old = "[unit]\nid = old\n";
        private const string New = "[unit]\nid = new\n";

        // As stored: the text, then its length on a trailer line (16 characters).
        private const string OldStored = "[unit]\nid = old\n\n#stored 16\n";
        private const string NewStored = "[unit]\nid = new\n\n#stored 16\n";

        // A store cut short: no trailer.
        private const string Cut = "[unit]\nid = ne";

        [TestMethod]
        public void NothingStoredLoadsAsNoneWithoutAProblem()
        {
            FlashUnitRecordStore store = new FlashUnitRecordStore(new FakeFlashFiles(), RecordPath);
            string problem;
            Assert.IsNull(store.Load(out problem));
            Assert.IsNull(problem);
        }

        [TestMethod]
        public void ASavedRecordReplacesThePreviousOneAndLeavesNoSideFile()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            FlashUnitRecordStore store = new FlashUnitRecordStore(files, RecordPath);

            Assert.IsNull(store.Save(New));

            Assert.AreEqual(NewStored, files.Peek(RecordPath));
            Assert.AreEqual(1, files.Count, "only the record remains");

            // A new store over the same files: what the next boot sees.
            string problem;
            Assert.AreEqual(New, new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.IsNull(problem);
        }

        [TestMethod]
        public void AFailedWriteKeepsThePreviousRecordAndNamesTheFile()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.FailOn = "write " + SidePath;
            FlashUnitRecordStore store = new FlashUnitRecordStore(files, RecordPath);

            string error = store.Save(New);

            Assert.IsNotNull(error);
            Assert.StartsWith("writing I:\\r.txt.new: IOException injected write failure", error);
            Assert.AreEqual(Old, files.Peek(RecordPath));
            Assert.IsNull(files.Peek(SidePath), "no side file left to be taken for the record");
        }

        [TestMethod]
        public void AFlashThatLosesDataIsCaughtByTheReadBack()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.TruncateWrites = true;
            FlashUnitRecordStore store = new FlashUnitRecordStore(files, RecordPath);

            Assert.Contains("read back differently", store.Save(New));
            Assert.AreEqual(Old, files.Peek(RecordPath));
            Assert.AreEqual(1, files.Count);
        }

        [TestMethod]
        public void AResetBetweenDeleteAndRenameIsCompletedByTheNextLoad()
        {
            // The rename fails: on the device, the reset that cut the replacement short at this point. The complete
            // side file is the record from here on.
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.FailOn = "move " + SidePath;
            Assert.IsNull(new FlashUnitRecordStore(files, RecordPath).Save(New));
            Assert.IsNull(files.Peek(RecordPath), "the old record was deleted");

            files.FailOn = null;
            string problem;
            Assert.AreEqual(New, new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.IsNull(problem);
            Assert.AreEqual(NewStored, files.Peek(RecordPath), "the side file became the record");
            Assert.AreEqual(1, files.Count);
        }

        [TestMethod]
        public void AFirstStoreCutShortIsNeverTakenForTheRecord()
        {
            // A reset during the unit's first store: a side file without its trailer and no record.
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(SidePath, Cut);
            files.FailOn = "write " + SidePath;
            Assert.IsNotNull(new FlashUnitRecordStore(files, RecordPath).Save(New));
            files.FailOn = null;
            string problem;
            Assert.IsNull(new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.IsNull(problem);
            Assert.AreEqual(0, files.Count);

            files.Put(SidePath, Cut);
            Assert.IsNull(new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.AreEqual(0, files.Count, "the cut side file is removed");
        }

        [TestMethod]
        public void ASideFileThatWillNotRenameStandsAsTheRecordAndBlocksNoSave()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(SidePath, OldStored);
            files.FailOn = "move " + SidePath;
            FlashUnitRecordStore store = new FlashUnitRecordStore(files, RecordPath);
            string problem;
            Assert.AreEqual(Old, store.Load(out problem));
            Assert.IsNull(problem);

            // The new text goes straight to the record's path; the side file goes once that is complete.
            Assert.IsNull(store.Save(New));
            Assert.AreEqual(NewStored, files.Peek(RecordPath));
            Assert.AreEqual(1, files.Count);
        }

        [TestMethod]
        public void AStraightWriteCutShortLeavesTheSideFileAsTheRecord()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(SidePath, OldStored);
            files.Put(RecordPath, Cut);
            FlashUnitRecordStore store = new FlashUnitRecordStore(files, RecordPath);
            string problem;
            Assert.AreEqual(Old, store.Load(out problem));

            Assert.IsNull(store.Save(New));
            Assert.AreEqual(NewStored, files.Peek(RecordPath));
            Assert.AreEqual(1, files.Count);
        }

        [TestMethod]
        public void ASideFileBesideTheRecordIsNotTakenForIt()
        {
            // A reset before the delete: the record still stands, whatever the side file holds.
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.Put(SidePath, Cut);
            string problem;
            Assert.AreEqual(Old, new FlashUnitRecordStore(files, RecordPath).Load(out problem));
        }

        [TestMethod]
        public void AnUnreadableRecordIsAProblemNotAnEmptyStore()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.FailOn = "read " + RecordPath;
            string problem;
            Assert.IsNull(new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.AreEqual("cannot read I:\\r.txt: IOException injected read failure", problem);
        }

        [TestMethod]
        public void AnEmptyRecordIsRefused()
        {
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            Assert.IsNotNull(new FlashUnitRecordStore(files, RecordPath).Save(string.Empty));
            Assert.AreEqual(Old, files.Peek(RecordPath));
        }
    }
}
