using Microsoft.Extensions.Options;

namespace TriggerFlow.Runtime.Hosting;

/// <summary>
/// Refuses to start outside Development with the keys that ship in the repository's
/// <c>host.json</c>: anyone who has read the repository knows them.
/// </summary>
internal sealed class EnvironmentKeyValidation(IHostEnvironment environment) : IValidateOptions<TriggerFlowOptions>
{
    /// <summary>The admin key in the shipped host.json.</summary>
    public const string DevelopmentAdminKey = "dev-admin-key-change-me";

    public ValidateOptionsResult Validate(string? name, TriggerFlowOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.AdminKey == DevelopmentAdminKey)
        {
            failures.Add("TriggerFlow:AdminKey is the development key from host.json; set TriggerFlow__AdminKey to a secret outside Development");
        }

        failures.AddRange(options.Sources.Where(s => s.DevelopmentOnly)
            .Select(s => $"source `{s.Name}` is marked DevelopmentOnly; remove it or set ASPNETCORE_ENVIRONMENT=Development"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
