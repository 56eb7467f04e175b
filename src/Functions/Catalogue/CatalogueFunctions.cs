using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Catalogue;

public sealed class CatalogueFunctions(ApiPipeline pipeline, ICatalogue catalogue, ManageCatalogue manage)
{
    /// <summary>Public: the products a customer can hold a certificate for, named in <c>?lang=</c> (or Accept-Language).</summary>
    [Function("ListProducts")]
    [ApiOperation("The products", Description = "Named in `lang` (`ru` or `en`), else the first supported Accept-Language.", Query = ["lang"], Response = typeof(ProductListView))]
    public Task<IActionResult> ListProducts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "products")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var language = call.Language();
            var products = await catalogue.ProductsAsync(call.Aborted);
            return ApiResults.Ok(new ProductListView(products.Select(p => ProductView.Of(p, language)).ToList())).WithHeader("Cache-Control", "public, max-age=60");
        });

    /// <summary>Public: the departments, so the portal can name the one a customer's ticket is in.</summary>
    [Function("ListDepartments")]
    [ApiOperation("The departments", Description = "Named in `lang` (`ru` or `en`), else the first supported Accept-Language; `names` has both.", Query = ["lang"], Response = typeof(DepartmentListView))]
    public Task<IActionResult> ListDepartments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "departments")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var departments = await catalogue.DepartmentsAsync(call.Aborted);
            return ApiResults.Ok(new DepartmentListView(departments.Select(d => DepartmentView.Of(d, call.Language())).ToList())).WithHeader("Cache-Control", "public, max-age=60");
        });

    [Function("StaffProducts")]
    [ApiOperation("The catalogue's products", Method = "get", Access = ApiAccess.Admin, Query = ["lang"], Response = typeof(ProductListView))]
    [ApiOperation("Add a product", Method = "post", Access = ApiAccess.Admin, Query = ["lang"], Request = typeof(CatalogueEntryRequest), Status = 201, Response = typeof(ProductView), Errors = [409])]
    public Task<IActionResult> StaffProducts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/products")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AdminRole);
            if (HttpMethods.IsGet(request.Method))
            {
                var products = await catalogue.ProductsAsync(call.Aborted);
                return ApiResults.Ok(new ProductListView(products.Select(p => ProductView.Of(p, call.Language())).ToList()));
            }
            var body = await call.ReadJsonAsync<CatalogueEntryRequest>();
            var product = await manage.AddProductAsync(body.Id, body.Names?.Ru, body.Names?.En, body.DepartmentId, call.Aborted);
            return ApiResults.Created(ProductView.Of(product, call.Language()));
        });

    [Function("StaffDepartments")]
    [ApiOperation("The departments", Method = "get", Access = ApiAccess.Agent, Query = ["lang"], Response = typeof(DepartmentListView))]
    [ApiOperation("Add a department", Method = "post", Access = ApiAccess.Admin, Query = ["lang"], Request = typeof(CatalogueEntryRequest), Status = 201, Response = typeof(DepartmentView), Errors = [409])]
    public Task<IActionResult> StaffDepartments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/departments")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            // Agents read the departments (the desk's filters and the ticket's department field); admins add them.
            await call.RequireStaffAsync(HttpMethods.IsGet(request.Method) ? StaffCaller.AgentRole : StaffCaller.AdminRole);
            if (HttpMethods.IsGet(request.Method))
            {
                var departments = await catalogue.DepartmentsAsync(call.Aborted);
                return ApiResults.Ok(new DepartmentListView(departments.Select(d => DepartmentView.Of(d, call.Language())).ToList()));
            }
            var body = await call.ReadJsonAsync<CatalogueEntryRequest>();
            var department = await manage.AddDepartmentAsync(body.Id, body.Names?.Ru, body.Names?.En, call.Aborted);
            return ApiResults.Created(DepartmentView.Of(department, call.Language()));
        });
}

public sealed record NamesRequest(string? Ru, string? En);

public sealed record CatalogueEntryRequest(string? Id, NamesRequest? Names, string? DepartmentId);

public sealed record NamesView(string Ru, string En);

public sealed record ProductView(string Id, string Name, NamesView Names, string DepartmentId)
{
    public static ProductView Of(Product product, string language) =>
        new(product.Id, product.Name.In(language), new NamesView(product.Name.Ru, product.Name.En), product.DepartmentId);
}

public sealed record DepartmentView(string Id, string Name, NamesView Names)
{
    public static DepartmentView Of(Department department, string language) =>
        new(department.Id, department.Name.In(language), new NamesView(department.Name.Ru, department.Name.En));
}

public sealed record ProductListView(IReadOnlyList<ProductView> Items);

public sealed record DepartmentListView(IReadOnlyList<DepartmentView> Items);

public static class LanguageOfCall
{
    /// <summary><c>ru</c> or <c>en</c>: from <c>?lang=</c>, else the first supported Accept-Language, else Russian.</summary>
    public static string Language(this ApiCall call)
    {
        if (call.Query("lang") is "en" or "ru")
        {
            return call.Query("lang")!;
        }
        var accepted = call.Header("Accept-Language") ?? "";
        foreach (var part in accepted.Split(','))
        {
            var tag = part.Split(';')[0].Trim();
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return "en";
            if (tag.StartsWith("ru", StringComparison.OrdinalIgnoreCase)) return "ru";
        }
        return "ru";
    }
}
