using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportFunctions.DevHost;
using SupportFunctions.Functions;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

DevHostArguments arguments;
try
{
    arguments = DevHostArguments.Parse(args);
}
catch (Exception invalid) when (invalid is ArgumentException or FormatException)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

if (arguments.OpenApiFile is { } openApiFile)
{
    // Written from the code alone, so it can be linted without a running stack.
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(openApiFile))!);
    await File.WriteAllTextAsync(openApiFile, JsonSerializer.Serialize(OpenApiDocument.Current, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

if (!LocalDependencies.IsPortFree(arguments.Port))
{
    Console.Error.WriteLine($"Port {arguments.Port} is already in use on 127.0.0.1. Stop whatever holds it, or pick another with --port N.");
    return 2;
}

// Held until Kestrel binds: the free ports picked for Azurite and smtp4dev meanwhile can never be this one.
var portReservation = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, arguments.Port);
portReservation.Start();

var repoRoot = RepoRoot.Find();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = repoRoot, EnvironmentName = "Development" });
builder.Configuration.Sources.Clear();
builder.Configuration
    // Settings the Functions host needs in app settings (timer schedules); local.settings.json and the environment may override them.
    .AddInMemoryCollection([new(SupportFunctions.Functions.Desk.DeskFunctions.AutoCloseScheduleSetting, SupportFunctions.Functions.Desk.DeskFunctions.DefaultAutoCloseSchedule)])
    .AddInMemoryCollection(LocalSettings.Read(Path.Combine(repoRoot, "local.settings.json")))
    // The local stack is a development environment with the dev identity on, whatever a copied local.settings.json says;
    // the environment may still say otherwise (and AddSupportFunctions refuses the dev identity outside development).
    .AddInMemoryCollection([new("AZURE_FUNCTIONS_ENVIRONMENT", "Development"), new("DevIdentity:Enabled", "true")])
    .AddEnvironmentVariables();
builder.Logging.ClearProviders();
builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Azure", LogLevel.Warning);
builder.Logging.AddSimpleConsole(options =>
{
    options.IncludeScopes = true;
    options.SingleLine = true;
    options.TimestampFormat = "HH:mm:ss ";
});
if (builder.Configuration.GetValue<bool>("DevHost:JsonLogs"))
{
    builder.Logging.ClearProviders().AddJsonConsole(options => options.IncludeScopes = true)
        .AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Azure", LogLevel.Warning);
}

using var startupLogs = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
await using var dependencies = new LocalDependencies(repoRoot, startupLogs.CreateLogger<LocalDependencies>());
var stack = new Dictionary<string, object?> { ["api"] = $"http://127.0.0.1:{arguments.Port}" };
try
{
    await StartMissingDependenciesAsync();
}
catch (Exception failure) when (failure is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine($"Could not start the local services: {failure.Message}");
    return 1;
}

builder.WebHost.UseUrls($"http://127.0.0.1:{arguments.Port}");
// The portal (served here, or by `npm run web:dev`) PUTs attachments straight to the local Azurite.
if (string.IsNullOrWhiteSpace(builder.Configuration["Tickets:UploadCorsOrigins"]))
{
    builder.Configuration["Tickets:UploadCorsOrigins"] = $"http://127.0.0.1:{arguments.Port},http://localhost:{arguments.Port},http://127.0.0.1:5173,http://localhost:5173,http://127.0.0.1:4173";
}
// Links in mail point at the portal this DevHost serves, whatever port it was given.
if (string.IsNullOrWhiteSpace(builder.Configuration["Portal:BaseUrl"]))
{
    builder.Configuration["Portal:BaseUrl"] = $"http://127.0.0.1:{arguments.Port}";
}
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
    kestrel.AddServerHeader = false;
});
builder.Services.AddSupportFunctions(builder.Configuration);
builder.Services.AddMvcCore();
WebFrontEnd.AddCompression(builder.Services);
builder.Services.AddSingleton<AdjustableClock>();
builder.Services.Replace(ServiceDescriptor.Singleton<SupportFunctions.Domain.Common.IClock>(provider => provider.GetRequiredService<AdjustableClock>()));

var hostSettings = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
if (builder.Configuration["DevHost:QueueVisibilityTimeout"] is { Length: > 0 } visibility)
{
    hostSettings = hostSettings with { VisibilityTimeout = TimeSpan.Parse(visibility, System.Globalization.CultureInfo.InvariantCulture) };
}
if (builder.Configuration["DevHost:QueueMessageLease"] is { Length: > 0 } lease)
{
    hostSettings = hostSettings with { MessageLease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) };
}
var functions = FunctionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"), typeof(ServiceRegistration).Assembly);
builder.Services.AddSingleton(hostSettings);
builder.Services.AddSingleton(functions);
builder.Services.AddSingleton<FunctionInvoker>();
// The DevHost's own polling is kept out of the app's round-trip count.
builder.Services.AddKeyedSingleton("devhost", (_, _) => new StorageClients(builder.Configuration, new StorageRoundTrips()));
builder.Services.AddSingleton(provider => provider.GetRequiredKeyedService<StorageClients>("devhost").Queues);
builder.Services.AddSingleton(dependencies);
builder.Services.AddSingleton<TimerTriggers>();
builder.Services.AddSingleton<QueueTriggers>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<TimerTriggers>());
builder.Services.AddHostedService(provider => provider.GetRequiredService<QueueTriggers>());

var app = builder.Build();
var demo = app.Services.GetRequiredService<DemoData>();
if (arguments.SeedAndExit)
{
    await demo.SeedAsync(CancellationToken.None);
    Console.WriteLine("Demo data seeded.");
    return 0;
}
if (arguments.SeedOnFirstStart)
{
    await SeedIfEmptyAsync(demo, app.Logger);
}

var webRoot = builder.Configuration["DevHost:WebRoot"] ?? Path.Combine(repoRoot, "src", "Web", "dist");
ResponseHeaders.Load(webRoot, hostSettings.RoutePrefix, app.Services.GetRequiredService<StorageClients>().Blobs.Uri).Use(app);
WebFrontEnd.Use(app, webRoot, hostSettings.RoutePrefix);
HttpTriggers.Map(app, functions, hostSettings.RoutePrefix);
AdminEndpoints.Map(app, functions);

portReservation.Stop();
await app.StartAsync();
Console.WriteLine($"api: {stack["api"]}");
if (stack.TryGetValue("mail", out var mail) && mail is not null)
{
    Console.WriteLine($"mail: {mail}");
}
WriteStackFile();
await app.WaitForShutdownAsync();
return 0;

async Task StartMissingDependenciesAsync()
{
    if (string.IsNullOrWhiteSpace(builder.Configuration[StorageClients.Setting]) && !builder.Configuration.GetSection(StorageClients.Setting).GetChildren().Any())
    {
        var dataDirectory = arguments.InMemory ? null : arguments.DataDirectory ?? Path.Combine(repoRoot, ".data", "azurite");
        var heapMiB = int.TryParse(builder.Configuration["DevHost:AzuriteHeapMiB"], out var configuredHeap) ? configuredHeap : 96;
        var storage = await dependencies.StartAzuriteAsync(dataDirectory, heapMiB, CancellationToken.None);
        builder.Configuration[StorageClients.Setting] = storage.StorageConnectionString;
        stack["storage"] = new { blob = storage.BlobPort, queue = storage.QueuePort, table = storage.TablePort, pid = storage.ProcessId, connectionString = storage.StorageConnectionString };
    }
    if (string.IsNullOrWhiteSpace(builder.Configuration["Mail:Smtp:Host"]) && builder.Configuration["Mail:Sender"] is null or "smtp")
    {
        var (ui, smtpPort) = await dependencies.StartSmtp4devAsync(CancellationToken.None);
        builder.Configuration["Mail:Smtp:Host"] = "127.0.0.1";
        builder.Configuration["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        stack["mail"] = ui;
        stack["smtpPort"] = smtpPort;
    }
    if (!stack.ContainsKey("mail") && builder.Configuration["DevHost:MailUi"] is { Length: > 0 } configuredMailUi)
    {
        stack["mail"] = configuredMailUi;
    }
}

void WriteStackFile()
{
    var path = arguments.StackFile ?? Path.Combine(repoRoot, ".support", "stack.json");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    stack["pid"] = Environment.ProcessId;
    File.WriteAllText(path, JsonSerializer.Serialize(stack, new JsonSerializerOptions { WriteIndented = true }));
}

static async Task SeedIfEmptyAsync(DemoData demo, ILogger logger)
{
    try
    {
        await demo.SeedIfEmptyAsync(CancellationToken.None);
    }
    catch (Azure.RequestFailedException failure)
    {
        logger.LogWarning(failure, "Demo data was not seeded: storage refused");
    }
}
