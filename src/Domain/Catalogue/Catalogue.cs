using System.Text.RegularExpressions;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Catalogue;

/// <summary>A name in both of the portal's languages; Russian is the reference.</summary>
public sealed record LocalizedName(string Ru, string En)
{
    public string In(string language) => language == "en" && En.Length > 0 ? En : Ru;
}

/// <summary>A support department: the queue a product's tickets land in.</summary>
public sealed record Department(string Id, LocalizedName Name);

/// <summary>A product the vendor sells support for.</summary>
public sealed record Product(string Id, LocalizedName Name, string DepartmentId);

/// <summary>Port: products and departments.</summary>
public interface ICatalogue
{
    Task<IReadOnlyList<Product>> ProductsAsync(CancellationToken cancellationToken);
    Task<Product?> FindProductAsync(string productId, CancellationToken cancellationToken);
    Task<IReadOnlyList<Department>> DepartmentsAsync(CancellationToken cancellationToken);
    Task<Department?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken);

    /// <summary>Adds a new product; throws Conflict <c>product_exists</c> when the id is taken.</summary>
    Task AddProductAsync(Product product, CancellationToken cancellationToken);

    /// <summary>Adds a new department; throws Conflict <c>department_exists</c> when the id is taken.</summary>
    Task AddDepartmentAsync(Department department, CancellationToken cancellationToken);
}

/// <summary>The admin's catalogue use cases: ids are short slugs, names given in both languages.</summary>
public sealed partial class ManageCatalogue(ICatalogue catalogue)
{
    public async Task<Department> AddDepartmentAsync(string? id, string? nameRu, string? nameEn, CancellationToken cancellationToken)
    {
        var name = ValidateNamed(id, nameRu, nameEn, new Validator());
        var department = new Department(id!, name);
        await catalogue.AddDepartmentAsync(department, cancellationToken);
        return department;
    }

    public async Task<Product> AddProductAsync(string? id, string? nameRu, string? nameEn, string? departmentId, CancellationToken cancellationToken)
    {
        var validator = new Validator().Required("departmentId", departmentId);
        var name = ValidateNamed(id, nameRu, nameEn, validator);
        if (await catalogue.FindDepartmentAsync(departmentId!, cancellationToken) is null)
        {
            throw DomainException.Validation("departmentId", "No such department.");
        }
        var product = new Product(id!, name, departmentId!);
        await catalogue.AddProductAsync(product, cancellationToken);
        return product;
    }

    public static bool IsValidId(string? id) => id is not null && IdFormat().IsMatch(id);

    private static LocalizedName ValidateNamed(string? id, string? nameRu, string? nameEn, Validator validator)
    {
        validator
            .Check(IsValidId(id), "id", "2 to 40 characters: lower-case Latin letters, digits and hyphens, starting with a letter or digit.")
            .Required("names.ru", nameRu)
            .MaxLength("names.ru", nameRu, 120)
            .MaxLength("names.en", nameEn, 120)
            .ThrowIfInvalid();
        return new LocalizedName(nameRu!.Trim(), nameEn?.Trim() ?? "");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex IdFormat();
}
