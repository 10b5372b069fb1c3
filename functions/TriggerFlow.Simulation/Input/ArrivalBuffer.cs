using NodaTime;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Records taken smallest first by (arrival, order added): a priority queue's order, in O(1) for
/// the usual record. Files are nearly sorted, so most records arrive no earlier than the last one
/// and are appended to a sorted ring; one a little early is slid in a few places from the end.
/// One further out of place goes to a heap of strays, and each take compares the two heads.
/// </summary>
internal sealed class ArrivalBuffer
{
    /// <summary>How many records an early one may be slid past before it becomes a stray: a short copy, never a long one.</summary>
    private const int MaxSlide = 32;

    private readonly PriorityQueue<SourceRecord, (Instant At, long Sequence)> _strays = new();
    private Entry[] _ring = new Entry[64];
    private int _head;
    private int _count;
    private long _sequence;

    public int Count => _count + _strays.Count;

    public void Add(SourceRecord record, Instant at)
    {
        var entry = new Entry(record, at, _sequence++);

        // After every record with an equal or earlier arrival, so ties keep the order they were added in.
        var position = _count;
        while (position > 0 && _count - position < MaxSlide && Get(position - 1).At > at)
        {
            position--;
        }

        if (position > 0 && Get(position - 1).At > at)
        {
            _strays.Enqueue(record, (at, entry.Sequence));
            return;
        }

        if (_count == _ring.Length)
        {
            Grow();
        }

        for (var i = _count; i > position; i--)
        {
            Slot(i) = Get(i - 1);
        }

        Slot(position) = entry;
        _count++;
    }

    /// <summary>The record with the smallest (arrival, order added), and its arrival.</summary>
    public (SourceRecord Record, Instant At) Take()
    {
        if (_strays.TryPeek(out var stray, out var key) && (_count == 0 || Before(key, Get(0))))
        {
            _strays.Dequeue();
            return (stray, key.At);
        }

        var first = Get(0);
        Slot(0) = default; // let the record go
        _head = (_head + 1) & (_ring.Length - 1);
        _count--;
        return (first.Record, first.At);
    }

    private static bool Before((Instant At, long Sequence) key, Entry entry) =>
        key.At < entry.At || (key.At == entry.At && key.Sequence < entry.Sequence);

    private Entry Get(int position) => _ring[(_head + position) & (_ring.Length - 1)];

    private ref Entry Slot(int position) => ref _ring[(_head + position) & (_ring.Length - 1)];

    private void Grow()
    {
        // The ring's length stays a power of two, so positions wrap with a mask.
        var larger = new Entry[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = Get(i);
        }

        _ring = larger;
        _head = 0;
    }

    private readonly record struct Entry(SourceRecord Record, Instant At, long Sequence);
}
