using TriggerFlow.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTriggerFlow();

var app = builder.Build();
app.MapTriggerFlow();
app.Run();

/// <summary>The host's entry point, visible to tests that start it in-process.</summary>
public partial class Program;
