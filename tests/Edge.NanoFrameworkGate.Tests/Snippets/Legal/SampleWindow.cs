using System;
using System.Collections;

namespace Snippets.Legal
{
    /// <summary>
    /// Preallocated sliding window of samples: arrays, jagged arrays, lock, events, exception
    /// filters, switch expressions, static local functions, interpolation with F/D formats,
    /// ArrayList and System.Math int/double overloads; all inside nanoFramework's subset.
    /// </summary>
    public sealed class SampleWindow : ISampleSink
    {
        private readonly int[] _voltageMv;
        private readonly int[][] _bins;
        private readonly object _sync = new object();
        private readonly ArrayList _notes = new ArrayList();
        private int _next;
        private int _count;

        public SampleWindow(int capacity)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _voltageMv = new int[capacity];
            _bins = new int[4][];
            for (int i = 0; i < _bins.Length; i++)
            {
                _bins[i] = new int[capacity];
            }
        }

        public event EventHandler Overflowed;

        public int Count => _count;

        public void Accept(ref CellSample sample)
        {
            lock (_sync)
            {
                _voltageMv[_next] = sample.VoltageMv;
                _bins[Bin(sample.VoltageMv)][_next] = sample.CurrentUa;
                _next = (_next + 1) % _voltageMv.Length;
                if (_count < _voltageMv.Length)
                {
                    _count++;
                }
                else
                {
                    Overflowed?.Invoke(this, EventArgs.Empty);
                }
            }

            static int Bin(int voltageMv)
            {
                return Math.Min(3, Math.Max(0, (voltageMv - 2000) / 250));
            }
        }

        public CellState Classify(int currentUa)
        {
            return currentUa switch
            {
                0 => CellState.Resting,
                int c when c > 0 => CellState.Charging,
                _ => CellState.Discharging,
            };
        }

        public double RmsVoltageMv()
        {
            double sum = 0;
            for (int i = 0; i < _count; i++)
            {
                double v = _voltageMv[i];
                sum += v * v;
            }

            return _count == 0 ? 0 : Math.Sqrt(sum / _count);
        }

        public string Describe()
        {
            string text;
            try
            {
                text = $"n={_count:D3} rms={RmsVoltageMv():F2} mV";
            }
            catch (Exception ex) when (ex is FormatException)
            {
                text = "n=" + _count.ToString();
            }

            _notes.Add(text);
            return text;
        }
    }
}
