using TriggerFlow.Engine;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// The rules in force on this silo: the engine built from the active deployment (with every
/// earlier version, so windows finish under the version that opened them) and its catalog.
/// </summary>
public interface IRuleBookProvider
{
    /// <summary>The engine for the active deployment.</summary>
    DecisionEngine Engine { get; }

    /// <summary>The catalog of the active deployment: event names and property types for ingestion.</summary>
    EventCatalog Catalog { get; }

    /// <summary>The active deployment's plan-set version; empty before the first deployment.</summary>
    string Version { get; }
}
