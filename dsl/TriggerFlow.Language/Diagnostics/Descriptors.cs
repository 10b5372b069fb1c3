namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// Every diagnostic TriggerFlow reports. Codes are stable: never renumber or reuse one;
/// each has a section with a failing example in <c>docs/diagnostics.md</c>.
/// </summary>
public static class Descriptors
{
    // TF00xx: reading and parsing files.
    public static readonly DiagnosticDescriptor SyntaxError = new("TF0001", "Syntax error", Severity.Error);
    public static readonly DiagnosticDescriptor UnterminatedString = new("TF0002", "String not closed", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidEscape = new("TF0003", "Unknown escape in a string", Severity.Error);
    public static readonly DiagnosticDescriptor ClauseOutsideRule = new("TF0004", "Clause outside a rule", Severity.Error);
    public static readonly DiagnosticDescriptor UnreadableFile = new("TF0005", "File cannot be read", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidNumber = new("TF0006", "Number out of range", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidDate = new("TF0007", "Not a valid date or time", Severity.Error);
    public static readonly DiagnosticDescriptor FileTooLarge = new("TF0008", "File too large", Severity.Error);
    public static readonly DiagnosticDescriptor NestingTooDeep = new("TF0009", "Condition nested too deeply", Severity.Error);

    // TF001x: the shape of a rule.
    public static readonly DiagnosticDescriptor DuplicateClause = new("TF0010", "Clause given twice", Severity.Error);
    public static readonly DiagnosticDescriptor MissingSignal = new("TF0011", "Rule has no signal", Severity.Error);
    public static readonly DiagnosticDescriptor MissingAction = new("TF0012", "Rule sends nothing", Severity.Error);
    public static readonly DiagnosticDescriptor ConflictingActions = new("TF0013", "Two sends on one channel", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidRuleName = new("TF0014", "Rule name is not usable", Severity.Error);

    // TF01xx: names that do not resolve.
    public static readonly DiagnosticDescriptor UnknownEvent = new("TF0100", "Unknown event", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownProperty = new("TF0101", "Unknown event property", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownChannel = new("TF0102", "Unknown channel", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownTemplate = new("TF0103", "Unknown template", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownSegment = new("TF0104", "Unknown segment", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownStatus = new("TF0105", "Unknown status", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownTrait = new("TF0106", "Unknown profile trait", Severity.Error);
    public static readonly DiagnosticDescriptor TemplateChannelMismatch = new("TF0107", "Template not made for this channel", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownParameter = new("TF0108", "Unknown template parameter", Severity.Error);
    public static readonly DiagnosticDescriptor EventHasNoSubject = new("TF0109", "Event has no subject for `of`", Severity.Error);
    public static readonly DiagnosticDescriptor UnqualifiedAudiencePath = new("TF0110", "Audience property needs a scope", Severity.Error);
    public static readonly DiagnosticDescriptor SignalPropertyInSegment = new("TF0111", "Segment reads the signal event", Severity.Error);

    // TF02xx: types.
    public static readonly DiagnosticDescriptor TypeMismatch = new("TF0200", "Type mismatch", Severity.Error);
    public static readonly DiagnosticDescriptor OperatorNotValid = new("TF0201", "Comparison not valid for this type", Severity.Error);

    // TF03xx: time.
    public static readonly DiagnosticDescriptor NonPositiveDuration = new("TF0300", "Duration must be positive", Severity.Error);
    public static readonly DiagnosticDescriptor WindowLongerThanActivePeriod = new("TF0301", "Window longer than the active period", Severity.Warning);
    public static readonly DiagnosticDescriptor ActivePeriodReversed = new("TF0302", "Active period ends before it starts", Severity.Error);
    public static readonly DiagnosticDescriptor SuspiciousWindow = new("TF0303", "Unusually long window", Severity.Warning);
    public static readonly DiagnosticDescriptor NonPositiveCap = new("TF0304", "Cap allows nothing", Severity.Error);
    public static readonly DiagnosticDescriptor EmptyQuietHours = new("TF0305", "Quiet hours start and end at the same time", Severity.Error);

    // TF04xx: tests and experiments.
    public static readonly DiagnosticDescriptor WeightsNotHundred = new("TF0400", "Variant weights do not add up to 100%", Severity.Error);
    public static readonly DiagnosticDescriptor ControlOutOfRange = new("TF0401", "Control group outside 0–50%", Severity.Error);
    public static readonly DiagnosticDescriptor TestWithoutGoal = new("TF0402", "Test rule has no goal", Severity.Error);
    public static readonly DiagnosticDescriptor AlwaysOnWithLosers = new("TF0403", "Always-on rule still has test arms", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateVariant = new("TF0404", "Variant name used twice", Severity.Error);
    public static readonly DiagnosticDescriptor PercentOutOfRange = new("TF0405", "Percentage outside 0–100%", Severity.Error);
    public static readonly DiagnosticDescriptor TestWithoutControl = new("TF0406", "Test rule has no control group", Severity.Warning);

    // TF05xx: the rule set as a whole.
    public static readonly DiagnosticDescriptor DuplicateRule = new("TF0500", "Rule name used twice", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateSegment = new("TF0501", "Segment defined twice", Severity.Error);
    public static readonly DiagnosticDescriptor SegmentCycle = new("TF0502", "Segment refers to itself", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateChannelCaps = new("TF0503", "Channel caps declared twice", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateDefaultQuietHours = new("TF0504", "Default quiet hours declared twice", Severity.Error);

    // TF06xx: governance.
    public static readonly DiagnosticDescriptor CapContradictsChannelCap = new("TF0600", "Rule cap can never be reached", Severity.Warning);
    public static readonly DiagnosticDescriptor InvalidChannelCap = new("TF0601", "Channel cap must count over a duration", Severity.Error);

    // TF07xx: the catalog.
    public static readonly DiagnosticDescriptor CatalogInvalid = new("TF0700", "Catalog is not valid", Severity.Error);

    // TF08xx: scenario tests (.scenario files).
    public static readonly DiagnosticDescriptor ScenarioSyntaxError = new("TF0800", "Scenario syntax error", Severity.Error);
    public static readonly DiagnosticDescriptor StepOutsideScenario = new("TF0801", "Line outside a scenario", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioWithoutStart = new("TF0802", "Scenario has no start", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateScenarioSetting = new("TF0803", "Scenario setting given twice", Severity.Error);
    public static readonly DiagnosticDescriptor TimeGoesBackwards = new("TF0804", "Time goes backwards", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownCustomer = new("TF0805", "Unknown customer", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownEvent = new("TF0806", "Unknown event in a scenario", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownProperty = new("TF0807", "Unknown event property in a scenario", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownTrait = new("TF0808", "Unknown profile trait in a scenario", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownRule = new("TF0809", "Unknown rule in a scenario", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownChannel = new("TF0810", "Channel unknown or not sent by the rule", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioUnknownVariant = new("TF0811", "Unknown variant", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioTypeMismatch = new("TF0812", "Value of the wrong type", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownTimeZone = new("TF0813", "Unknown time zone", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateScenario = new("TF0814", "Scenario name used twice", Severity.Error);
    public static readonly DiagnosticDescriptor ScenarioChecksNothing = new("TF0815", "Scenario checks nothing", Severity.Warning);

    /// <summary>All descriptors, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(Descriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();
}
