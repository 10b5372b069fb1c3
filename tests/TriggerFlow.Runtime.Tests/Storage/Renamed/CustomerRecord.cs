using NodaTime;

namespace TriggerFlow.Runtime.Tests.Storage.Renamed;

/// <summary>The customer state as a later release might name it: another class, another namespace, the same fields.</summary>
internal sealed class CustomerRecord
{
    public string CustomerId { get; set; } = "";

    public Dictionary<string, object?> Profile { get; set; } = [];

    public Instant Clock { get; set; }

    public long LateEvents { get; set; }
}
