using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Operations;

/// <summary>One capability's demo data. Seeders must be safe to run again (upserts of fixed keys).</summary>
public interface IDemoSeeder
{
    /// <summary>Seeders run in ascending order, so products exist before the certificates that name them.</summary>
    int Order { get; }
    string Name { get; }
    Task SeedAsync(CancellationToken cancellationToken);
}

/// <summary>Runs every registered seeder: on the first start of an empty store, or on demand.</summary>
public sealed partial class DemoData(IEnumerable<IDemoSeeder> seeders, StorageClients storage, IClock clock, ILogger<DemoData> logger)
{
    private const string MarkerTable = "operations";

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        var marker = await storage.TableAsync(MarkerTable);
        var existing = await marker.GetEntityIfExistsAsync<TableEntity>("seed", "demo", cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            return false;
        }
        await SeedAsync(cancellationToken);
        return true;
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seeder in seeders.OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(cancellationToken);
            LogSeeded(seeder.Name);
        }
        var marker = await storage.TableAsync(MarkerTable);
        await marker.UpsertEntityAsync(new TableEntity("seed", "demo") { ["SeededAt"] = clock.UtcNow }, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data: {Seeder}")]
    private partial void LogSeeded(string seeder);
}
