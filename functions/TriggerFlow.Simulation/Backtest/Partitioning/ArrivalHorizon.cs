using NodaTime;

namespace TriggerFlow.Simulation.Backtest.Partitioning;

/// <summary>
/// Keeps a bucketed replay exact for inputs that arrive out of order. Replayed in one pass, every
/// input first runs the virtual clock to its arrival, waking every customer due by then; so by the
/// time a customer's next input comes, other customers' inputs may have run the clock past that
/// input's own arrival, and the customer was woken by them. Replayed bucket by bucket, those other
/// inputs are elsewhere: this says, for each input as it is set aside, the latest arrival among
/// the inputs since its bucket's previous one, when that is later than its own (else null).
/// </summary>
/// <remarks>
/// Kept as the running suffix maxima of the arrivals (strictly falling, by position), so the
/// latest arrival after any position is one binary search away. Arrivals in order keep that list
/// at one entry.
/// </remarks>
internal sealed class ArrivalHorizon
{
    private readonly long[] _previous;
    private readonly List<(long Position, Instant At)> _maxima = [];
    private long _position;
    private Instant _latest = Instant.MinValue;

    public ArrivalHorizon(int buckets)
    {
        _previous = new long[buckets];
        Array.Fill(_previous, -1L);
    }

    /// <summary>The clock to run the bucket to before this input (null when its own arrival is enough); then notes the input.</summary>
    public Instant? Next(int bucket, Instant arrival)
    {
        Instant? horizon = null;
        if (arrival < _latest)
        {
            var first = FirstAfter(_previous[bucket]);
            if (first < _maxima.Count && _maxima[first].At > arrival)
            {
                horizon = _maxima[first].At;
            }
        }

        while (_maxima.Count > 0 && _maxima[^1].At <= arrival)
        {
            _maxima.RemoveAt(_maxima.Count - 1);
        }

        _maxima.Add((_position, arrival));
        _previous[bucket] = _position++;
        _latest = Instant.Max(_latest, arrival);
        return horizon;
    }

    /// <summary>The index of the first maximum whose position is after <paramref name="position"/>.</summary>
    private int FirstAfter(long position)
    {
        int low = 0, high = _maxima.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_maxima[middle].Position <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
