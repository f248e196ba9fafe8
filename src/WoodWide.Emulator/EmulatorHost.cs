using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WoodWide.Emulator;

/// <summary>A running emulator on 127.0.0.1: started by Program, or inside a test process.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:PORT/ — the port the system gave when asked for 0.</summary>
    public Uri BaseUri { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Loopback only: the emulator is for this machine, never a server on the network.
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        var app = builder.Build();

        var store = new JobStore();
        if (options.Seed)
            foreach (var job in SeedJobs.Create(DateTimeOffset.UtcNow)) store.Add(job);

        foreach (var job in Scenarios.Create(options.Scenario, DateTimeOffset.UtcNow, options.TimeScale)) store.Add(job);

        var faults = new FaultStore();
        ControlApi.Map(app, store, faults, options);
        JobsApi.Map(app, store, faults, options);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
