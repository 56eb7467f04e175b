using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Catalogue;

/// <summary>The <c>catalogue</c> table: one partition of products, one of departments (each list is one query).</summary>
public sealed class TableCatalogue(StorageClients storage) : ICatalogue
{
    public const string TableName = "catalogue";
    private const string Products = "product";
    private const string Departments = "department";

    public async Task<IReadOnlyList<Product>> ProductsAsync(CancellationToken cancellationToken) =>
        (await ListAsync(Products, cancellationToken)).Select(ToProduct).ToArray();

    public async Task<Product?> FindProductAsync(string productId, CancellationToken cancellationToken) =>
        ManageCatalogue.IsValidId(productId) && await FindAsync(Products, productId, cancellationToken) is { } row ? ToProduct(row) : null;

    // The desk asks for the departments on every queue page; they change rarely, so a process keeps them for a while.
    private static readonly TimeSpan DepartmentsKeptFor = TimeSpan.FromSeconds(30);
    private (IReadOnlyList<Department> Items, long Until)? _departments;

    public async Task<IReadOnlyList<Department>> DepartmentsAsync(CancellationToken cancellationToken)
    {
        if (_departments is { } cached && cached.Until > Environment.TickCount64)
        {
            return cached.Items;
        }
        var departments = (await ListAsync(Departments, cancellationToken)).Select(ToDepartment).ToArray();
        _departments = (departments, Environment.TickCount64 + (long)DepartmentsKeptFor.TotalMilliseconds);
        return departments;
    }

    public async Task<Department?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken) =>
        ManageCatalogue.IsValidId(departmentId) ? (await DepartmentsAsync(cancellationToken)).FirstOrDefault(d => d.Id == departmentId) : null;

    public Task AddProductAsync(Product product, CancellationToken cancellationToken) =>
        AddAsync(new TableEntity(Products, product.Id)
        {
            ["NameRu"] = product.Name.Ru,
            ["NameEn"] = product.Name.En,
            ["DepartmentId"] = product.DepartmentId,
        }, "product_exists", cancellationToken);

    public Task AddDepartmentAsync(Department department, CancellationToken cancellationToken)
    {
        _departments = null;
        return AddAsync(new TableEntity(Departments, department.Id)
        {
            ["NameRu"] = department.Name.Ru,
            ["NameEn"] = department.Name.En,
        }, "department_exists", cancellationToken);
    }

    /// <summary>For demo data: writes the row whether or not it exists.</summary>
    public async Task UpsertAsync(Department department, IEnumerable<Product> products, CancellationToken cancellationToken)
    {
        _departments = null;
        var table = await storage.TableAsync(TableName);
        await table.UpsertEntityAsync(new TableEntity(Departments, department.Id) { ["NameRu"] = department.Name.Ru, ["NameEn"] = department.Name.En },
            TableUpdateMode.Replace, cancellationToken);
        foreach (var product in products)
        {
            await table.UpsertEntityAsync(new TableEntity(Products, product.Id)
            {
                ["NameRu"] = product.Name.Ru,
                ["NameEn"] = product.Name.En,
                ["DepartmentId"] = product.DepartmentId,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private async Task<List<TableEntity>> ListAsync(string partition, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async Task<TableEntity?> FindAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task AddAsync(TableEntity row, string conflictCode, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            throw new DomainException(FailureKind.Conflict, conflictCode, $"The id {row.RowKey} is already taken.");
        }
    }

    private static Product ToProduct(TableEntity row) =>
        new(row.RowKey, new LocalizedName(row.GetString("NameRu") ?? "", row.GetString("NameEn") ?? ""), row.GetString("DepartmentId") ?? "");

    private static Department ToDepartment(TableEntity row) =>
        new(row.RowKey, new LocalizedName(row.GetString("NameRu") ?? "", row.GetString("NameEn") ?? ""));
}
