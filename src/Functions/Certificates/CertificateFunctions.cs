using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Catalogue;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Certificates;

public sealed class CertificateFunctions(
    ApiPipeline pipeline,
    IssueCertificates issuing,
    RegisterCertificates registration,
    SendExpiryReminders expiryReminders,
    SupportPlans plans,
    IClock clock,
    TimerRunner timers)
{
    [Function("IssueCertificate")]
    [ApiOperation("Issue a certificate", Description = "The activation code is shown only in this answer; a replay under the same Idempotency-Key withholds it.", Access = ApiAccess.Admin, Query = ["lang"], Request = typeof(IssueCertificateRequest), Status = 201, Response = typeof(IssuedCertificateView), Headers = ApiHeaders.IdempotencyKey)]
    public Task<IActionResult> IssueCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/certificates")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AdminRole);
            var body = await call.ReadJsonAsync<IssueCertificateRequest>();
            return await IssueOnceAsync(call, "certificates.issue", () => issuing.IssueAsync(CertificateIssuer.Staff(staff.StaffId), body.ProductId,
                body.Plan, body.ValidFrom, body.ValidTo, body.CustomerName, call.Aborted), plans, clock);
        });

    /// <summary>
    /// Issues at most once per <c>Idempotency-Key</c> and answers 201 with the certificate. The activation code is kept only
    /// hashed, so a replayed answer says it was withheld instead of repeating it.
    /// </summary>
    internal static async Task<IActionResult> IssueOnceAsync(ApiCall call, string operation, Func<Task<IssuedCertificate>> issue, SupportPlans plans, IClock clock) =>
        await call.CreateOnceAsync(operation, async () =>
        {
            var view = IssuedCertificateView.Of(await issue(), plans, clock.UtcNow, call.Language());
            return ApiResults.Created(view).WithHeader("Cache-Control", "no-store");
        }, rememberAs: view => ((IssuedCertificateView)view).WithoutActivationCode());

    [Function("GetIssuedCertificate")]
    [ApiOperation("A certificate in the registry", Access = ApiAccess.Agent, Response = typeof(RegistryCertificateView))]
    public Task<IActionResult> GetIssuedCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/certificates/{serial}")] HttpRequest request, string serial) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AgentRole);
            var (certificate, owner) = await issuing.FindAsync(serial, call.Aborted);
            return ApiResults.Ok(RegistryCertificateView.Of(certificate, owner, plans, clock.UtcNow));
        });

    [Function("RevokeCertificate")]
    [ApiOperation("Revoke a certificate", Access = ApiAccess.Admin, Response = typeof(RegistryCertificateView), Errors = [409])]
    public Task<IActionResult> RevokeCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/certificates/{serial}/revoke")] HttpRequest request, string serial) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AdminRole);
            var certificate = await issuing.RevokeAsync(serial, call.Aborted);
            return ApiResults.Ok(RegistryCertificateView.Of(certificate, null, plans, clock.UtcNow));
        });

    [Function("MyCertificates")]
    [ApiOperation("My certificates, newest registration first", Method = "get", Access = ApiAccess.Customer, Query = ["lang"], Response = typeof(MyCertificateListView))]
    [ApiOperation("Register a certificate", Method = "post", Access = ApiAccess.Customer, Query = ["lang"], Request = typeof(RegisterCertificateRequest), Status = 201, Response = typeof(MyCertificateView), Headers = ApiHeaders.IdempotencyKey, Errors = [429])]
    public Task<IActionResult> MyCertificates(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "me/certificates")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var now = clock.UtcNow;
            if (HttpMethods.IsGet(request.Method))
            {
                var items = await registration.ListAsync(customer.AccountId, call.Aborted);
                var views = items.OrderByDescending(c => c.RegisteredAt).Select(c => MyCertificateView.Of(c, plans, now, call.Language())).ToList();
                return ApiResults.Ok(new MyCertificateListView(views)).WithHeader("Cache-Control", "no-store");
            }
            var body = await call.ReadJsonAsync<RegisterCertificateRequest>();
            return await call.CreateOnceAsync("register-certificate", async () =>
            {
                var registered = await registration.RegisterAsync(customer.AccountId, call.ClientAddress, body.Serial, body.ActivationCode, call.Aborted);
                return ApiResults.Created(MyCertificateView.Of(registered, plans, clock.UtcNow, call.Language()));
            });
        });

    /// <summary>The registration wizard's preview: what the serial and code prove, before registering (not in API.md's table; additive).</summary>
    [Function("PreviewMyCertificate")]
    [ApiOperation("What a serial and activation code prove, before registering", Access = ApiAccess.Customer, Query = ["lang"], Request = typeof(RegisterCertificateRequest), Response = typeof(PreviewView), Errors = [429])]
    public Task<IActionResult> PreviewMyCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/certificates/preview")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var body = await call.ReadJsonAsync<RegisterCertificateRequest>();
            var preview = await registration.PreviewAsync(customer.AccountId, call.ClientAddress, body.Serial, body.ActivationCode, call.Aborted);
            return ApiResults.Ok(PreviewView.Of(preview, plans, clock.UtcNow, call.Language())).WithHeader("Cache-Control", "no-store");
        });

    /// <summary>Mails owners 30 and 7 days before their certificate expires; reads only the reminders due.</summary>
    [Function("RemindExpiringCertificates")]
    public Task RemindExpiringCertificates([TimerTrigger("0 10 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token => $"{await expiryReminders.RunAsync(clock.UtcNow, token)} expiry reminders processed", cancellationToken);
}

public sealed record IssueCertificateRequest(string? ProductId, string? Plan, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, string? CustomerName);

public sealed record RegisterCertificateRequest(string? Serial, string? ActivationCode);

public sealed record IssuerView(string Kind, string Id);

public sealed record IssuedCertificateView(
    string Id, string Serial, string? ActivationCode, string ProductId, string ProductName, string Plan, string Priority,
    DateTimeOffset ValidFrom, DateTimeOffset ValidTo, string? CustomerName, IssuerView IssuedBy, DateTimeOffset IssuedAt, string State)
{
    /// <summary>Set (true) only on a replayed answer, whose activation code is not kept.</summary>
    public bool? ActivationCodeWithheld { get; init; }

    public IssuedCertificateView WithoutActivationCode() => this with { ActivationCode = null, ActivationCodeWithheld = true };

    public static IssuedCertificateView Of(IssuedCertificate issued, SupportPlans plans, DateTimeOffset now, string language)
    {
        var c = issued.Certificate;
        return new(c.Serial.Value, c.Serial.Value, issued.ActivationCode, c.ProductId, issued.Product.Name.In(language), c.Plan,
            SupportPlans.Name(plans.PriorityOf(c.Plan)), c.ValidFrom, c.ValidTo, c.CustomerName, new IssuerView(c.Issuer.Kind, c.Issuer.Id),
            c.IssuedAt, CertificateStates.Name(c.StateAt(now)));
    }
}

public sealed record RegistryCertificateView(
    string Id, string Serial, string ProductId, string Plan, string Priority, DateTimeOffset ValidFrom, DateTimeOffset ValidTo,
    string? CustomerName, IssuerView IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string State, string? RegisteredTo)
{
    public static RegistryCertificateView Of(Certificate c, string? owner, SupportPlans plans, DateTimeOffset now) =>
        new(c.Serial.Value, c.Serial.Value, c.ProductId, c.Plan, SupportPlans.Name(plans.PriorityOf(c.Plan)), c.ValidFrom, c.ValidTo,
            c.CustomerName, new IssuerView(c.Issuer.Kind, c.Issuer.Id), c.IssuedAt, c.RevokedAt, CertificateStates.Name(c.StateAt(now)), owner);
}

public sealed record MyCertificateView(
    string Id, string Serial, string ProductId, string ProductName, string Plan, string Priority, DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo, string State, int DaysLeft, DateTimeOffset RegisteredAt)
{
    public static MyCertificateView Of(RegisteredCertificate c, SupportPlans plans, DateTimeOffset now, string language) =>
        new(c.Id, c.Serial, c.ProductId, c.ProductName.In(language), c.Plan, SupportPlans.Name(plans.PriorityOf(c.Plan)), c.ValidFrom,
            c.ValidTo, CertificateStates.Name(c.StateAt(now)), c.DaysLeftAt(now), c.RegisteredAt);
}

public sealed record MyCertificateListView(IReadOnlyList<MyCertificateView> Items);

public sealed record PreviewView(
    string Serial, string ProductId, string ProductName, string Plan, string Priority, DateTimeOffset ValidFrom, DateTimeOffset ValidTo,
    string State, int DaysLeft)
{
    public static PreviewView Of(CertificatePreview preview, SupportPlans plans, DateTimeOffset now, string language)
    {
        var c = preview.Certificate;
        var state = c.StateAt(now);
        return new(c.Serial.Value, c.ProductId, preview.Product.Name.In(language), c.Plan, SupportPlans.Name(plans.PriorityOf(c.Plan)),
            c.ValidFrom, c.ValidTo, CertificateStates.Name(state), Certificate.DaysLeft(state, c.ValidTo, now));
    }
}
