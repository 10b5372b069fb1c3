using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>
/// The database's only writer. Writes from many grains queue up while the previous transaction
/// commits, and the next transaction takes all of them at once: one commit (one fsync) makes a
/// whole batch durable, which is what lets durable writes keep pace with concurrent grains.
/// A write's task completes only after its batch has committed, so an acknowledgement built on
/// it means the change is on disk. A failed commit fails every write of its batch; none of them
/// was acknowledged.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>
    /// Writes per transaction at most: bounds the latency a batch adds to its first write. A write
    /// costs the transaction some 10–50 µs and the commit's fsync milliseconds, so the bound is high
    /// enough that a busy host's whole queue (32 requests of 100 customers each) shares one commit.
    /// </summary>
    public const int DefaultMaxBatch = 4096;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public GroupCommitWriter(SqliteConnection connection, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _connection = connection;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs <paramref name="write"/> in the next transaction; completes once that transaction has committed.</summary>
    public Task<T> Enqueue<T>(Func<SqliteTransaction, T> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "the SQLite store is shut down");
        }

        return pending.Completion;
    }

    /// <summary>Commits what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(Math.Min(_maxBatch, 1024));
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var write in batch)
            {
                write.Execute(transaction);
            }

            transaction.Commit();
        }
#pragma warning disable CA1031 // Any failure belongs to the writers waiting on this batch; the loop must survive it to serve the next one.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            batch.ForEach(write => write.Fail(failure));
            return;
        }

        batch.ForEach(write => write.Complete());
    }

    private abstract class PendingWrite
    {
        public abstract void Execute(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception failure);
    }

    private sealed class PendingWrite<T>(Func<SqliteTransaction, T> write) : PendingWrite
    {
        // Continuations run on the pool, not on the writer thread, which must get back to committing.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Completion => _completion.Task;

        public override void Execute(SqliteTransaction transaction) => _result = write(transaction);

        public override void Complete() => _completion.TrySetResult(_result);

        public override void Fail(Exception failure) => _completion.TrySetException(failure);
    }
}
