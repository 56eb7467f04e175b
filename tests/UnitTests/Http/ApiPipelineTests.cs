using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.UnitTests.Http;

public sealed class ApiPipelineTests
{
    private sealed record Greeting(string Name);

    private static readonly ApiPipeline Pipeline = new(
        new CallerResolver([]),
        new IdempotencyStore(null!, null!, new SystemClock()),
        Options.Create(new ApiOptions { MaxRequestBodyBytes = 64 }),
        NullLogger<ApiPipeline>.Instance);

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_a_stable_code()
    {
        var (status, problem, _) = await RunAsync(Post("{\"name\": "), async call => ApiResults.Ok(await call.ReadJsonAsync<Greeting>()));

        Assert.Equal(400, status);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_even_without_a_content_length()
    {
        var request = Post("{\"name\": \"" + new string('x', 100) + "\"}");
        request.ContentLength = null;

        var (status, problem, _) = await RunAsync(request, async call => ApiResults.Ok(await call.ReadJsonAsync<Greeting>()));

        Assert.Equal(413, status);
        Assert.Equal("request_too_large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var request = Post("name=x");
        request.ContentType = "application/x-www-form-urlencoded";

        var (status, problem, _) = await RunAsync(request, async call => ApiResults.Ok(await call.ReadJsonAsync<Greeting>()));

        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_with_the_correlation_id_and_no_internals()
    {
        var (status, problem, context) = await RunAsync(Post("{}"), _ => throw new InvalidOperationException("secret connection string"));

        Assert.Equal(500, status);
        var correlationId = context.Response.Headers[ApiPipeline.CorrelationHeader].ToString();
        Assert.Equal(correlationId, problem.GetProperty("correlationId").GetString());
        Assert.Contains(correlationId, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("secret", problem.ToString());
        Assert.DoesNotContain("InvalidOperationException", problem.ToString());
    }

    [Theory]
    [InlineData("{\"name\": \"wrong\", \"name\": \"right\"}")]
    [InlineData("{\"name\": \"wrong\", \"Name\": \"right\"}")]
    [InlineData("{\"name\": \"x\", \"extra\": 1, \"extra\": 2}")]
    public async Task A_body_that_names_a_property_twice_is_refused_not_read_as_the_last_one(string body)
    {
        var (status, problem, _) = await RunAsync(Post(body), async call => ApiResults.Ok(await call.ReadJsonAsync<Greeting>()));

        Assert.Equal(400, status);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_duplicate_key_deep_inside_a_map_is_refused_too()
    {
        var body = "{\"prefs\": {\"mail\": false, \"mail\": true}}";

        var (status, problem, _) = await RunAsync(Post(body), async call =>
            ApiResults.Ok(await call.ReadJsonAsync<Dictionary<string, Dictionary<string, bool>>>()));

        Assert.Equal(400, status);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_throttled_refusal_is_429_with_retry_after_in_whole_seconds()
    {
        var (status, problem, context) = await RunAsync(Post("{}"), _ =>
            throw new DomainException(FailureKind.Throttled, "too_many_attempts", "Slow down.") { RetryAfter = TimeSpan.FromSeconds(2.2) });

        Assert.Equal(429, status);
        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("too_many_attempts", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Validation_errors_list_every_field()
    {
        var (status, problem, _) = await RunAsync(Post("{}"), _ =>
        {
            new Validator().Required("subject", "").MaxLength("body", new string('x', 11), 10).ThrowIfInvalid();
            return Task.FromResult<IActionResult>(ApiResults.NoContent());
        });

        Assert.Equal(400, status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("subject", out _));
        Assert.True(errors.TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("bad id with spaces", false)]
    [InlineData("<script>", false)]
    public async Task A_safe_correlation_id_from_the_caller_is_kept_and_an_unsafe_one_replaced(string offered, bool kept)
    {
        var request = Post("{}");
        request.Headers[ApiPipeline.CorrelationHeader] = offered;

        var (_, _, context) = await RunAsync(request, _ => Task.FromResult<IActionResult>(ApiResults.NoContent()));

        Assert.Equal(kept, context.Response.Headers[ApiPipeline.CorrelationHeader].ToString() == offered);
    }

    private static HttpRequest Post(string body)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, JsonElement Body, HttpContext Context)> RunAsync(HttpRequest request, Func<ApiCall, Task<IActionResult>> handler)
    {
        var result = await Pipeline.RunAsync(request, handler, "Test");
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (context.Response.StatusCode, body, context);
    }
}

public sealed class ApiJsonTests
{
    [Fact]
    public void Timestamps_are_written_in_utc_with_a_z_whatever_their_offset()
    {
        var moscowMorning = new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.FromHours(3));

        var json = System.Text.Json.JsonSerializer.Serialize(new { at = moscowMorning }, SupportFunctions.Functions.Http.ApiJson.Options);

        Assert.Equal("{\"at\":\"2026-11-25T09:30:00Z\"}", json);
    }
}
