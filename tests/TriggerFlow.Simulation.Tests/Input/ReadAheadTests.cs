using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// <see cref="ReadAhead"/>: every item in order at every batch boundary, the source's exception
/// after the items before it, and a consumer that stops early stopping the reader and disposing
/// the source. Each run is on a thread of its own under the shared hang guard: a deadlock between
/// the reader and the consumer fails its test instead of stalling the run; no test waits on the guard to pass.
/// </summary>
public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ReadAhead.BatchSize - 1)]
    [InlineData(ReadAhead.BatchSize)]
    [InlineData(ReadAhead.BatchSize + 1)]
    [InlineData(2 * ReadAhead.BatchSize)]
    [InlineData(ReadAhead.BatchSize * ReadAhead.Depth)]
    [InlineData((ReadAhead.BatchSize * (ReadAhead.Depth + 1)) + 1)]
    [InlineData(100_000)]
    public void Every_item_comes_through_in_order(int count)
    {
        var source = new Source(count);

        var items = Guarded(() => ReadAhead.Of(source.Items(), "test reader").ToList());

        Assert.Equal(Enumerable.Range(0, count), items);

        Assert.True(source.Disposed);
    }

    [Fact]
    public void Reference_items_come_through_as_the_same_objects()
    {
        var objects = Enumerable.Range(0, 3000).Select(i => new object()).ToArray();

        var items = Guarded(() => ReadAhead.Of(objects, "test reader").ToList());

        Assert.Equal(objects.Length, items.Count);
        for (var i = 0; i < objects.Length; i++)
        {
            Assert.Same(objects[i], items[i]);
        }
    }

    [Fact]
    public void Source_runs_on_a_named_background_thread_of_its_own()
    {
        var consumer = 0;
        (int Id, string? Name, bool Background)? reader = null;

        Guarded(() =>
        {
            consumer = Environment.CurrentManagedThreadId;
            return ReadAhead.Of(Capture(), "events file reader").ToList();
        });

        Assert.NotNull(reader);
        Assert.NotEqual(consumer, reader.Value.Id);
        Assert.Equal("events file reader", reader.Value.Name);
        Assert.True(reader.Value.Background);

        IEnumerable<int> Capture()
        {
            var thread = Thread.CurrentThread;
            reader = (thread.ManagedThreadId, thread.Name, thread.IsBackground);
            yield return 1;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(ReadAhead.BatchSize - 1)]
    [InlineData(ReadAhead.BatchSize)]
    [InlineData(ReadAhead.BatchSize + 1)]
    [InlineData(50_000)]
    public void Source_exception_reaches_the_consumer_as_thrown(int before)
    {
        var source = new Source(before, failAtEnd: true);
        var items = new List<int>();

        var thrown = Guarded(() => Assert.Throws<SourceFailedException>(() =>
        {
            foreach (var item in ReadAhead.Of(source.Items(), "test reader"))
            {
                items.Add(item);
            }
        }));

        // The very exception the source threw, type, message and all, and its stack still the source's.
        Assert.Same(source.Thrown, thrown);
        Assert.Equal($"failed after {before} items", thrown.Message);
        Assert.Contains(nameof(Source.Items), thrown.StackTrace, StringComparison.Ordinal);
        Assert.True(source.Disposed);

        // Whatever came before it came in order, none twice.
        Assert.Equal(Enumerable.Range(0, items.Count), items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ReadAhead.BatchSize)]
    [InlineData(2 * ReadAhead.BatchSize)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(ReadAhead.BatchSize - 1)]
    [InlineData(ReadAhead.BatchSize + 1)]
    [InlineData(50_000)]
    public void Source_exception_reaches_the_consumer_after_every_item_before_it(int before)
    {
        var source = new Source(before, failAtEnd: true);
        var items = new List<int>();

        Guarded(() => Assert.Throws<SourceFailedException>(() =>
        {
            foreach (var item in ReadAhead.Of(source.Items(), "test reader"))
            {
                items.Add(item);
            }
        }));

        Assert.Equal(Enumerable.Range(0, before), items);
    }

    [Fact]
    public void Exception_thrown_as_the_source_starts_reaches_the_consumer()
    {
        var thrown = Guarded(() => Assert.Throws<InvalidOperationException>(() => ReadAhead.Of(Failing(), "test reader").ToList()));

        Assert.Equal("no file", thrown.Message);

        static IEnumerable<int> Failing()
        {
            throw new InvalidOperationException("no file");
#pragma warning disable CS0162 // An iterator needs a yield.
            yield break;
#pragma warning restore CS0162
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(ReadAhead.BatchSize + 10)]
    [InlineData(ReadAhead.BatchSize * ReadAhead.Depth * 3)]
    public void Consumer_stopping_early_stops_the_reader_and_disposes_the_source(int wanted)
    {
        var source = new Source(count: null);
        var items = new List<int>();

        Guarded(() =>
        {
            foreach (var item in ReadAhead.Of(source.Items(), "test reader"))
            {
                items.Add(item);
                if (items.Count == wanted)
                {
                    break;
                }
            }

            return 0;
        });

        // Disposed by the time the consumer's loop is over, not some time later.
        Assert.True(source.Disposed, "the source's enumerator was not disposed when the consumer stopped");
        Assert.Equal(Enumerable.Range(0, wanted), items);

        // The reader read ahead a bounded amount, not without end.
        var produced = source.Produced;
        Assert.True(produced <= wanted + ((ReadAhead.Depth + 3) * ReadAhead.BatchSize), $"{produced} produced for {wanted} wanted");
    }

    [Fact]
    public void Consumer_stopping_early_with_linq_disposes_the_source()
    {
        var source = new Source(count: null);

        var items = Guarded(() => ReadAhead.Of(source.Items(), "test reader").Take(10).ToList());

        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.True(source.Disposed);
    }

    [Fact]
    public void Enumeration_that_is_never_started_starts_no_reader()
    {
        var source = new Source(count: null);

        using (ReadAhead.Of(source.Items(), "test reader").GetEnumerator())
        {
        }

        Assert.Equal(0, source.Produced);
        Assert.False(source.Started);
    }

    [Fact]
    public void Each_enumeration_reads_the_source_afresh()
    {
        var reads = ReadAhead.Of(Enumerable.Range(0, 2500), "test reader");

        Assert.Equal(Enumerable.Range(0, 2500), Guarded(() => reads.ToList()));
        Assert.Equal(Enumerable.Range(0, 2500), Guarded(() => reads.ToList()));
    }

    /// <summary>Runs <paramref name="work"/> off the test thread, failing (not hanging) if the reader and the consumer deadlock.</summary>
    private static T Guarded<T>(Func<T> work) => HangGuard.OnOwnThread("reading ahead", work);

    private sealed class SourceFailedException(string message) : Exception(message);

    /// <summary>Counts 0, 1, 2… (without end if no count), records its own disposal, and fails at the end if asked.</summary>
    private sealed class Source(int? count, bool failAtEnd = false)
    {
        private int _produced;
        private volatile bool _started;
        private volatile bool _disposed;

        public int Produced => Volatile.Read(ref _produced);

        public bool Started => _started;

        public bool Disposed => _disposed;

        public SourceFailedException? Thrown { get; private set; }

        public IEnumerable<int> Items()
        {
            _started = true;
            try
            {
                for (var i = 0; count is null || i < count; i++)
                {
                    Interlocked.Increment(ref _produced);
                    yield return i;
                }

                if (failAtEnd)
                {
                    Thrown = new SourceFailedException($"failed after {count} items");
                    throw Thrown;
                }
            }
            finally
            {
                _disposed = true;
            }
        }
    }
}
