// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// A short fingerprint of what a board's readings pass through on their way to the ADC: its ADC
    /// settings (resolution, attenuation), the multiplexer (select pins in order, enable pin and level,
    /// ADC pin, settling time, filter), the reference input and its level, and for every cell, module
    /// current and temperature channel its input (ADC pin or multiplexer input) and front end (divider
    /// ratio and offset; shunt, gain and offset). A per-unit calibration records it
    /// (<see cref="Edge.Core.Calibration.UnitCalibrationText"/>, <c>front_end</c>) and is refused on a
    /// board whose fingerprint differs: its curves were measured through another front end. Names,
    /// comments, the board file's own (nominal) calibration points, switches, setpoints and limits are
    /// left out: they do not change what a channel's counts mean.
    /// <para>
    /// 32-bit FNV-1a over those values (each as four bytes, counts before lists), written as 8 lower-case
    /// hex digits: no cryptographic hash exists on nanoFramework, and this one only has to tell a changed
    /// front end from the one calibrated (a chance change keeps it with a probability of 1 in 4.3e9).
    /// Computed once per board, when the <see cref="BoardDefinition"/> is made.
    /// </para>
    /// </summary>
    public static class FrontEndFingerprint
    {
        /// <summary>Number of hex digits of a fingerprint.</summary>
        public const int Length = 8;

        private const uint OffsetBasis = 2166136261;
        private const uint Prime = 16777619;

        // Bumped when the list of values hashed changes: every record made before then is then refused, as it should be.
        private const int Version = 1;

        private const string HexDigits = "0123456789abcdef";

        /// <summary>The fingerprint of <paramref name="board"/>'s front end.</summary>
        public static string Of(BoardDefinition board)
        {
            uint hash = OffsetBasis;
            hash = Add(hash, Version);
            hash = Add(hash, board.AdcResolutionBits);
            hash = Add(hash, (int)board.AdcAttenuation);

            MuxDefinition mux = board.Mux;
            hash = Add(hash, mux == null ? 0 : 1);
            if (mux != null)
            {
                hash = Add(hash, mux.SelectPinCount);
                for (int bit = 0; bit < mux.SelectPinCount; bit++)
                {
                    hash = Add(hash, mux.SelectPinAt(bit));
                }

                hash = Add(hash, mux.EnablePin);
                hash = Add(hash, (int)mux.EnablePolarity);
                hash = Add(hash, mux.AdcPin);
                hash = Add(hash, mux.SettleUs);
                hash = Add(hash, mux.FilterOhm);
                hash = Add(hash, mux.FilterPicofarad);
            }

            ReferenceChannelDefinition reference = board.Reference;
            hash = Add(hash, reference == null ? 0 : 1);
            if (reference != null)
            {
                hash = AddInput(hash, reference.Input);
                hash = Add(hash, reference.NominalMv);
            }

            hash = Add(hash, board.CellCount);
            for (int i = 0; i < board.CellCount; i++)
            {
                CellChannelDefinition cell = board.CellAt(i);
                hash = AddInput(hash, cell.Input);
                hash = Add(hash, cell.DividerRatioPpm);
                hash = Add(hash, cell.OffsetMv);
            }

            hash = Add(hash, board.ModuleCount);
            for (int m = 0; m < board.ModuleCount; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                hash = AddInput(hash, module.CurrentInput);
                hash = Add(hash, module.ShuntMilliohm);
                hash = Add(hash, module.AmplifierGainMilli);
                hash = Add(hash, module.OffsetMv);
            }

            hash = Add(hash, board.TemperatureCount);
            for (int t = 0; t < board.TemperatureCount; t++)
            {
                hash = AddInput(hash, board.TemperatureAt(t).Input);
            }

            return Hex(hash);
        }

        /// <summary>Whether <paramref name="text"/> has a fingerprint's form: <see cref="Length"/> hex digits, lower case.</summary>
        public static bool IsWellFormed(string text)
        {
            if (text == null || text.Length != Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (HexDigits.IndexOf(text[i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static uint AddInput(uint hash, AnalogInputDefinition input)
        {
            return Add(Add(hash, input.AdcPin), input.MuxInput);
        }

        private static uint Add(uint hash, int value)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                hash = unchecked((hash ^ (uint)((value >> shift) & 0xFF)) * Prime);
            }

            return hash;
        }

        private static string Hex(uint value)
        {
            char[] digits = new char[Length];
            for (int i = Length - 1; i >= 0; i--)
            {
                digits[i] = HexDigits[(int)(value & 0xF)];
                value >>= 4;
            }

            return new string(digits);
        }
    }
}
