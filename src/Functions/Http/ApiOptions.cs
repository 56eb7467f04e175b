namespace SupportFunctions.Functions.Http;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest JSON body accepted; files never pass through the API (they go to Blob Storage).</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
