// Licensed under the MIT License.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Edge.Firmware.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Firmware.HostTests.Persistence
{
    /// <summary>
    /// The flash record store against a crash at every file call of a store, with every prefix a cut write can leave,
    /// from nine starting states (the files earlier stores can leave): whatever happens, the next boot reads the previous
    /// record or the new one (nothing only when nothing was stored before), reads the same again, and the next store
    /// works. Also one failed call anywhere (no crash), one failed call followed by a crash, a side file that will not
    /// rename and one that will not delete.
    /// </summary>
    public class FlashStoreCrashPointTests
    {
        private const string Rec = "I:\\r.txt";
        private const string Side = Rec + ".new";
        private const string New = "new-N line one\nnew-N line two";
        private const string Another = "another-A";
        private readonly ITestOutputHelper _out;

        public FlashStoreCrashPointTests(ITestOutputHelper output) { _out = output; }

        private static string Seal(string t) => t + "\n#stored " + t.Length + "\n";
        private static string Cut(string t, int n) => Seal(t).Substring(0, n);

        /// <summary>In-memory flash: call k can be a crash (throw, then every later call throws; a write may leave a
        /// prefix first), some calls can fail transiently (throw once, the device goes on), some ops fail persistently.</summary>
        private sealed class CrashFlash : IFlashFiles
        {
            public readonly Dictionary<string, string> Files = new Dictionary<string, string>();
            public int Calls;
            public int CrashAt = -1;
            public int CrashPrefix = -1;
            public string CrashOn;
            public string FailOnce;
            public bool Crashed;
            public HashSet<int> TransientAt = new HashSet<int>();
            public Func<string, string, bool> Persistent = (op, p) => false;
            public readonly List<string> Log = new List<string>();

            public void Heal() { CrashOn = null; FailOnce = null; CrashPrefix = -1; CrashAt = -1; Crashed = false; TransientAt.Clear(); Persistent = (op, p) => false; }

            private void Gate(string op, string path, string contents = null)
            {
                int i = Calls++;
                Log.Add(i + ":" + op + " " + path);
                if (Crashed) throw new IOException("powered off");
                if (i == CrashAt)
                {
                    Crashed = true;
                    if (op == "write" && CrashPrefix >= 0) Files[path] = contents.Substring(0, CrashPrefix);
                    throw new IOException("crash");
                }
                if (CrashOn == op + " " + path)
                {
                    Crashed = true;
                    if (op == "write" && CrashPrefix >= 0) Files[path] = contents.Substring(0, CrashPrefix);
                    throw new IOException("crash");
                }
                if (FailOnce == op + " " + path) { FailOnce = null; throw new IOException("transient " + op); }
                if (TransientAt.Contains(i)) throw new IOException("transient " + op);
                if (Persistent(op, path)) throw new IOException("stuck " + op);
            }

            public bool Exists(string path) { Gate("exists", path); return Files.ContainsKey(path); }
            public string ReadAllText(string path) { Gate("read", path); if (!Files.TryGetValue(path, out var s)) throw new IOException("not found"); return s; }
            public void WriteAllText(string path, string contents) { Gate("write", path, contents); Files[path] = contents; }
            public void Delete(string path) { Gate("delete", path); Files.Remove(path); }
            public void Move(string s, string d) { Gate("move", s); if (!Files.ContainsKey(s) || Files.ContainsKey(d)) throw new IOException("cannot move"); Files[d] = Files[s]; Files.Remove(s); }
        }

        private sealed class Start
        {
            public string Name; public string Record; public string SideFile; public string Old;
        }

        private static IEnumerable<Start> Starts()
        {
            yield return new Start { Name = "no files", Old = null };
            yield return new Start { Name = "legacy record", Record = "legacy-L", Old = "legacy-L" };
            yield return new Start { Name = "sealed record", Record = Seal("old-R"), Old = "old-R" };
            yield return new Start { Name = "sealed record + partial side", Record = Seal("old-R"), SideFile = Cut("half-X text", 9), Old = "old-R" };
            yield return new Start { Name = "only sealed side", SideFile = Seal("old-S"), Old = "old-S" };
            yield return new Start { Name = "only partial side", SideFile = Cut("half-X text", 9), Old = null };
            yield return new Start { Name = "partial record + sealed side", Record = Cut("half-P text", 8), SideFile = Seal("old-S"), Old = "old-S" };
            yield return new Start { Name = "legacy record + partial side", Record = "legacy-L", SideFile = Cut("half-X text", 9), Old = "legacy-L" };
            // Reachable: the straight-write fallback cut between its read-back and the side file's delete (or that delete failing).
            yield return new Start { Name = "sealed record + stale sealed side", Record = Seal("old-R"), SideFile = Seal("stale-S0"), Old = "old-R" };
        }

        private static CrashFlash Make(Start s)
        {
            var f = new CrashFlash();
            if (s.Record != null) f.Files[Rec] = s.Record;
            if (s.SideFile != null) f.Files[Side] = s.SideFile;
            return f;
        }

        private static string Show(string s) => s == null ? "null" : "\"" + s.Replace("\n", "\\n") + "\"";
        private static string Dump(CrashFlash f) => string.Join(", ", f.Files.OrderBy(k => k.Key).Select(k => k.Key + "=" + Show(k.Value)));

        /// <summary>One scenario: configure, Save(New), heal, fresh Load, Load again, Save(Another), Load. Violations appended.</summary>
        private static void Run(Start s, string label, Action<CrashFlash> arm, List<string> violations)
        {
            var f = Make(s);
            arm(f);
            string saveResult = new FlashUnitRecordStore(f, Rec).Save(New);
            string before = Dump(f);
            List<string> log = new List<string>(f.Log);
            f.Heal();

            string p1;
            string t1 = new FlashUnitRecordStore(f, Rec).Load(out p1);
            string ctx = "[" + s.Name + "] " + label + " | save=" + Show(saveResult) + " | flash after save: " + before + " | calls: " + string.Join(" ", log);
            bool ok = t1 == New || (t1 == s.Old && t1 != null) || (t1 == null && s.Old == null && p1 == null);
            if (!ok) violations.Add("LOAD-NOT-OLD-OR-NEW load=" + Show(t1) + " problem=" + Show(p1) + " old=" + Show(s.Old) + " " + ctx);
            if (saveResult == null && t1 != New) violations.Add("SAVE-NULL-BUT-NOT-STORED load=" + Show(t1) + " " + ctx);

            string p2;
            string t2 = new FlashUnitRecordStore(f, Rec).Load(out p2);
            if (t2 != t1) violations.Add("LOAD-UNSTABLE first=" + Show(t1) + " second=" + Show(t2) + " " + ctx);

            string s2 = new FlashUnitRecordStore(f, Rec).Save(Another);
            string p3;
            string t3 = new FlashUnitRecordStore(f, Rec).Load(out p3);
            if (s2 != null || t3 != Another) violations.Add("STUCK next save=" + Show(s2) + " load=" + Show(t3) + " " + ctx);
        }

        /// <summary>The calls a clean Save(New) makes from this start (with the arm applied but no crash).</summary>
        private static List<string> CleanCalls(Start s, Action<CrashFlash> arm)
        {
            var f = Make(s);
            arm(f);
            new FlashUnitRecordStore(f, Rec).Save(New);
            return f.Log;
        }

        private static void CrashEverywhere(Start s, string label, Action<CrashFlash> arm, List<string> v)
        {
            List<string> calls = CleanCalls(s, arm);
            for (int k = 0; k < calls.Count + 1; k++)
            {
                bool isWrite = k < calls.Count && calls[k].Contains(":write ");
                if (!isWrite)
                {
                    int kk = k;
                    Run(s, label + " crash@" + k, f => { arm(f); f.CrashAt = kk; }, v);
                    continue;
                }

                int len = Seal(New).Length;
                for (int p = -1; p <= len; p++)
                {
                    int kk = k, pp = p;
                    Run(s, label + " crash@" + k + " prefix=" + p, f => { arm(f); f.CrashAt = kk; f.CrashPrefix = pp; }, v);
                }
            }
        }

        private void Report(string name, List<string> v)
        {
            var byKind = v.GroupBy(x => x.Substring(0, x.IndexOf(' ')) + " [" + x.Split('[', ']')[1] + "]");
            _out.WriteLine(name + ": " + v.Count + " violation(s)");
            foreach (var g in byKind)
            {
                _out.WriteLine("  " + g.Key + ": " + g.Count());
                foreach (var e in g.Take(2)) _out.WriteLine("    e.g. " + e);
            }
            Assert.True(v.Count == 0, name + ": " + v.Count + " violation(s); first: " + v.FirstOrDefault());
        }

        [Fact]
        public void ACrashAtEveryCall()
        {
            var v = new List<string>();
            foreach (var s in Starts()) CrashEverywhere(s, "pure", f => { }, v);
            Report("pure crash", v);
        }

        [Fact]
        public void ACrashAtEveryCallWhileTheSideFileWillNotRename()
        {
            var v = new List<string>();
            foreach (var s in Starts()) CrashEverywhere(s, "stuck-move", f => f.Persistent = (op, p) => op == "move" && p == Side, v);
            Report("crash + stuck move", v);
        }

        [Fact]
        public void OneFailedCallAnywhereWithoutACrash()
        {
            var v = new List<string>();
            foreach (var s in Starts())
            {
                int n = CleanCalls(s, f => { }).Count;
                for (int j = 0; j < n; j++) { int jj = j; Run(s, "transient@" + j, f => f.TransientAt.Add(jj), v); }
            }
            Report("one transient failure", v);
        }

        [Fact]
        public void OneFailedCallThenACrashAtEveryLaterCall()
        {
            var v = new List<string>();
            foreach (var s in Starts())
            {
                int n = CleanCalls(s, f => { }).Count;
                for (int j = 0; j < n; j++)
                {
                    int jj = j;
                    CrashEverywhere(s, "transient@" + j, f => f.TransientAt.Add(jj), v);
                }
            }
            Report("transient failure + crash", v);
        }

        [Fact]
        public void ASideFileThatWillNotDeleteBlocksNoStore()
        {
            var v = new List<string>();
            foreach (var s in Starts().Where(x => x.SideFile != null))
            {
                // Delete of the side fails for this Save only (Heal clears it before the next Save)...
                Run(s, "stuck-delete-side (this save)", f => f.Persistent = (op, p) => op == "delete" && p == Side, v);
            }
            // ...and for good: is every later Save blocked?
            foreach (var s in Starts().Where(x => x.SideFile != null))
            {
                var f = Make(s);
                f.Persistent = (op, p) => op == "delete" && p == Side;
                string p0; new FlashUnitRecordStore(f, Rec).Load(out p0);
                string r1 = new FlashUnitRecordStore(f, Rec).Save(New);
                string r2 = new FlashUnitRecordStore(f, Rec).Save(Another);
                if (r1 != null && r2 != null) v.Add("BLOCKED [" + s.Name + "] save1=" + Show(r1) + " save2=" + Show(r2) + " flash: " + Dump(f));
            }
            Report("side file that will not delete", v);
        }
    
        private static string Load(CrashFlash f, out string problem) => new FlashUnitRecordStore(f, Rec).Load(out problem);

        [Fact]
        public void AnUnreadableSideFileThatIsTheOnlyCopyIsNotDeletedByTheNextSave()
        {
            // A store whose rename fails returns null and leaves the sealed side file as the only copy (by design).
            var f = new CrashFlash();
            f.Files[Rec] = Seal("old-R");
            f.Persistent = (op, p) => op == "move" && p == Side;
            Assert.Null(new FlashUnitRecordStore(f, Rec).Save("latched: module 0"));
            f.Heal();
            Assert.False(f.Files.ContainsKey(Rec));

            // Next store: one read of the side file fails (I/O error, OutOfMemoryException on ReadAllText...). It must
            // change nothing: the power going at the side file's write (armed here) would otherwise lose the only copy.
            f.FailOnce = "read " + Side;
            f.CrashOn = "write " + Side;
            string r = new FlashUnitRecordStore(f, Rec).Save("latched: module 0, module 1");
            f.Heal();
            string problem;
            string loaded = Load(f, out problem);
            _out.WriteLine("save=" + Show(r) + " flash=" + Dump(f) + " load=" + Show(loaded) + " problem=" + Show(problem));
            Assert.Equal("latched: module 0", loaded);
        }

        [Fact]
        public void AnUnreadableSideFileBesideACutStraightWriteNeverLetsTheCutRecordBeRead()
        {
            // Reached by the store itself: side will not rename, the straight write to the record is cut by a reset.
            var f = new CrashFlash();
            f.Files[Side] = Seal("cal v1");
            f.Persistent = (op, p) => op == "move" && p == Side;
            f.CrashOn = "write " + Rec;
            f.CrashPrefix = 5;
            new FlashUnitRecordStore(f, Rec).Save("cal v2 gain=1.0021 offset=-3");
            f.Heal();
            string problem;
            Assert.Equal("cal v1", Load(f, out problem));

            // Next store: one read of the side file fails. It must change nothing: had it deleted the side file, the
            // power going at its write (armed here) would leave the cut record to be read.
            f.FailOnce = "read " + Side;
            f.CrashOn = "write " + Side;
            string r = new FlashUnitRecordStore(f, Rec).Save("cal v3 gain=0.9987 offset=2");
            f.Heal();
            string loaded = Load(f, out problem);
            _out.WriteLine("save=" + Show(r) + " flash=" + Dump(f) + " load=" + Show(loaded) + " problem=" + Show(problem));
            Assert.Equal("cal v1", loaded);
        }

        [Fact]
        public void AnUnreadableRecordBesideAStaleSideFileNeverBringsTheStaleRecordBack()
        {
            // Reached by the store itself: side "S0" will not rename, the straight write of "R1" completes and reads
            // back, and the reset comes before the stale side file is deleted: record R1 (sealed) + side S0 (sealed).
            var f = new CrashFlash();
            f.Files[Side] = Seal("latched: none");
            f.Persistent = (op, p) => op == "move" && p == Side;
            f.CrashOn = "delete " + Side;
            new FlashUnitRecordStore(f, Rec).Save("latched: module 1");
            f.Heal();
            string problem;
            Assert.Equal("latched: module 1", Load(f, out problem));

            // Next store: one read of the record fails. It must change nothing: had it taken the record for incomplete,
            // deleted it and renamed the stale side file over it, the power going at the next write (armed here) would
            // bring the stale record back.
            f.FailOnce = "read " + Rec;
            f.CrashOn = "write " + Side;
            string r = new FlashUnitRecordStore(f, Rec).Save("latched: module 1, module 2");
            f.Heal();
            string loaded = Load(f, out problem);
            _out.WriteLine("save=" + Show(r) + " flash=" + Dump(f) + " load=" + Show(loaded) + " problem=" + Show(problem));
            Assert.Contains(loaded, new[] { "latched: module 1", "latched: module 1, module 2" });
        }

        [Fact]
        public void AStraightWriteThatStoredTheNewRecordReportsSuccess()
        {
            var f = new CrashFlash();
            f.Files[Side] = Seal("old-S");
            f.Persistent = (op, p) => (op == "move" || op == "delete") && p == Side;
            string r = new FlashUnitRecordStore(f, Rec).Save(New);
            f.Heal();
            string problem;
            string loaded = Load(f, out problem);
            _out.WriteLine("save=" + Show(r) + " flash=" + Dump(f) + " load=" + Show(loaded));
            Assert.Null(r);
            Assert.Equal(New, loaded);
        }
    }
}
