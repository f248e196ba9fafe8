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
    private readonly DatasetStore _datasets;

    private EmulatorHost(WebApplication app, Uri baseUri, DatasetStore datasets)
    {
        _app = app;
        BaseUri = baseUri;
        _datasets = datasets;
    }

    /// <summary>http://127.0.0.1:PORT/ — the port the system gave when asked for 0.</summary>
    public Uri BaseUri { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Loopback only: the emulator is for this machine, never a server on the network.
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        // Uploads of any size stream to disk; the API's own 30-MB limit on POST /datasets is DatasetsApi's to say.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();

        var store = new JobStore();
        if (options.Seed)
            foreach (var job in SeedJobs.Create(DateTimeOffset.UtcNow)) store.Add(job);

        foreach (var job in Scenarios.Create(options.Scenario, DateTimeOffset.UtcNow, options.TimeScale)) store.Add(job);

        // A bug in the emulator is a 500 that says what it was (and a line on stderr), not an empty answer.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Emulator error on {context.Request.Method} {context.Request.Path}: {e}");
                if (!context.Response.HasStarted)
                    await Answer.Send(context, 500, JobWire.Problem($"Emulator error: {e.GetType().Name}: {e.Message}"));
            }
        });

        var faults = new FaultStore();
        var datasets = new DatasetStore();
        var limit = new RateLimit();
        if (options.RateLimit is double perSecond) limit.Set(perSecond, retryAfter: true);
        var models = new ModelStore();
        var results = new ResultStore();
        ControlApi.Map(app, store, faults, results, limit, options);
        Gateway.Use(app, faults, limit, options);
        JobsApi.Map(app, store, options);
        DatasetsApi.Map(app, store, datasets, options);
        ModelsApi.Map(app, store, datasets, models, options);
        InferenceApi.Map(app, store, datasets, models, results, options);
        app.MapFallback((HttpContext context) => Answer.Send(context, 404, JobWire.Problem("Not Found")));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), datasets);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _datasets.Dispose();
    }
}
