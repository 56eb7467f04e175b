using Xunit.Abstractions;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Security;

/// <summary>
/// Every HTTP route of the build (functions.metadata) × every kind of caller: only the allowed ones get past
/// authentication and authorisation, another owner's object is 404, and a route missing from the table fails the test.
/// Calls that change something send an empty body, so an allowed caller is stopped by validation, not by access.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AuthorisationMatrixTests(SecurityStack fixture, ITestOutputHelper output)
{
    /// <summary>Who a route is for. "Own" routes name customer A's or partner A's object in their path.</summary>
    public enum Who { Anyone, Customer, CustomersOwn, Agent, Admin, Partner, PartnersOwn }

    /// <summary>The authorisation matrix: method and route (as in functions.metadata) → who may call it.</summary>
    public static readonly IReadOnlyDictionary<string, Who> Matrix = new Dictionary<string, Who>
    {
        ["GET health"] = Who.Anyone,
        ["GET openapi.json"] = Who.Anyone,
        ["POST dev/tokens"] = Who.Anyone,
        ["GET products"] = Who.Anyone,
        ["GET departments"] = Who.Anyone,
        ["POST accounts"] = Who.Anyone,
        ["POST accounts/verify"] = Who.Anyone,
        ["POST session"] = Who.Anyone,
        ["DELETE session"] = Who.Anyone,
        ["POST password-reset"] = Who.Anyone,
        ["POST password-reset/confirm"] = Who.Anyone,
        ["POST me/email/confirm"] = Who.Anyone,
        ["GET kb/search"] = Who.Anyone,
        ["GET kb/suggest"] = Who.Anyone,
        ["GET kb/articles"] = Who.Anyone,
        ["GET kb/articles/{slug}"] = Who.Anyone,
        ["POST kb/articles/{slug}/feedback"] = Who.Anyone,
        ["POST tickets/{id}/answer"] = Who.Anyone,

        ["GET me"] = Who.Customer,
        ["PATCH me"] = Who.Customer,
        ["DELETE me"] = Who.Customer,
        ["POST me/password"] = Who.Customer,
        ["POST me/email"] = Who.Customer,
        ["GET me/export"] = Who.Customer,
        ["GET me/certificates"] = Who.Customer,
        ["POST me/certificates"] = Who.Customer,
        ["POST me/certificates/preview"] = Who.Customer,
        ["POST uploads"] = Who.Customer,
        ["POST tickets"] = Who.Customer,
        ["GET tickets"] = Who.Customer,
        ["GET tickets/{id}"] = Who.CustomersOwn,
        ["POST tickets/{id}/messages"] = Who.CustomersOwn,
        ["POST tickets/{id}/resolve"] = Who.CustomersOwn,
        ["POST tickets/{id}/reopen"] = Who.CustomersOwn,
        ["GET tickets/{id}/attachments/{attachmentId}"] = Who.CustomersOwn,

        ["GET staff/tickets"] = Who.Agent,
        ["GET staff/tickets/{id}"] = Who.Agent,
        ["POST staff/tickets/{id}/messages"] = Who.Agent,
        ["PATCH staff/tickets/{id}"] = Who.Agent,
        ["POST staff/uploads"] = Who.Agent,
        ["GET staff/tickets/{id}/attachments/{attachmentId}"] = Who.Agent,
        ["GET staff/agents"] = Who.Agent,
        ["GET staff/me"] = Who.Agent,
        ["PATCH staff/me"] = Who.Agent,
        ["GET staff/saved-replies"] = Who.Agent,
        ["POST staff/saved-replies"] = Who.Admin,
        ["GET staff/certificates/{serial}"] = Who.Agent,
        ["POST staff/certificates"] = Who.Admin,
        ["POST staff/certificates/{serial}/revoke"] = Who.Admin,
        ["GET staff/products"] = Who.Admin,
        ["POST staff/products"] = Who.Admin,
        ["GET staff/departments"] = Who.Agent,
        ["POST staff/departments"] = Who.Admin,
        ["GET staff/partners"] = Who.Admin,
        ["GET staff/partners/{partnerId}"] = Who.Admin,
        ["PUT staff/partners/{partnerId}"] = Who.Admin,
        ["GET staff/kb/articles"] = Who.Agent,
        ["POST staff/kb/articles"] = Who.Agent,
        ["GET staff/kb/articles/{slug}"] = Who.Agent,
        ["PUT staff/kb/articles/{slug}"] = Who.Agent,
        ["DELETE staff/kb/articles/{slug}"] = Who.Agent,
        ["POST staff/kb/preview"] = Who.Agent,
        ["GET staff/kb/stats"] = Who.Agent,

        ["POST partner/v1/certificates"] = Who.Partner,
        ["GET partner/v1/certificates/{serial}"] = Who.PartnersOwn,
        ["POST partner/v1/certificates/{serial}/revoke"] = Who.PartnersOwn,
        ["POST partner/v1/tickets"] = Who.Partner,
        ["GET partner/v1/tickets/{id}"] = Who.PartnersOwn,
        ["POST partner/v1/tickets/{id}/messages"] = Who.PartnersOwn,
        ["GET partner/v1/webhook"] = Who.Partner,
        ["PUT partner/v1/webhook"] = Who.Partner,
        ["DELETE partner/v1/webhook"] = Who.Partner,
    };

    private readonly LocalStack _stack = fixture.Stack;

    [Fact]
    public void Every_route_in_functions_metadata_has_an_entry_in_the_matrix_and_every_entry_a_route()
    {
        var routes = RoutesOfTheBuild();

        Assert.True(routes.Count > 60, $"only {routes.Count} routes read from {Paths.FunctionsMetadata}");
        Assert.Empty(routes.Except(Matrix.Keys).Select(route => $"no matrix entry for {route}"));
        Assert.Empty(Matrix.Keys.Except(routes).Select(route => $"the matrix names {route}, which the build does not serve"));
    }

    [Fact]
    public async Task Every_route_lets_in_only_the_callers_the_matrix_allows_and_hides_other_owners_objects()
    {
        var cast = await Cast.AssembleAsync(_stack);
        var failures = new List<string>();
        var cases = 0;
        var liveIdentities = Enum.GetValues<Identity>().Where(identity => identity != Identity.ExpiredToken).ToArray();
        foreach (var route in InCallOrder(Matrix.Keys))
        {
            foreach (var identity in liveIdentities)
            {
                cases++;
                await CheckAsync(cast, route, identity, TokenFor(cast, route, identity), failures);
            }
        }

        // The expired identity: tokens issued before the app's clock moves past every lifetime (8 h).
        using (var advanced = await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = "09:00:00" }))
        {
            Assert.True(advanced.IsSuccessStatusCode);
        }
        try
        {
            foreach (var route in InCallOrder(Matrix.Keys))
            {
                cases++;
                await CheckAsync(cast, route, Identity.ExpiredToken, cast.ToExpire[KindOfCredential(Matrix[route])], failures);
            }
        }
        finally
        {
            using var reset = await _stack.Client.DeleteAsync("/admin/clock");
        }

        output.WriteLine($"authorisation matrix: {Matrix.Count} routes × {Enum.GetValues<Identity>().Length} identities = {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases wrong:\n{string.Join('\n', failures)}");
    }

    private async Task CheckAsync(Cast cast, string route, Identity identity, string? token, List<string> failures)
    {
        var (method, path) = Concrete(cast, route);
        using var client = new HttpClient { BaseAddress = _stack.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        var headers = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        var (status, text, response) = await Http.SendAsync(client, method, path, method == HttpMethod.Get ? null : "{}", headers: headers);
        response.Dispose();
        var expected = Expected(Matrix[route], identity);
        if (!expected.Accepts(status))
        {
            failures.Add($"{route} as {identity}: {status}, expected {expected.Description} ({text[..Math.Min(160, text.Length)]})");
        }
    }

    /// <summary>What a caller must get: past the gate, exactly a status, or refused.</summary>
    private sealed record Expectation(string Description, Func<int, bool> Accepts);

    private static readonly Expectation Admitted = new("admitted (not 401/403, not 5xx)", s => s is not (401 or 403) && s < 500);
    private static readonly Expectation AdmittedToOwn = new("admitted to its own object (not 401/403/404, not 5xx)", s => s is not (401 or 403 or 404) && s < 500);
    private static readonly Expectation NotFound = new("404 (another owner's object)", s => s == 404);
    private static readonly Expectation Unauthenticated = new("401", s => s == 401);
    private static readonly Expectation Refused = new("401 or 403", s => s is 401 or 403);
    private static readonly Expectation Forbidden = new("403", s => s == 403);
    private static readonly Expectation NoServerError = new("401 or admitted, not 5xx", s => s < 500);

    private static Expectation Expected(Who who, Identity identity)
    {
        if (identity is Identity.ExpiredToken or Identity.TamperedToken)
        {
            return who == Who.Anyone ? NoServerError : Unauthenticated;
        }
        if (who == Who.Anyone)
        {
            return Admitted;
        }
        if (identity == Identity.Anonymous)
        {
            return Unauthenticated;
        }
        return (who, identity) switch
        {
            (Who.Customer, Identity.CustomerA or Identity.CustomerB) => Admitted,
            (Who.CustomersOwn, Identity.CustomerA) => AdmittedToOwn,
            (Who.CustomersOwn, Identity.CustomerB) => NotFound,
            (Who.Agent, Identity.Agent or Identity.Admin) => Admitted,
            (Who.Admin, Identity.Admin) => Admitted,
            (Who.Admin, Identity.Agent) => Forbidden,
            (Who.Partner, Identity.PartnerA or Identity.PartnerB) => Admitted,
            (Who.PartnersOwn, Identity.PartnerA) => AdmittedToOwn,
            (Who.PartnersOwn, Identity.PartnerB) => NotFound,
            _ => Refused,
        };
    }

    private static string? TokenFor(Cast cast, string route, Identity identity) => identity switch
    {
        Identity.TamperedToken => KindOfCredential(Matrix[route]) == "customer"
            ? Cast.TamperedCustomerToken(cast.TokenOf(Identity.CustomerA)!)
            : Cast.TamperedJwt(cast.TokenOf(KindOfCredential(Matrix[route]) == "partner" ? Identity.PartnerA : Identity.Agent)!),
        _ => cast.TokenOf(identity),
    };

    /// <summary>The credential an expired or tampered caller holds: the kind the route would accept.</summary>
    private static string KindOfCredential(Who who) => who switch
    {
        Who.Agent or Who.Admin => "staff",
        Who.Partner or Who.PartnersOwn => "partner",
        _ => "customer",
    };

    public static (HttpMethod Method, string Path) Concrete(Cast cast, string route)
    {
        var (method, template) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var partnerRoute = template.StartsWith("partner/", StringComparison.Ordinal);
        var path = template
            .Replace("{id}", (partnerRoute ? cast.PartnerATicket : cast.TicketOfA).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{attachmentId}", cast.AttachmentOfA, StringComparison.Ordinal)
            .Replace("{serial}", partnerRoute ? cast.PartnerASerial : cast.StaffSerial, StringComparison.Ordinal)
            .Replace("{slug}", cast.ArticleSlug, StringComparison.Ordinal)
            .Replace("{partnerId}", cast.PartnerAId, StringComparison.Ordinal);
        return (new HttpMethod(method), $"/api/{path}");
    }

    /// <summary>Reads first, then writes, deletes last, and signing out at the very end: a caller's own calls never lock it out of the rest.</summary>
    private static IEnumerable<string> InCallOrder(IEnumerable<string> routes) =>
        routes.OrderBy(route => route switch
        {
            "DELETE session" => 4,
            _ when route.StartsWith("GET ", StringComparison.Ordinal) => 0,
            _ when route.StartsWith("DELETE ", StringComparison.Ordinal) => 3,
            _ => 1,
        }).ThenBy(route => route, StringComparer.Ordinal);

    public static IReadOnlySet<string> RoutesOfTheBuild()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in JsonNode.Parse(File.ReadAllText(Paths.FunctionsMetadata))!.AsArray())
        {
            foreach (var binding in function!["bindings"]!.AsArray().Where(b => (string?)b!["type"] == "httpTrigger"))
            {
                foreach (var method in binding!["methods"]!.AsArray())
                {
                    routes.Add($"{((string)method!).ToUpperInvariant()} {(string)binding["route"]!}");
                }
            }
        }
        return routes;
    }
}
