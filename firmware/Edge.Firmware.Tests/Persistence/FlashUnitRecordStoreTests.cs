// Licensed under the MIT License.

using Edge.Firmware.Persistence;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// The record file in flash: a save replaces the record whole, and a failure or a reset at any
    /// step leaves either the previous record or the new one readable, never a part of one.
    /// </summary>
    [TestClass]
    public class FlashUnitRecordStoreTests
    {
        private const string RecordPath = "I:\\r.txt";
        private const string SidePath = "I:\\r.txt.new";
        private const string Old = "[unit]\nid = old\n";
        private const string New = "[unit]\nid = new\n";

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

            Assert.AreEqual(New, files.Peek(RecordPath));
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
            // The rename fails: on the device, the reset that cut the replacement short at this point.
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.FailOn = "move " + SidePath;
            Assert.StartsWith("replacing I:\\r.txt: IOException", new FlashUnitRecordStore(files, RecordPath).Save(New));
            Assert.IsNull(files.Peek(RecordPath), "the old record was deleted");

            files.FailOn = null;
            string problem;
            Assert.AreEqual(New, new FlashUnitRecordStore(files, RecordPath).Load(out problem));
            Assert.IsNull(problem);
            Assert.AreEqual(New, files.Peek(RecordPath), "the side file became the record");
            Assert.AreEqual(1, files.Count);
        }

        [TestMethod]
        public void ASideFileBesideTheRecordIsNotTakenForIt()
        {
            // A reset before the delete: the record still stands, whatever the side file holds.
            FakeFlashFiles files = new FakeFlashFiles();
            files.Put(RecordPath, Old);
            files.Put(SidePath, "[unit]\nid = ne");
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
