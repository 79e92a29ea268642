// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// A unit record (the calibration record, the latched faults) as a file in internal flash (drive I: on
    /// the ESP32), replaced so that a reset at any moment leaves one complete record readable: the new text
    /// goes to a side file with a trailer that tells a complete file from one cut short (<c>#stored</c> and the
    /// text's length, on a line of its own) and is read back; only then is the old record deleted and the side
    /// file renamed over it. nanoFramework's File.Move refuses an existing destination, hence delete-then-rename;
    /// a reset (or a failed rename) between the two leaves only the side file, which stands as the record: read
    /// by <see cref="Load"/> and made the record before anything else by the next <see cref="Save"/>. A side
    /// file without its trailer is a store cut short and is never taken for the record. A record without a
    /// trailer is one stored before trailers existed and is read as it is, for its parser to judge: a calibration
    /// record (<see cref="Edge.Core.Calibration.UnitCalibrationText"/>) and the latched faults end in an <c>end</c>
    /// line their parsers require, which a cut removes. A file that cannot be read might be
    /// the only complete copy: nothing is deleted or overwritten on a guess, and Load then reports a problem
    /// rather than pick one.
    /// </summary>
    public sealed class FlashUnitRecordStore : IUnitRecordStore
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\unit-calibration.txt";

        private const string TrailerStart = "\n#stored ";

        private enum FileState
        {
            Missing,
            Unreadable,
            Unsealed,
            Sealed,
        }

        private readonly IFlashFiles _files;
        private readonly string _path;
        private readonly string _sidePath;

        /// <summary>The record at <paramref name="path"/> (its side file: the same path with ".new" appended).</summary>
        public FlashUnitRecordStore(IFlashFiles files, string path)
        {
            _files = files ?? throw new ArgumentNullException(nameof(files));
            _path = path ?? throw new ArgumentNullException(nameof(path));
            _sidePath = path + ".new";
        }

        /// <summary>Where the record is kept.</summary>
        public string Path
        {
            get { return _path; }
        }

        /// <inheritdoc />
        public string Load(out string problem)
        {
            problem = null;
            string record;
            FileState recordState = Examine(_path, out record);
            if (recordState == FileState.Sealed)
            {
                // A side file next to a complete record is a replacement cut short before the delete.
                return record;
            }

            if (recordState == FileState.Unreadable)
            {
                problem = "cannot read " + _path + ": " + record;
                return null;
            }

            string side;
            FileState sideState = Examine(_sidePath, out side);

            if (sideState == FileState.Sealed)
            {
                // Cut short between delete and rename, or a straight write (Save) cut short: the side file is the record.
                if (recordState == FileState.Missing)
                {
                    TryMove(_sidePath, _path);
                }

                return side;
            }

            if (sideState == FileState.Unreadable)
            {
                // It may be the only complete copy: which one counts cannot be told, so no guess.
                problem = "cannot read " + _sidePath + ": " + side;
                return null;
            }

            if (recordState == FileState.Missing)
            {
                if (sideState == FileState.Unsealed)
                {
                    // The first store ever, cut short: nothing was stored.
                    DeleteQuietly(_sidePath);
                }

                return null;
            }

            // Stored before trailers existed: its parser judges it (a calibration record's end line).
            return record;
        }

        /// <inheritdoc />
        public string Save(string text)
        {
            if (text == null || text.Length == 0)
            {
                return "an empty record is not stored";
            }

            string sealedText = Seal(text);
            string record;
            FileState recordState = Examine(_path, out record);
            string side;
            FileState sideState = Examine(_sidePath, out side);

            // A file that cannot be read might be the only copy: nothing is deleted or overwritten on a guess.
            if (recordState == FileState.Unreadable)
            {
                return "cannot read " + _path + ": " + record + "; nothing changed";
            }

            if (sideState == FileState.Unreadable && recordState != FileState.Sealed)
            {
                return "cannot read " + _sidePath + ": " + side + "; nothing changed";
            }

            string step = "completing " + _path + " from " + _sidePath;
            try
            {
                if (sideState == FileState.Sealed && recordState != FileState.Sealed)
                {
                    // An earlier replacement was cut short between delete and rename (or its straight write below was):
                    // the side file is the copy Load reads, and becomes the record first. If it will not rename, the
                    // new text goes straight to the record's path; the side file goes once that is complete.
                    if (recordState != FileState.Missing)
                    {
                        _files.Delete(_path);
                    }

                    if (!TryMove(_sidePath, _path))
                    {
                        step = "writing " + _path;
                        if (!WriteAndCheck(_path, sealedText))
                        {
                            return _path + " read back differently from what was written; the previous record stands in " + _sidePath;
                        }

                        // Load prefers the complete record to the older side file, should this delete fail.
                        DeleteQuietly(_sidePath);
                        return null;
                    }
                }

                // The side file, if any, is no copy of anything now: overwritten, not deleted first.
                step = "writing " + _sidePath;
                if (!WriteAndCheck(_sidePath, sealedText))
                {
                    DeleteQuietly(_sidePath);
                    return _sidePath + " read back differently from what was written; the previous record is unchanged";
                }

                step = "replacing " + _path;
                if (_files.Exists(_path))
                {
                    _files.Delete(_path);
                }

                // Once the old record is gone the complete side file is the record (Load reads it), renamed or not.
                TryMove(_sidePath, _path);
                return null;
            }
            catch (Exception ex)
            {
                // Whatever is left, Load reads the previous record or the new one: a side file is taken only when whole.
                return step + ": " + Describe(ex);
            }
        }

        /// <summary>What a file holds: its text without the trailer when sealed, as it is when not, why when unreadable.</summary>
        private FileState Examine(string path, out string content)
        {
            content = null;
            try
            {
                if (!_files.Exists(path))
                {
                    return FileState.Missing;
                }

                string stored = _files.ReadAllText(path);
                content = Unseal(stored);
                if (content != null)
                {
                    return FileState.Sealed;
                }

                content = stored;
                return FileState.Unsealed;
            }
            catch (Exception ex)
            {
                content = Describe(ex);
                return FileState.Unreadable;
            }
        }

        /// <summary>The text as stored: with its trailer.</summary>
        private static string Seal(string text)
        {
            return text + TrailerStart + text.Length.ToString() + "\n";
        }

        /// <summary>The text of a stored file, or null when its trailer is missing or does not match (cut short).</summary>
        private static string Unseal(string stored)
        {
            int at = stored.LastIndexOf(TrailerStart);
            if (at < 0)
            {
                return null;
            }

            string count = stored.Substring(at + TrailerStart.Length);
            int length;
            if (count.Length < 2 || count[count.Length - 1] != '\n' || !int.TryParse(count.Substring(0, count.Length - 1), out length) || length != at)
            {
                return null;
            }

            return stored.Substring(0, at);
        }

        /// <summary>Writes and reads back; false when the flash returned something else.</summary>
        private bool WriteAndCheck(string path, string contents)
        {
            _files.WriteAllText(path, contents);
            return _files.ReadAllText(path) == contents;
        }

        private bool TryMove(string source, string destination)
        {
            try
            {
                _files.Move(source, destination);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private void DeleteQuietly(string path)
        {
            try
            {
                _files.Delete(path);
            }
            catch (Exception)
            {
                // Load reads the record, not the side file, while the record exists.
            }
        }

        private static string Describe(Exception ex)
        {
            string message = ex.Message;
            return message == null || message.Length == 0 ? ex.GetType().Name : ex.GetType().Name + " " + message;
        }
    }
}
