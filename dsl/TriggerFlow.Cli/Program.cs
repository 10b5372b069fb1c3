using TriggerFlow.Cli;

// NO_COLOR (https://no-color.org) and redirected output both mean plain text.
var colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
return CliApp.Run(args, new CliContext(Console.Out, Console.Error, Environment.CurrentDirectory, colour));
