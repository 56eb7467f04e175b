using System.Net;
using System.Text.Json.Nodes;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Foundation;

[Collection(StackCollection.Name)]
public sealed class OpenApiHttpTests(SharedStack shared)
{
    private LocalStack Stack => shared.Stack;

    [Fact]
    public async Task The_openapi_document_is_served_anonymously_cacheable_and_lists_the_served_routes()
    {
        using var response = await Stack.Client.GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/api", document["servers"]![0]!["url"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/tickets"]!["post"]);
        Assert.NotNull(document["paths"]!["/openapi.json"]!["get"]);
    }
}
