using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.OpenApi;

public sealed class OpenApiFunctions(ApiPipeline pipeline)
{
    [Function("OpenApiDocument")]
    [ApiOperation("The OpenAPI 3.1 document of every route", Response = typeof(System.Text.Json.Nodes.JsonObject))]
    public Task<IActionResult> GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        pipeline.RunAsync(request, call =>
            Task.FromResult<IActionResult>(ApiResults.Ok(OpenApiDocument.Current).WithHeader("Cache-Control", "public, max-age=3600")));
}
