namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>
/// Where quarantined items are kept durably: the embedded SQLite file for one silo, Redis for a
/// cluster (so every silo lists and replays the same items). Every write completes only once it is
/// durable, so an answer built on it is not a promise the store could break on a crash.
/// </summary>
internal interface IQuarantineStore
{
    /// <summary>
    /// Keeps each entry, in order, unless its id is already kept or keeping it would pass
    /// <paramref name="limits"/>; checked and written in one step, so concurrent requests together
    /// never pass them either. Completes once the kept entries are durable.
    /// </summary>
    Task<IReadOnlyList<KeepResult>> KeepAsync(IReadOnlyList<QuarantineEntry> entries, QuarantineLimits limits);

    /// <summary>Up to <paramref name="count"/> entries after sequence <paramref name="after"/>, in order of arrival.</summary>
    Task<IReadOnlyList<QuarantineEntry>> ReadAsync(long after, int count, bool withRaw);

    /// <summary>The entries with these ids that are kept, with their posted JSON.</summary>
    Task<IReadOnlyList<QuarantineEntry>> FindAsync(IReadOnlyCollection<string> ids);

    /// <summary>Removes the entries with these ids; answers how many were kept. Durable on completion.</summary>
    Task<int> RemoveAsync(IReadOnlyCollection<string> ids);

    /// <summary>Removes every entry; answers how many there were. Durable on completion.</summary>
    Task<int> ClearAsync();

    /// <summary>How many entries and bytes are kept.</summary>
    Task<QuarantineSize> SizeAsync();
}

/// <summary>What became of an entry handed to <see cref="IQuarantineStore.KeepAsync"/>.</summary>
internal enum KeepResult
{
    /// <summary>Kept now.</summary>
    Kept,

    /// <summary>The same item (same id) was kept before; nothing changed.</summary>
    AlreadyKept,

    /// <summary>Not kept: the quarantine holds as many items or bytes as it may.</summary>
    Full,
}

/// <summary>The bounds a keep must stay within.</summary>
internal readonly record struct QuarantineLimits(int MaxItems, long MaxBytes);

/// <summary>How much the quarantine holds.</summary>
/// <param name="Items">Entries kept.</param>
/// <param name="Bytes">Bytes of their posted JSON.</param>
internal sealed record QuarantineSize(int Items, long Bytes);
