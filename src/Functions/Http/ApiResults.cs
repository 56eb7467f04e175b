using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SupportFunctions.Functions.Http;

/// <summary>
/// A response written straight to the HttpResponse, so it behaves the same under the Functions host
/// and the DevHost without depending on MVC's result executors.
/// </summary>
public sealed class ApiResult : IActionResult
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public ApiResult(int statusCode, object? body = null, string contentType = "application/json; charset=utf-8")
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }
    public object? Body { get; }
    public string ContentType { get; }
    public IReadOnlyDictionary<string, string> Headers => _headers;

    public ApiResult WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }
        if (Body is null)
        {
            return;
        }
        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
    }
}

public static class ApiResults
{
    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);
    public static ApiResult Created(object body) => new(StatusCodes.Status201Created, body);
    public static ApiResult Accepted(object? body = null) => new(StatusCodes.Status202Accepted, body);
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent);

    public static ApiResult Redirect(string location) =>
        new ApiResult(StatusCodes.Status302Found).WithHeader("Location", location).WithHeader("Cache-Control", "no-store");
}
