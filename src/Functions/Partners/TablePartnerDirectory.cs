using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Partners;

/// <summary>
/// Table <c>partners</c>: partition <c>partner</c> holds one row per partner (row key = its id); partition <c>client</c>
/// maps an application's client id to its partner (row key = client id), so a partner token resolves with point reads.
/// A client row counts only while the partner's own row lists that client id: a row left by a save that stopped half way,
/// or by a partner that gave the id up, is ignored and may be taken over.
/// </summary>
public sealed class TablePartnerDirectory(StorageClients storage) : IPartnerDirectory
{
    public const string TableName = "partners";
    private const string PartnerPartition = "partner";
    private const string ClientPartition = "client";
    // Partner tokens arrive with every partner call: the client → partner answer is kept briefly in each process.
    private static readonly TimeSpan ClientCacheLifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Partner? Partner, long Until)> _byClient = new(StringComparer.Ordinal);

    public async Task<Partner?> FindAsync(string partnerId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartnerPartition, partnerId, cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    public async Task<Partner?> FindByClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_byClient.TryGetValue(clientId, out var cached) && cached.Until > Environment.TickCount64)
        {
            return cached.Partner;
        }
        var partner = await ReadClientAsync(clientId, cancellationToken) is { } owner ? await FindAsync(owner.PartnerId, cancellationToken) : null;
        var current = partner is not null && partner.ClientIds.Contains(clientId, StringComparer.Ordinal) ? partner : null;
        _byClient[clientId] = (current, Environment.TickCount64 + (long)ClientCacheLifetime.TotalMilliseconds);
        return current;
    }

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var partners = new List<Partner>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartnerPartition}"), cancellationToken: cancellationToken))
        {
            partners.Add(FromRow(row));
        }
        return partners;
    }

    public async Task<Partner> SaveAsync(Partner partner, Partner? previous, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var added = partner.ClientIds.Except(previous?.ClientIds ?? [], StringComparer.Ordinal).ToList();
        foreach (var clientId in added)
        {
            await ClaimClientAsync(table, clientId, partner.Id, cancellationToken);
        }
        Response saved;
        try
        {
            saved = previous is null
                ? await table.AddEntityAsync(ToRow(partner), cancellationToken)
                : await table.UpdateEntityAsync(ToRow(partner), new ETag(previous.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status is 409 or 412)
        {
            throw new DomainException(FailureKind.StaleVersion, "stale_version", "The partner was changed meanwhile; read it again and retry.");
        }
        foreach (var clientId in (previous?.ClientIds ?? []).Except(partner.ClientIds, StringComparer.Ordinal))
        {
            await table.DeleteEntityAsync(ClientPartition, clientId, ETag.All, cancellationToken);
        }
        foreach (var clientId in added.Concat(previous?.ClientIds ?? []))
        {
            _byClient.TryRemove(clientId, out _);
        }
        return partner with { Version = saved.Headers.ETag?.ToString() ?? "" };
    }

    /// <summary>Inserts the client row; an existing one is taken over only when its partner no longer lists the id.</summary>
    private async Task ClaimClientAsync(TableClient table, string clientId, string partnerId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(ClientPartition, clientId) { ["PartnerId"] = partnerId };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
        }
        var existing = await ReadClientAsync(clientId, cancellationToken);
        if (existing is null || existing.Value.PartnerId == partnerId)
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            return;
        }
        var holder = await FindAsync(existing.Value.PartnerId, cancellationToken);
        if (holder is not null && holder.ClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            throw new DomainException(FailureKind.Conflict, "client_id_taken", $"The client id '{clientId}' belongs to partner '{holder.Id}'.");
        }
        try
        {
            await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status == 412)
        {
            throw new DomainException(FailureKind.Conflict, "client_id_taken", $"The client id '{clientId}' was just taken by another partner.");
        }
    }

    private async Task<(string PartnerId, ETag ETag)?> ReadClientAsync(string clientId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ClientPartition, clientId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("PartnerId") is { Length: > 0 } partnerId ? (partnerId, row.Value.ETag) : null;
    }

    private static TableEntity ToRow(Partner partner) => new(PartnerPartition, partner.Id)
    {
        ["Name"] = partner.Name,
        ["ProductIds"] = JsonSerializer.Serialize(partner.ProductIds),
        ["ClientIds"] = JsonSerializer.Serialize(partner.ClientIds),
        ["ContactEmail"] = partner.ContactEmail,
    };

    private static Partner FromRow(TableEntity row) => new(
        row.RowKey,
        row.GetString("Name") ?? row.RowKey,
        JsonSerializer.Deserialize<string[]>(row.GetString("ProductIds") ?? "[]") ?? [],
        JsonSerializer.Deserialize<string[]>(row.GetString("ClientIds") ?? "[]") ?? [],
        row.GetString("ContactEmail"),
        row.ETag.ToString());
}
