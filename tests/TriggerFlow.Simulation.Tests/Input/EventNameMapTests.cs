using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>An events file is parsed on every core, and every parser resolves names through the file's one map.</summary>
public sealed class EventNameMapTests
{
    [Fact]
    public void Names_resolved_on_many_threads_at_once_resolve_as_on_one()
    {
        Assert.True(EventNameMap.TryParse(["view=viewed product,addtocart=added to cart"], EventFiles.Catalog, out var shared, out var error), error);
        Assert.True(EventNameMap.TryParse(["view=viewed product,addtocart=added to cart"], EventFiles.Catalog, out var alone, out error), error);
        var names = Enumerable.Range(0, 100_000).Select(i => (i % 4) switch { 0 => "view", 1 => "Purchase", 2 => "addtocart", _ => $"unknown {i}" }).ToArray();
        var expected = names.Select(n => alone.Resolve(n, EventFiles.Catalog)?.Name).ToArray();

        // Every thread looks up the same new names in the same order, started together: the
        // cache is filled (and grown) from both cores at once.
        const int threads = 4;
        var start = new Barrier(threads);
        var results = new string?[threads][];
        var failures = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var mine = new string?[names.Length];
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < names.Length; i++)
                {
                    mine[i] = shared.Resolve(names[i], EventFiles.Catalog)?.Name;
                }
            }
            catch (Exception e)
            {
                failures[t] = e;
            }

            results[t] = mine;
        })
        {
            // A cache broken by concurrent writes can loop for ever: such a thread must not keep the test run alive.
            IsBackground = true,
        }).ToList();
        workers.ForEach(w => w.Start());

        // Only a hang guard: the look-ups take a fraction of a second; a cache corrupted into a loop never returns.
        Assert.All(workers, w => Assert.True(w.Join(HangGuard.Limit), "a look-up never returned: the cache was corrupted by concurrent writes"));

        Assert.All(failures, failure => Assert.Null(failure));
        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
