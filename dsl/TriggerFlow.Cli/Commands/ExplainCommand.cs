using System.CommandLine;
using TriggerFlow.Simulation.Explain;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow explain</c>: one customer's timeline, to answer "why did (or didn't) she get the message?".</summary>
internal sealed class ExplainCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly EventFileArguments _events = new();
    private readonly Option<string> _customer = new("--customer") { Description = "The customer's id (a userId, or an anonymousId).", Required = true };
    private readonly Option<string?> _rule = new("--rule") { Description = "Only this rule: its decisions, the events it mentions, and why a signal opened nothing." };

    public ExplainCommand(CliContext context)
        : base("explain", "Replay one customer's events through the rules and print each step with its reason.")
    {
        _context = context;
        Arguments.Add(_paths);
        _events.AddTo(this);
        Options.Add(_customer);
        Options.Add(_rule);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!CompiledRules.TryCompile(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load, out var plans, out var exitCode))
        {
            return exitCode;
        }

        var rule = parsed.GetValue(_rule);
        if (rule is not null && plans.Rules.All(r => r.Name != rule))
        {
            _context.Error.WriteLine($"error: --rule `{rule}` is not a rule in {load.Root} (rules: {string.Join(", ", plans.Rules.Select(r => r.Name).Order(StringComparer.Ordinal))})");
            return ExitCodes.UsageOrIoError;
        }

        if (!_events.TryOptions(parsed, load.Set.Catalog, out var options, out var error))
        {
            _context.Error.WriteLine($"error: {error}");
            return ExitCodes.UsageOrIoError;
        }

        var path = _events.EventsPath(parsed);
        if (!EventFileArguments.TryOpen(_context, path, load.Set.Catalog, options, out var first))
        {
            return ExitCodes.UsageOrIoError;
        }

        var settings = new ExplainSettings
        {
            CustomerId = parsed.GetValue(_customer)!,
            Rule = rule,
            SkipBad = _events.SkipBad(parsed),
            OnBadLine = bad => _context.Error.WriteLine($"skipped {EventFileArguments.Describe(path, bad)}"),
        };
        var outcome = Explainer.Run(Opener(first, _context.Resolve(path), load.Set.Catalog, options), plans, settings);
        return Report(path, settings.CustomerId, outcome);
    }

    /// <summary>Explain reads the file twice; the first opening (already checked) is used first, then it is opened again.</summary>
    private static Func<EventFile> Opener(EventFile first, string path, Language.Catalog.EventCatalog catalog, EventFileOptions options)
    {
        var opened = false;
        return () =>
        {
            if (!opened)
            {
                opened = true;
                return first;
            }

            return EventFile.TryOpen(path, catalog, options, out var again, out var error) ? again : throw new IOException(error);
        };
    }

    private int Report(string path, string customer, ExplainOutcome outcome)
    {
        if (outcome.StoppedAt is { } bad)
        {
            _context.Error.WriteLine($"error: {EventFileArguments.Describe(path, bad)}");
            _context.Error.WriteLine("stopped at the first malformed line; --skip-bad reports each one and goes on");
            return ExitCodes.RuleErrors;
        }

        var timeline = outcome.Timeline!;
        if (!timeline.Found)
        {
            _context.Error.WriteLine($"error: customer `{customer}` does not appear in {path}");
            return ExitCodes.RuleErrors;
        }

        _context.Out.Write(timeline.ToText());
        return ExitCodes.Ok;
    }
}
