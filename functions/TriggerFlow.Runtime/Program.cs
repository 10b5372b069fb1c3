using TriggerFlow.Runtime.Hosting;

// The command line is checked before anything starts: a refused option exits 2 with nothing written.
if (HostCommandLine.Parse(args, Console.Out, Console.Error, out var exitCode) is not { } commandLine)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(commandLine.ToWebApplicationOptions());
builder.AddTriggerFlow();

var app = builder.Build();
app.MapTriggerFlow();
app.Run();
return 0;

/// <summary>The host's entry point, visible to tests that start it in-process.</summary>
public partial class Program;
