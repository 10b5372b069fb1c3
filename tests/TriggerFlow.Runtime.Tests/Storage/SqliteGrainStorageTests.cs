using Orleans.Storage;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>The grain storage contract against a real SQLite file.</summary>
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "customer";
    private readonly TempStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var written = new GrainState<CounterState>(new CounterState { Count = 3, Note = "ünïcode ✓" });
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), written);

        var read = await Read("c-1");

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State!.Count);
        Assert.Equal("ünïcode ✓", read.State!.Note);
    }

    [Fact]
    public async Task A_missing_state_reads_as_a_fresh_state_without_record_or_etag()
    {
        var read = await Read("never-written");

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(0, read.State!.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), first);
        var stale = new GrainState<CounterState>(new CounterState { Count = 99 }, first.ETag);
        first.State!.Count = 2;
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), first);

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Storage.WriteStateAsync(StateName, Grain("c-1"), stale));

        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(2, (await Read("c-1")).State!.Count);
    }

    [Fact]
    public async Task Creating_a_state_that_already_exists_is_refused()
    {
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _store.Storage.WriteStateAsync(StateName, Grain("c-1"), new GrainState<CounterState>(new CounterState { Count = 2 })));
        Assert.Equal(1, (await Read("c-1")).State!.Count);
    }

    [Fact]
    public async Task A_cleared_state_is_deleted_and_reads_as_missing()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), state);

        await _store.Storage.ClearStateAsync(StateName, Grain("c-1"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = await Read("c-1");
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Count);
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), state);
        Assert.Equal(state.ETag, (await Read("c-1")).ETag);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), state);
        var stale = new GrainState<CounterState>(state.State, state.ETag);
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Storage.ClearStateAsync(StateName, Grain("c-1"), stale));
        Assert.True((await Read("c-1")).RecordExists);
    }

    [Fact]
    public async Task States_of_the_same_grain_under_different_names_are_separate()
    {
        await _store.Storage.WriteStateAsync("a", Grain("c-1"), new GrainState<CounterState>(new CounterState { Count = 1 }));
        await _store.Storage.WriteStateAsync("b", Grain("c-1"), new GrainState<CounterState>(new CounterState { Count = 2 }));

        var a = new GrainState<CounterState>();
        await _store.Storage.ReadStateAsync("a", Grain("c-1"), a);
        Assert.Equal(1, a.State!.Count);
    }

    [Fact]
    public async Task Many_concurrent_writers_are_all_durable_after_the_file_is_reopened()
    {
        const int grains = 2_000;
        var states = Enumerable.Range(0, grains).Select(i => new GrainState<CounterState>(new CounterState { Count = i, Note = $"n{i}" })).ToArray();

        await Task.WhenAll(states.Select((state, i) => Task.Run(() => _store.Storage.WriteStateAsync(StateName, Grain($"c-{i}"), state))));
        await _store.ReopenAsync();

        for (var i = 0; i < grains; i++)
        {
            var read = await Read($"c-{i}");
            Assert.True(read.RecordExists, $"grain c-{i} lost its state");
            Assert.Equal((i, $"n{i}", states[i].ETag), (read.State!.Count, read.State!.Note, read.ETag));
        }
    }

    [Fact]
    public async Task Of_concurrent_writes_with_the_same_etag_exactly_one_wins()
    {
        var initial = new GrainState<CounterState>(new CounterState());
        await _store.Storage.WriteStateAsync(StateName, Grain("c-1"), initial);
        var contenders = Enumerable.Range(1, 32).Select(i => new GrainState<CounterState>(new CounterState { Count = i }, initial.ETag)).ToArray();

        var outcomes = await Task.WhenAll(contenders.Select(c => Attempt(() => _store.Storage.WriteStateAsync(StateName, Grain("c-1"), c))));

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = contenders[Array.IndexOf(outcomes, true)];
        var read = await Read("c-1");
        Assert.Equal((winner.State!.Count, winner.ETag), (read.State!.Count, read.ETag));
    }

    private static async Task<bool> Attempt(Func<Task> write)
    {
        try
        {
            await Task.Run(write);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<GrainState<CounterState>> Read(string customer)
    {
        var state = new GrainState<CounterState>();
        await _store.Storage.ReadStateAsync(StateName, Grain(customer), state);
        return state;
    }

    private static GrainId Grain(string customer) => GrainId.Create("customer", customer);
}
