using WoodWide.Emulator;

// The WoodWide emulator: a loopback imitation of the Wood Wide API for offline runbook rehearsals and tests.
//   woodwide-emulator [--port N] [--api-key KEY] [--empty] [--page-size N] [--time-scale X] [--scenario NAME] [--latency MS] [--rate-limit N]
//   (the .NET tool; from a checkout: dotnet run --project src/WoodWide.Emulator -- ..., or dotnet out/emulator/WoodWide.Emulator.dll ...)
// Its first line, once it answers, is "WoodWide emulator listening on http://127.0.0.1:PORT/" (the tests read it);
// then the two lines to paste into PowerShell. It runs until Ctrl+C or SIGTERM. CommandLine.cs has the flags.

var parsed = CommandLine.Parse(args, Environment.GetEnvironmentVariable("WOODWIDE_API_KEY"));
if (parsed.Error is not null)
{
    Console.Error.WriteLine(parsed.Error);
    return parsed.ExitCode;
}
if (parsed.Output is not null)
{
    Console.WriteLine(parsed.Output);
    return 0;
}

var options = parsed.Options!;
EmulatorHost host;
try
{
    host = await EmulatorHost.StartAsync(options);
}
catch (IOException e)
{
    // Kestrel's "Failed to bind to address ...: address already in use", as one line, not a stack trace.
    var why = (e.InnerException?.Message ?? e.Message).TrimEnd('.') + ".";
    Console.Error.WriteLine($"{CommandLine.Command}: cannot listen on 127.0.0.1:{options.Port}: {why} " +
        "Is another emulator running? --port 0 picks a free port.");
    return 1;
}
await using (host)
{
    Console.WriteLine(CommandLine.Banner(host.BaseUri, options, parsed.KeyFromEnvironment));
    Console.Out.Flush();
    await host.WaitForShutdownAsync();
}
return 0;
