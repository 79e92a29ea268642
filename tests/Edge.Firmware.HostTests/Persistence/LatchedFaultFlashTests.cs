// Licensed under the MIT License.

using System.Collections.Generic;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Persistence
{
    /// <summary>
    /// The latched faults over the real flash store (FlashUnitRecordStore on the fake file system), across resets: a
    /// fault reset is stored, no failure or reset during a store releases a latch stored before, and a store that
    /// keeps failing does not wear the flash.
    /// </summary>
    public class LatchedFaultFlashTests
    {
        private const string Path = LatchedFaultRecord.DefaultPath;
        private const string Side = LatchedFaultRecord.DefaultPath + ".new";

        /// <summary>One boot of the device: a controller and its keeper over the flash that survives the reset.</summary>
        private sealed class Boot
        {
            public readonly PackLayout Layout = new PackLayout(2, 1, 1);
            public readonly EdgeController Controller;
            public readonly LatchedFaultKeeper Keeper;
            public readonly DeviceEventLog Events = new DeviceEventLog();
            public readonly int Restored;
            private long _tick;

            public Boot(IFlashFiles flash, bool autoStart = true)
                : this(new FlashUnitRecordStore(flash, Path), autoStart)
            {
            }

            public Boot(IUnitRecordStore store, bool autoStart = true)
            {
                Controller = new EdgeController(Layout, new ControllerConfiguration { StartImmediately = autoStart });
                Keeper = new LatchedFaultKeeper(store, Controller, Events);
                Restored = Keeper.Restore();
            }

            /// <summary>
            /// A 10 ms tick after <paramref name="gapPeriods"/> periods without one (tickMissed at 10): module 1's cell at
            /// <paramref name="cell1Mv"/>, module 0's at 200 mV, the pack's sensor at <paramref name="temperatureDeciC"/>.
            /// </summary>
            public ActionFrame Tick(int cell1Mv = 200, int temperatureDeciC = 250, int gapPeriods = 0, ChannelStatus temperatureStatus = ChannelStatus.Valid)
            {
                _tick += gapPeriods;
                var frame = new SampleFrame(Layout);
                frame.TickIndex = _tick;
                frame.TimestampMs = _tick * 10;
                _tick++;
                for (int c = 0; c < frame.CellVoltageMv.Length; c++)
                {
                    frame.CellVoltageMv[c] = c == 1 ? cell1Mv : 200;
                    frame.CellVoltageStatus[c] = ChannelStatus.Valid;
                }

                for (int m = 0; m < Layout.ModuleCount; m++)
                {
                    frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
                }

                for (int t = 0; t < frame.TemperatureDeciCelsius.Length; t++)
                {
                    frame.TemperatureDeciCelsius[t] = temperatureDeciC;
                    frame.TemperatureStatus[t] = temperatureStatus;
                }

                var actions = new ActionFrame(Layout);
                Controller.Tick(frame, actions);
                return actions;
            }

            public List<string> EventTexts()
            {
                var texts = new List<string>();
                while (Events.Count > 0)
                {
                    texts.Add(Events.Peek().Code + ": " + Events.Peek().Message);
                    Events.RemoveOldest();
                }

                return texts;
            }
        }

        /// <summary>Counts side-file writes (flash erase/program cycles).</summary>
        private sealed class CountingFlash : IFlashFiles
        {
            public readonly FakeFlashFiles Inner = new FakeFlashFiles();
            public int Writes;

            public bool Exists(string path) => Inner.Exists(path);
            public string ReadAllText(string path) => Inner.ReadAllText(path);
            public void WriteAllText(string path, string contents) { Writes++; Inner.WriteAllText(path, contents); }
            public void Delete(string path) => Inner.Delete(path);
            public void Move(string source, string destination) => Inner.Move(source, destination);
        }

        /// <summary>
        /// Stores a release: the keeper writes a set that only lacks modules the record holds at the 50th check that finds
        /// it unchanged (about 5 s of the main thread's 100 ms), not before. Returns the last check's answer.
        /// </summary>
        private static bool StoreOnceTheReleaseHeld(LatchedFaultKeeper keeper)
        {
            for (int i = 0; i < 49; i++)
            {
                Assert.False(keeper.SaveIfChanged(), "a release stored at check " + (i + 1) + " of 50");
            }

            return keeper.SaveIfChanged();
        }

        [Fact]
        public void AFaultResetOfTheLastLatchedModuleIsStoredSoItIsNotHeldAgainAfterTheNextReset()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "latched faults\n1 hardShort\nend 1\n");

            // Boot 1: module 1 restored and held; the operator resets it.
            var boot1 = new Boot(flash);
            boot1.Tick();
            Assert.Equal(ModuleState.Hold, boot1.Controller.Module(1).State);
            boot1.Keeper.SaveIfChanged();
            boot1.Controller.RequestFaultReset(1);
            boot1.Tick();
            Assert.False(boot1.Controller.Diagnosis.HasLatchedFault(1));
            bool stored = StoreOnceTheReleaseHeld(boot1.Keeper);
            string events = string.Join(" | ", boot1.EventTexts());

            // Boot 2 (power cycle): nothing is latched any more, so nothing may be held.
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.True(
                boot2.Restored == 0 && boot2.Controller.Module(1).State != ModuleState.Hold,
                "after the operator's fault reset and a power cycle module 1 is " + boot2.Controller.Module(1).State
                + " again (restored " + boot2.Restored + "); flash still holds '" + flash.Peek(Path) + "'; SaveIfChanged returned "
                + stored + "; events: " + events);
        }

        [Fact]
        public void AResetAfterAFailedRenameAndAFailedNextStoreReleasesNoLatch()
        {
            var flash = new FakeFlashFiles();

            // Module 0 latched and stored.
            var boot1 = new Boot(flash);
            boot1.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
            boot1.Tick();
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.Equal("latched faults\n0 hardShort\nend 1\n\n#stored 33\n", flash.Peek(Path));

            // Module 1 latches later; the rename of the new record fails (the record is already deleted): the complete
            // side file stands as the record, so the set is stored.
            boot1.Controller.RestoreLatchedFault(1, DiagnosisId.CellOvervoltage);
            boot1.Tick();
            flash.FailOn = "move " + Side;
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.Null(flash.Peek(Path));
            Assert.Equal("latched faults\n0 hardShort\n1 cellOvervoltage\nend 2\n\n#stored 51\n", flash.Peek(Side));

            // The operator resets module 1; that store finds only the side file, makes it the record first, and then its
            // own write does not complete (a reset or a brown-out during it: the fake throws before writing anything).
            boot1.Controller.RequestFaultReset(1);
            boot1.Tick();
            flash.FailOn = "write " + Side;
            Assert.False(boot1.Keeper.SaveIfChanged());

            // The device resets now: the set stored before stands, module 0's latch from long before included.
            flash.FailOn = null;
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.True(
                boot2.Controller.Module(0).State == ModuleState.Hold && boot2.Controller.Module(1).State == ModuleState.Hold,
                "after the reset module 0 is " + boot2.Controller.Module(0).State + " and module 1 is " + boot2.Controller.Module(1).State
                + " (restored " + boot2.Restored + "; record " + (flash.Peek(Path) ?? "absent") + ", side file " + (flash.Peek(Side) ?? "absent") + ")");
        }

        [Fact]
        public void AStoreThatKeepsFailingDoesNotRewriteFlashEvery100Ms()
        {
            var flash = new CountingFlash();
            var controller = new EdgeController(new PackLayout(2, 1, 1), new ControllerConfiguration { StartImmediately = false });
            var keeper = new LatchedFaultKeeper(new FlashUnitRecordStore(flash, Path), controller, new DeviceEventLog());
            controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
            var layout = controller.Layout;
            controller.Tick(new SampleFrame(layout), new ActionFrame(layout));

            // The write keeps failing (e.g. a full or worn file system): the main thread calls every 100 ms.
            flash.Inner.FailOn = "write " + Side;
            for (int i = 0; i < 36000; i++)
            {
                keeper.SaveIfChanged();
            }

            // One hour.
            Assert.True(flash.Writes <= 100, flash.Writes + " side-file writes to flash in one hour of a failing store, one per 100 ms");
        }
    
        [Fact]
        public void ASideFileLeftByAFailedRenameIsTheRecordAfterAReset()
        {
            var flash = new FakeFlashFiles();
            var boot1 = new Boot(flash);
            boot1.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
            boot1.Controller.RestoreLatchedFault(1, DiagnosisId.CellOvervoltage);
            boot1.Tick();

            // The rename fails: record deleted, the complete side file stands in for it.
            flash.FailOn = "move " + Side;
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.Null(flash.Peek(Path));

            // Reset now, the rename still failing: the side file is read as the record.
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(2, boot2.Restored);
            Assert.Equal(StopReason.Protection, boot2.Controller.Module(1).StopReason);
            Assert.Empty(boot2.EventTexts().FindAll(e => e.StartsWith("latch-record-unreadable")));
        }

        /// <summary>A store during which the sampling thread latches module 1 (a tick runs while flash is written).</summary>
        private sealed class LatchDuringSave : IUnitRecordStore
        {
            public FlashUnitRecordStore Inner;
            public Boot Rig;
            public bool Fire;

            public string Load(out string problem) => Inner.Load(out problem);

            public string Save(string text)
            {
                string result = Inner.Save(text);
                if (Fire)
                {
                    Fire = false;
                    Rig.Controller.RestoreLatchedFault(1, DiagnosisId.HardShort);
                    Rig.Tick();
                }

                return result;
            }
        }

        [Fact]
        public void ALatchThatLandsDuringAStoreIsNotReportedAsStored()
        {
            var flash = new FakeFlashFiles();
            var store = new LatchDuringSave { Inner = new FlashUnitRecordStore(flash, Path) };
            var boot = new Boot(store);
            store.Rig = boot;
            boot.Controller.RestoreLatchedFault(0, DiagnosisId.HardShort);
            boot.Tick();
            store.Fire = true;
            Assert.False(boot.Keeper.SaveIfChanged(), "module 1 latched during the store and is not in the record yet");
            Assert.True(boot.Keeper.SaveIfChanged());
            Assert.Contains("1 hardShort", flash.Peek(Path));
        }

        [Fact]
        public void ARecordThatCannotBeReadHoldsEveryModuleAtEveryBootAndIsNeverOverwritten()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "latched faults\n1 hardShort\nend 1\n\n#stored 33\n");
            flash.FailOn = "read " + Path;

            // Every module held; the operator's fault reset works for this run, but its store fails and changes nothing.
            var boot1 = new Boot(flash);
            boot1.Tick();
            Assert.Equal(2, boot1.Restored);
            boot1.Controller.RequestFaultReset(0);
            boot1.Tick();
            Assert.False(boot1.Controller.Diagnosis.HasLatchedFault(0));
            Assert.False(boot1.Keeper.SaveIfChanged());
            Assert.Contains(boot1.EventTexts(), e => e.StartsWith("latch-record-failed"));
            Assert.Equal("latched faults\n1 hardShort\nend 1\n\n#stored 33\n", flash.Peek(Path));

            // The next boot holds every module again.
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(0).State);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(1).State);
        }

        [Fact]
        public void ABootThatRestoresTheStoredSetDoesNotWriteItAgain()
        {
            var flash = new CountingFlash();
            flash.Inner.Put(Path, "latched faults\n1 hardShort\nend 1\n\n#stored 33\n");
            var boot = new Boot(flash);
            boot.Tick();
            Assert.Equal(ModuleState.Hold, boot.Controller.Module(1).State);
            Assert.True(boot.Keeper.SaveIfChanged());
            Assert.Equal(0, flash.Writes);

            // A record that did not parse is replaced by the held set at once.
            var bad = new CountingFlash();
            bad.Inner.Put(Path, "latched faults\n1 hardShort\n\n#stored 27\n");
            var repaired = new Boot(bad);
            repaired.Tick();
            Assert.True(repaired.Keeper.SaveIfChanged());
            Assert.Equal("latched faults\n0 unknown\n1 hardShort\nend 2\n\n#stored 43\n", bad.Inner.Peek(Path));
        }

        /// <summary>
        /// A missed tick holds the pack but is not stored; a cell fault that latches a module held for it must be, so the
        /// reset that clears the missed tick does not release the cell fault (README: a latch stays held until a fault reset,
        /// across a reset). Before, the module kept the missed tick as its cause, the record stayed "end 0", and the
        /// overvoltage was released at the next boot.
        /// </summary>
        [Fact]
        public void ACellOvervoltageThatLatchesWhileThePackIsHeldForAMissedTickIsHeldAfterAReset()
        {
            var flash = new FakeFlashFiles();
            var boot1 = new Boot(flash, autoStart: false);
            for (int i = 0; i < 20; i++)
            {
                boot1.Tick();
            }

            boot1.Tick(gapPeriods: 15);
            Assert.Equal(DiagnosisId.TickMissed, boot1.Controller.Diagnosis.LatchCause(1));
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.Equal("latched faults\nend 0\n\n#stored 21\n", flash.Peek(Path));

            // Module 1's cell at 3600 mV, over the 3300 mV limit, past the row's debounce of 2.
            for (int i = 0; i < 10; i++)
            {
                boot1.Tick(cell1Mv: 3600);
            }

            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.Equal("latched faults\n1 cellOvervoltage\nend 1\n\n#stored 39\n", flash.Peek(Path));

            // The reset: the cell reads in range again. Module 1 is held for its overvoltage; module 0 had only the missed
            // tick, which the reset starts afresh: auto-start runs it.
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(1, boot2.Restored);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(1).State);
            Assert.Equal(StopReason.Protection, boot2.Controller.Module(1).StopReason);
            Assert.Equal(ModuleState.Pulse, boot2.Controller.Module(0).State);
        }

        [Fact]
        public void APackOvertemperatureThatLatchesWhileThePackIsHeldForAMissedTickHoldsBothModulesAfterAReset()
        {
            var flash = new FakeFlashFiles();
            var boot1 = new Boot(flash, autoStart: false);
            for (int i = 0; i < 20; i++)
            {
                boot1.Tick();
            }

            boot1.Tick(gapPeriods: 15);
            boot1.Keeper.SaveIfChanged();

            // The pack's sensor at 90 C against the 60 C limit, past the row's debounce of 3.
            for (int i = 0; i < 10; i++)
            {
                boot1.Tick(temperatureDeciC: 900);
            }

            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.StartsWith("latched faults\n0 cellOvertemperature\n1 cellOvertemperature\nend 2\n", flash.Peek(Path));
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(2, boot2.Restored);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(0).State);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(1).State);
        }

        /// <summary>
        /// A tickMissed stored by earlier firmware is restored (README: "a latch stored before is still restored") and must
        /// keep its line when the record is stored again for another module; before, the next unrelated store dropped it,
        /// and the reset after released the module no operator had reset.
        /// </summary>
        [Fact]
        public void AStoredMissedTickKeepsItsLineWhenAnotherModuleIsStored()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "latched faults\n0 tickMissed\nend 1\n");
            var boot1 = new Boot(flash);
            boot1.Tick();
            Assert.Equal(ModuleState.Hold, boot1.Controller.Module(0).State);
            for (int i = 0; i < 5; i++)
            {
                boot1.Tick(cell1Mv: 3600);
            }

            Assert.Equal(DiagnosisId.CellOvervoltage, boot1.Controller.Diagnosis.LatchCause(1));
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.StartsWith("latched faults\n0 tickMissed\n1 cellOvervoltage\nend 2\n", flash.Peek(Path));

            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(2, boot2.Restored);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(0).State);

            // Reset by the operator, module 0 misses a tick in this boot: that one is not stored.
            boot2.Controller.RequestFaultReset(0);
            boot2.Tick();
            boot2.Tick(gapPeriods: 15);
            Assert.Equal(DiagnosisId.TickMissed, boot2.Controller.Diagnosis.LatchCause(0));
            Assert.True(StoreOnceTheReleaseHeld(boot2.Keeper));
            Assert.StartsWith("latched faults\n1 cellOvervoltage\nend 1\n", flash.Peek(Path));
        }

        /// <summary>
        /// One line another firmware wrote (a diagnosis this one does not know) holds its module for an unknown cause and
        /// leaves the other lines' causes as they are; before, the whole record was taken as unreadable and the first store
        /// replaced every cause with "unknown", the hard short lost for good.
        /// </summary>
        [Fact]
        public void AnUnknownDiagnosisNameLosesOnlyItsOwnLinesCause()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "latched faults\n0 hardShort\n1 cellOvervoltageRenamed\nend 2\n\n#stored 59\n");
            var boot1 = new Boot(flash);
            boot1.Tick();
            Assert.Equal(2, boot1.Restored);
            Assert.Equal(StopReason.HardShort, boot1.Controller.Module(0).StopReason);
            Assert.Equal(ModuleState.Hold, boot1.Controller.Module(1).State);
            Assert.False(boot1.Controller.Diagnosis.IsLatchCauseKnown(1));
            List<string> events = boot1.EventTexts();
            Assert.Contains(events, e => e.StartsWith("latch-record-unreadable") && e.Contains("line 3 '1 cellOvervoltageRenamed'"));

            // The record is replaced once by the held set, the hard short kept.
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.StartsWith("latched faults\n0 hardShort\n1 unknown\nend 2\n", flash.Peek(Path));
            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(StopReason.HardShort, boot2.Controller.Module(0).StopReason);
            Assert.Equal(ModuleState.Hold, boot2.Controller.Module(1).State);
        }

        /// <summary>
        /// A module restored as unknown (its line named a diagnosis this firmware does not know) that a known fault latches
        /// afterwards: the record names that fault from then on, as for a module held for a missed tick. Before, the module
        /// stayed unknown in the record and in telemetry/modules, though the cell fault that holds it was known.
        /// </summary>
        [Fact]
        public void AKnownFaultOnAModuleRestoredAsUnknownReplacesUnknownInTheRecord()
        {
            var flash = new FakeFlashFiles();
            flash.Put(Path, "latched faults\n1 cellOvervoltageRenamed\nend 1\n");
            var boot1 = new Boot(flash, autoStart: false);
            boot1.Tick();
            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.StartsWith("latched faults\n1 unknown\nend 1\n", flash.Peek(Path));

            // Module 1's cell at 3600 mV, over the 3300 mV limit, past the row's debounce of 2.
            for (int i = 0; i < 5; i++)
            {
                boot1.Tick(cell1Mv: 3600);
            }

            Assert.True(boot1.Keeper.SaveIfChanged());
            Assert.StartsWith("latched faults\n1 cellOvervoltage\nend 1\n", flash.Peek(Path));

            var boot2 = new Boot(flash);
            boot2.Tick();
            Assert.Equal(1, boot2.Restored);
            Assert.Equal(StopReason.Protection, boot2.Controller.Module(1).StopReason);
            Assert.Equal(DiagnosisId.CellOvervoltage, boot2.Controller.Diagnosis.LatchCause(1));
        }

        /// <summary>
        /// A reset loop: an operator (or a script) resets a fault once a second that comes straight back. The latched set
        /// every store sees is the same, so the record is written once, not once a reset (86,400 times a day before).
        /// </summary>
        [Fact]
        public void AResetLoopOnAFaultThatComesStraightBackWritesTheRecordOnce()
        {
            var flash = new CountingFlash();
            var boot = new Boot(flash, autoStart: false);
            for (int cycle = 0; cycle < 100; cycle++)
            {
                // 1 s = 100 ticks of 10 ms; the main thread stores every 100 ms. The overvoltage's debounce of 2 readings
                // latches it again in the reset's second tick, before the next store.
                if (cycle > 0)
                {
                    boot.Controller.RequestFaultReset(1);
                }

                for (int t = 0; t < 100; t++)
                {
                    boot.Tick(cell1Mv: 3600);
                    if (t % 10 == 9)
                    {
                        Assert.True(boot.Keeper.SaveIfChanged());
                    }
                }
            }

            Assert.Equal(1, flash.Writes);
            Assert.StartsWith("latched faults\n1 cellOvervoltage\nend 1\n", flash.Inner.Peek(Path));

            // The fault gone, a reset that lasts is stored.
            boot.Controller.RequestFaultReset(1);
            boot.Tick();
            Assert.True(StoreOnceTheReleaseHeld(boot.Keeper));
            Assert.Equal(2, flash.Writes);
            Assert.StartsWith("latched faults\nend 0\n", flash.Inner.Peek(Path));
        }

        /// <summary>
        /// A reset loop on a fault whose debounce outlasts the 100 ms between stores: the pack's sensor open (no reading),
        /// which latches temperatureChannelInvalid on both modules at its 10th reading, 100 ms at 10 ms ticks. A reset
        /// every second, the main thread's store checks 50 ms after each reset and every 100 ms on. The store between the
        /// reset and the fault's return saw the released set and wrote it, the next one the latch again: two flash writes
        /// per reset, 172,800 a day. A release is stored only once it has held for a while, so one the fault undoes
        /// writes nothing; the latch itself was written once.
        /// </summary>
        [Fact]
        public void AResetLoopOnAFaultWithALongDebounceWritesNothingPerReset()
        {
            var flash = new CountingFlash();
            var boot = new Boot(flash, autoStart: false);
            int writesAfterFirstCycle = 0;
            for (int cycle = 0; cycle < 20; cycle++)
            {
                if (cycle > 0)
                {
                    boot.Controller.RequestFaultReset(-1);
                }

                for (int t = 0; t < 100; t++)
                {
                    boot.Tick(temperatureStatus: ChannelStatus.Missing);
                    if (t % 10 == 4)
                    {
                        boot.Keeper.SaveIfChanged();
                    }
                }

                Assert.True(boot.Controller.Diagnosis.HasLatchedFault(0), "cycle " + cycle);
                if (cycle == 0)
                {
                    writesAfterFirstCycle = flash.Writes;
                }
            }

            Assert.Equal(1, writesAfterFirstCycle);
            Assert.True(flash.Writes == 1, (flash.Writes - 1) + " flash writes in 19 resets of a fault that came back 100 ms after each");
            Assert.StartsWith("latched faults\n0 temperatureChannelInvalid\n1 temperatureChannelInvalid\nend 2\n", flash.Inner.Peek(Path));

            // The sensor repaired, a reset that holds: a reset of the device before its 50th check holds both modules again
            // (the safe side), and the 50th check stores the release, one write.
            boot.Controller.RequestFaultReset(-1);
            boot.Tick();
            var lostPower = new Boot(flash.Inner);
            lostPower.Tick();
            Assert.Equal(2, lostPower.Restored);
            Assert.True(StoreOnceTheReleaseHeld(boot.Keeper));
            Assert.Equal(2, flash.Writes);
            Assert.StartsWith("latched faults\nend 0\n", flash.Inner.Peek(Path));
        }
    }
}
