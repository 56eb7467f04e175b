using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>Staff who have used the desk, table <c>staff</c> (one partition, row key = the staff id from the token).</summary>
public sealed class StaffDirectoryTable(StorageClients storage) : IStaffDirectory
{
    public const string TableName = "staff";
    private const string Partition = "agents";
    private readonly ConcurrentDictionary<string, (string Name, string? Email)> _seen = new(StringComparer.Ordinal);

    public async Task SeenAsync(string id, string name, string? email, CancellationToken cancellationToken)
    {
        if (_seen.TryGetValue(id, out var known) && known == (name, email))
        {
            return;
        }
        var table = await storage.TableAsync(TableName);
        // Merge: the name and address follow the token; the preferences stay.
        await table.UpsertEntityAsync(new TableEntity(Partition, id) { ["Name"] = name, ["Email"] = email }, TableUpdateMode.Merge, cancellationToken);
        _seen[id] = (name, email);
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var members = new List<StaffMember>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            members.Add(ToMember(row));
        }
        return members.OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<StaffMember?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? ToMember(row.Value!) : null;
    }

    public async Task<StaffMember> SetNotifyOnCustomerReplyAsync(string id, bool notify, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.UpsertEntityAsync(new TableEntity(Partition, id) { ["NotifyOnCustomerReply"] = notify }, TableUpdateMode.Merge, cancellationToken);
        return await FindAsync(id, cancellationToken) ?? throw new RequestFailedException("The staff row just written is missing.");
    }

    private static StaffMember ToMember(TableEntity row) =>
        new(row.RowKey, row.GetString("Name") ?? row.RowKey, row.GetString("Email"), row.GetBoolean("NotifyOnCustomerReply") ?? true);
}
