// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// A unit record (the calibration record, the latched faults) as a file in internal flash (drive I: on
    /// the ESP32), replaced so that a reset at any moment leaves one complete record readable: the new text
    /// goes to a side file and is read back, only then is the old record deleted and the side file renamed
    /// over it. nanoFramework's File.Move refuses an existing destination, hence delete-then-rename; a reset
    /// (or a failed rename) between the two leaves only the side file, which <see cref="Load"/> and the next
    /// <see cref="Save"/> complete before anything else: the only complete copy is never deleted.
    /// </summary>
    public sealed class FlashUnitRecordStore : IUnitRecordStore
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\unit-calibration.txt";

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
                    // A side file next to the record is a replacement cut short before the delete: the record stands.
                    return _files.ReadAllText(_path);
                }

                if (_files.Exists(_sidePath))
                {
                    // Cut short between delete and rename: the side file was complete and read back before the delete.
                    _files.Move(_sidePath, _path);
                    return _files.ReadAllText(_path);
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

            string step = "completing " + _path + " from " + _sidePath;
            bool sideComplete = true;
            try
            {
                if (_files.Exists(_sidePath))
                {
                    if (!_files.Exists(_path))
                    {
                        // An earlier replacement was cut short between delete and rename: its side file is the only
                        // complete copy. It becomes the record before anything is written, never deleted.
                        _files.Move(_sidePath, _path);
                    }
                    else
                    {
                        // Cut short before the delete: the record stands and the side file is no copy of anything.
                        _files.Delete(_sidePath);
                    }
                }

                step = "writing " + _sidePath;
                sideComplete = false;

                _files.WriteAllText(_sidePath, text);
                step = "reading back " + _sidePath;
                if (_files.ReadAllText(_sidePath) != text)
                {
                    _files.Delete(_sidePath);
                    return _sidePath + " read back differently from what was written; the previous record is unchanged";
                }

                sideComplete = true;
                step = "replacing " + _path;
                if (_files.Exists(_path))
                {
                    _files.Delete(_path);
                }

                _files.Move(_sidePath, _path);
                return null;
            }
            catch (Exception ex)
            {
                if (!sideComplete)
                {
                    // A half-written side file must never be taken for the record later (Load completes a side file).
                    DeleteQuietly(_sidePath);
                }

                return step + ": " + Describe(ex);
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
