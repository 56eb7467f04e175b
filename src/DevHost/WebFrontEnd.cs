using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;

namespace SupportFunctions.DevHost;

/// <summary>Serves the web build at / with a fallback to index.html for the SPA's own routes.</summary>
public static class WebFrontEnd
{
    /// <summary>
    /// Brotli or gzip, as the browser asks, for the web build and the API's JSON: Static Web Apps compresses the build in
    /// production, so local transfer figures mean the same thing.
    /// </summary>
    public static void AddCompression(IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
    }

    public static void Use(WebApplication app, string webRoot, string apiPrefix)
    {
        app.UseResponseCompression();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            response.ContentType = "application/problem+json";
            var title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode);
            var code = response.StatusCode == 405 ? "method_not_allowed" : response.StatusCode == 404 ? "not_found" : "http_" + response.StatusCode;
            await response.WriteAsJsonAsync(new { type = "about:blank", title, status = response.StatusCode, detail = "No such resource or method.", code }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        });
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            app.MapGet("/", () => Results.Content(
                "<!doctype html><title>SupportFunctions</title><p>The web front end is not built: run <code>npm run web:build</code>.</p>",
                "text/html; charset=utf-8"));
            return;
        }
        var files = new PhysicalFileProvider(webRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var immutable = context.File.PhysicalPath?.Contains($"{Path.DirectorySeparatorChar}assets{Path.DirectorySeparatorChar}", StringComparison.Ordinal) == true;
                context.Context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        app.MapMethods("{*path:nonfile}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith($"/{apiPrefix}/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).WithOrder(int.MaxValue);
    }
}
