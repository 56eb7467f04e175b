using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Certificates;

/// <summary>The registry: table <c>certificates</c>, one row per serial (PartitionKey = serial, RowKey empty).</summary>
public sealed class TableCertificateRegistry(StorageClients storage) : ICertificateRegistry
{
    public const string TableName = "certificates";

    public async Task<bool> TryAddAsync(Certificate certificate, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        try
        {
            await table.AddEntityAsync(ToRow(certificate), cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    public async Task<Versioned<Certificate>?> FindAsync(Serial serial, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(serial.Value, "", cancellationToken: cancellationToken);
        return row.HasValue ? new Versioned<Certificate>(FromRow(serial, row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task UpdateAsync(Certificate certificate, string version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        try
        {
            await table.UpdateEntityAsync(ToRow(certificate), new ETag(version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException stale) when (stale.Status == 412)
        {
            throw new DomainException(FailureKind.StaleVersion, "stale_version", "The certificate changed meanwhile; try again.");
        }
    }

    private static TableEntity ToRow(Certificate certificate) => new(certificate.Serial.Value, "")
    {
        ["ProductId"] = certificate.ProductId,
        ["Plan"] = certificate.Plan,
        ["ValidFrom"] = certificate.ValidFrom,
        ["ValidTo"] = certificate.ValidTo,
        ["IssuerKind"] = certificate.Issuer.Kind,
        ["IssuerId"] = certificate.Issuer.Id,
        ["CustomerName"] = certificate.CustomerName,
        ["IssuedAt"] = certificate.IssuedAt,
        ["ActivationSalt"] = certificate.ActivationSalt,
        ["ActivationHash"] = certificate.ActivationHash,
        ["RevokedAt"] = certificate.RevokedAt,
    };

    private static Certificate FromRow(Serial serial, TableEntity row) => Certificate.Restore(
        serial,
        row.GetString("ProductId"),
        row.GetString("Plan"),
        row.GetDateTimeOffset("ValidFrom")!.Value,
        row.GetDateTimeOffset("ValidTo")!.Value,
        new CertificateIssuer(row.GetString("IssuerKind"), row.GetString("IssuerId")),
        row.GetString("CustomerName"),
        row.GetDateTimeOffset("IssuedAt")!.Value,
        row.GetString("ActivationSalt"),
        row.GetString("ActivationHash"),
        row.GetDateTimeOffset("RevokedAt"));
}

/// <summary>Table <c>certificateclaims</c>: one row per claimed serial, inserted once; the insert decides the owner.</summary>
public sealed class TableCertificateClaims(StorageClients storage) : ICertificateClaims
{
    public const string TableName = "certificateclaims";

    public async Task<string> ClaimAsync(Serial serial, string accountId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        try
        {
            await table.AddEntityAsync(new TableEntity(serial.Value, "") { ["AccountId"] = accountId, ["ClaimedAt"] = at }, cancellationToken);
            return accountId;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return await OwnerAsync(serial, cancellationToken) ?? throw new DomainException(FailureKind.Conflict, "claim_in_flux", "Try again.");
        }
    }

    public async Task<string?> OwnerAsync(Serial serial, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(serial.Value, "", [ "AccountId" ], cancellationToken);
        return row.HasValue ? row.Value!.GetString("AccountId") : null;
    }
}

/// <summary>Table <c>customercertificates</c>: PartitionKey = account id, RowKey = serial. The list is one partition query.</summary>
public sealed class TableCustomerCertificates(StorageClients storage) : ICustomerCertificates
{
    public const string TableName = "customercertificates";

    public async Task SaveAsync(RegisteredCertificate certificate, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.UpsertEntityAsync(new TableEntity(certificate.AccountId, certificate.Serial)
        {
            ["ProductId"] = certificate.ProductId,
            ["ProductNameRu"] = certificate.ProductName.Ru,
            ["ProductNameEn"] = certificate.ProductName.En,
            ["DepartmentId"] = certificate.DepartmentId,
            ["Plan"] = certificate.Plan,
            ["ValidFrom"] = certificate.ValidFrom,
            ["ValidTo"] = certificate.ValidTo,
            ["RevokedAt"] = certificate.RevokedAt,
            ["RegisteredAt"] = certificate.RegisteredAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<RegisteredCertificate>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var items = new List<RegisteredCertificate>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken))
        {
            items.Add(FromRow(row));
        }
        return items;
    }

    public async Task<RegisteredCertificate?> FindAsync(string accountId, string serial, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(accountId, serial, cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    public async Task MarkRevokedAsync(string accountId, Serial serial, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(accountId, serial.Value) { ["RevokedAt"] = revokedAt }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Claimed but the account's copy was never written: when the owner registers again it copies the revocation.
        }
    }

    private static RegisteredCertificate FromRow(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("ProductId"),
        new LocalizedName(row.GetString("ProductNameRu") ?? "", row.GetString("ProductNameEn") ?? ""),
        row.GetString("DepartmentId") ?? TicketCoverage.GeneralDepartmentId,
        row.GetString("Plan"),
        row.GetDateTimeOffset("ValidFrom")!.Value,
        row.GetDateTimeOffset("ValidTo")!.Value,
        row.GetDateTimeOffset("RevokedAt"),
        row.GetDateTimeOffset("RegisteredAt")!.Value);
}

/// <summary>
/// Table <c>certificatereminders</c>: one partition <c>due</c>, RowKey <c>{due ticks:D19}-{serial}-{days:D2}-{account}</c>,
/// so a run reads only the rows due. A row is claimed with its ETag before sending and deleted after; a claim left
/// by a crashed run is taken over once it is stale.
/// </summary>
public sealed class TableExpiryReminders(StorageClients storage) : IExpiryReminders
{
    public const string TableName = "certificatereminders";
    private const string Partition = "due";
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(10);

    public async Task ScheduleAsync(IReadOnlyList<ExpiryReminder> reminders, CancellationToken cancellationToken)
    {
        if (reminders.Count == 0)
        {
            return;
        }
        var table = await storage.TableAsync(TableName);
        // Rows have fixed keys: registering again rewrites the same reminders instead of adding more.
        var actions = reminders.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, RowKey(r))
        {
            ["AccountId"] = r.AccountId,
            ["Serial"] = r.Serial,
            ["DaysBefore"] = r.DaysBefore,
            ["DueAt"] = r.DueAt,
            ["ValidTo"] = r.ValidTo,
        }));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public async Task<int> ProcessDueAsync(DateTimeOffset now, Func<ExpiryReminder, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {$"{now.UtcTicks:D19}"}");
        var processed = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("ClaimedUntil") is { } claimedUntil && claimedUntil > now)
            {
                continue;
            }
            row["ClaimedUntil"] = now + ClaimLifetime;
            ETag claimed;
            try
            {
                claimed = (await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
            }
            catch (RequestFailedException taken) when (taken.Status is 404 or 412)
            {
                continue;
            }
            await send(new ExpiryReminder(row.GetString("AccountId"), row.GetString("Serial"), row.GetInt32("DaysBefore") ?? 0,
                row.GetDateTimeOffset("DueAt")!.Value, row.GetDateTimeOffset("ValidTo")!.Value), cancellationToken);
            await table.DeleteEntityAsync(Partition, row.RowKey, claimed, cancellationToken);
            processed++;
        }
        return processed;
    }

    private static string RowKey(ExpiryReminder reminder) =>
        $"{reminder.DueAt.UtcTicks:D19}-{reminder.Serial}-{reminder.DaysBefore:D2}-{reminder.AccountId}";
}
