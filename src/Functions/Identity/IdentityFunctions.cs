using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Identity;

public sealed class IdentityFunctions(ApiPipeline pipeline, DevIdentity? devIdentity = null)
{
    /// <summary>The local stack's token endpoint (API.md "Identities"); 404 wherever the dev identity is off.</summary>
    [Function("IssueDevToken")]
    [ApiOperation("Sign a dev identity token (local stack only)", Description = "404 wherever the dev identity is off.", Request = typeof(DevTokenRequest), Response = typeof(DevTokenView), Errors = [404])]
    public Task<IActionResult> IssueDevToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dev/tokens")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            if (devIdentity is null)
            {
                throw DomainException.NotFound("resource");
            }
            var body = await call.ReadJsonAsync<DevTokenRequest>();
            new Validator()
                .Required("subject", body.Subject)
                .MaxLength("subject", body.Subject, 100)
                .Check(body.Roles.All(r => r.Length is > 0 and <= 50), "roles", "Each role is 1 to 50 characters.")
                .ThrowIfInvalid();
            return ApiResults.Ok(new DevTokenView(devIdentity.IssueToken(body)));
        });
}

public sealed record DevTokenView(string AccessToken);
