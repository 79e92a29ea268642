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
    /// trailer is one stored before trailers existed and is read as it is.
    /// </summary>
    public sealed class FlashUnitRecordStore : IUnitRecordStore
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\unit-calibration.txt";

        private const string TrailerStart = "\n#stored ";

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
            try
            {
                if (_files.Exists(_path))
                {
                    string stored = _files.ReadAllText(_path);
                    string text = Unseal(stored);
                    if (text != null)
                    {
                        // A side file next to a complete record is a replacement cut short before the delete.
                        return text;
                    }

                    // Written straight to the record's path because the side file would not rename (Save), and cut
                    // short: the side file is still the complete copy.
                    string side = _files.Exists(_sidePath) ? Unseal(_files.ReadAllText(_sidePath)) : null;
                    return side != null ? side : stored;
                }

                if (_files.Exists(_sidePath))
                {
                    string side = Unseal(_files.ReadAllText(_sidePath));
                    if (side == null)
                    {
                        // The first store ever, cut short: nothing was stored.
                        DeleteQuietly(_sidePath);
                        return null;
                    }

                    // Cut short between delete and rename: the side file is the record; made so when it renames.
                    MoveQuietly(_sidePath, _path);
                    return side;
                }

                return null;
            }
            catch (Exception ex)
            {
                problem = "cannot read " + _path + ": " + Describe(ex);
                return null;
            }
        }

        /// <inheritdoc />
        public string Save(string text)
        {
            if (text == null || text.Length == 0)
            {
                return "an empty record is not stored";
            }

            string sealedText = Seal(text);
            string step = "completing " + _path + " from " + _sidePath;
            bool keepSide = true;
            try
            {
                if (_files.Exists(_sidePath))
                {
                    if (IsComplete(_sidePath) && !IsComplete(_path))
                    {
                        // An earlier replacement was cut short between delete and rename (or its straight write below
                        // was): the side file is the copy Load reads, and becomes the record first. If it will not
                        // rename, the new text goes straight to the record's path and the side file goes only once
                        // that is complete.
                        if (_files.Exists(_path))
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

                            keepSide = false;
                            _files.Delete(_sidePath);
                            return null;
                        }
                    }
                    else
                    {
                        // Beside a complete record, or cut short: no copy of anything.
                        keepSide = false;
                        _files.Delete(_sidePath);
                    }
                }

                step = "writing " + _sidePath;
                keepSide = false;
                if (!WriteAndCheck(_sidePath, sealedText))
                {
                    _files.Delete(_sidePath);
                    return _sidePath + " read back differently from what was written; the previous record is unchanged";
                }

                keepSide = true;
                step = "replacing " + _path;
                if (_files.Exists(_path))
                {
                    _files.Delete(_path);
                }

                // Once the old record is gone the complete side file is the record (Load reads it), renamed or not.
                MoveQuietly(_sidePath, _path);
                return null;
            }
            catch (Exception ex)
            {
                if (!keepSide)
                {
                    // A half-written side file must never be taken for the record later.
                    DeleteQuietly(_sidePath);
                }

                return step + ": " + Describe(ex);
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

        /// <summary>True when the file exists, reads and ends with a matching trailer.</summary>
        private bool IsComplete(string path)
        {
            try
            {
                return Unseal(_files.ReadAllText(path)) != null;
            }
            catch (Exception)
            {
                // Unreadable: no copy anyone could use.
                return false;
            }
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

        private void MoveQuietly(string source, string destination)
        {
            TryMove(source, destination);
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
