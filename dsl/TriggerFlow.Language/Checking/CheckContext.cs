using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Language.Checking;

/// <summary>What every rule is checked against: the catalog, the segments defined anywhere, and the channel caps.</summary>
/// <param name="FilesWithReadErrors">
/// Files the parser reported errors in: a clause it could not read is missing from the tree,
/// so a rule there is not also told that it lacks that clause.
/// </param>
internal sealed record CheckContext(EventCatalog Catalog, IReadOnlySet<string> Segments, ChannelLimits Limits, IReadOnlySet<string> FilesWithReadErrors);
