using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Functions.Catalogue;
using SupportFunctions.Functions.Certificates;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Partners;

/// <summary>Admins keep the partner records; partners issue, read and revoke their own certificates.</summary>
public sealed class PartnerFunctions(
    ApiPipeline pipeline,
    ManagePartners partners,
    PartnerGate gate,
    PartnerCertificates certificates,
    SupportPlans plans,
    IClock clock)
{
    [Function("StaffPartners")]
    [ApiOperation("The partner records", Access = ApiAccess.Admin, Response = typeof(PartnerListView))]
    public Task<IActionResult> StaffPartners(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/partners")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AdminRole);
            var all = await partners.ListAsync(call.Aborted);
            return ApiResults.Ok(new PartnerListView(all.OrderBy(p => p.Id, StringComparer.Ordinal).Select(PartnerView.Of).ToList()));
        });

    [Function("StaffPartner")]
    [ApiOperation("A partner record", Method = "get", Access = ApiAccess.Admin, Response = typeof(PartnerView))]
    [ApiOperation("Keep a partner record", Description = "Which products the partner may sell and which Entra client ids act for it.", Method = "put", Access = ApiAccess.Admin, Request = typeof(PartnerRequest), Response = typeof(PartnerView))]
    [ApiResponse(201, typeof(PartnerView), Method = "put", Description = "Created")]
    public Task<IActionResult> StaffPartner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "staff/partners/{partnerId}")] HttpRequest request, string partnerId) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AdminRole);
            if (HttpMethods.IsGet(request.Method))
            {
                return ApiResults.Ok(PartnerView.Of(await partners.FindAsync(partnerId, call.Aborted)));
            }
            var body = await call.ReadJsonAsync<PartnerRequest>();
            var (partner, created) = await partners.PutAsync(partnerId,
                new PartnerInput(body.Name, body.ProductIds, body.ClientIds, body.ContactEmail), call.Aborted);
            return created ? ApiResults.Created(PartnerView.Of(partner)) : ApiResults.Ok(PartnerView.Of(partner));
        });

    [Function("PartnerIssueCertificate")]
    [ApiOperation("Issue a certificate for a product the partner sells", Description = "The activation code is shown only in this answer.", Access = ApiAccess.PartnerCertificates, Query = ["lang"], Request = typeof(IssueCertificateRequest), Status = 201, Response = typeof(IssuedCertificateView), Headers = ApiHeaders.IdempotencyKey)]
    public Task<IActionResult> PartnerIssueCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partner/v1/certificates")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.CertificatesRole);
            var body = await call.ReadJsonAsync<IssueCertificateRequest>();
            return await CertificateFunctions.IssueOnceAsync(call, "partner.certificates.issue", () => certificates.IssueAsync(partner, body.ProductId,
                body.Plan, body.ValidFrom, body.ValidTo, body.CustomerName, call.Aborted), plans, clock);
        });

    [Function("PartnerCertificate")]
    [ApiOperation("A certificate the partner issued", Access = ApiAccess.PartnerCertificates, Response = typeof(PartnerCertificateView))]
    public Task<IActionResult> PartnerCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partner/v1/certificates/{serial}")] HttpRequest request, string serial) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.CertificatesRole);
            var (certificate, owner) = await certificates.FindAsync(partner, serial, call.Aborted);
            return ApiResults.Ok(PartnerCertificateView.Of(certificate, owner is not null, plans, clock.UtcNow));
        });

    [Function("PartnerRevokeCertificate")]
    [ApiOperation("Revoke a certificate the partner issued", Access = ApiAccess.PartnerCertificates, Response = typeof(PartnerCertificateView), Errors = [409])]
    public Task<IActionResult> PartnerRevokeCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partner/v1/certificates/{serial}/revoke")] HttpRequest request, string serial) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.CertificatesRole);
            var certificate = await certificates.RevokeAsync(partner, serial, call.Aborted);
            return ApiResults.Ok(PartnerCertificateView.Of(certificate, registered: null, plans, clock.UtcNow));
        });
}

public sealed record PartnerRequest(string? Name, IReadOnlyList<string>? ProductIds, IReadOnlyList<string>? ClientIds, string? ContactEmail);

public sealed record PartnerView(string Id, string Name, IReadOnlyList<string> ProductIds, IReadOnlyList<string> ClientIds, string? ContactEmail)
{
    public static PartnerView Of(Partner partner) => new(partner.Id, partner.Name, partner.ProductIds, partner.ClientIds, partner.ContactEmail);
}

public sealed record PartnerListView(IReadOnlyList<PartnerView> Items);

/// <summary>A certificate as its issuing partner sees it: whether a customer registered it, not which account did.</summary>
public sealed record PartnerCertificateView(
    string Serial, string ProductId, string Plan, string Priority, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, string? CustomerName,
    DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string State, bool? Registered)
{
    public static PartnerCertificateView Of(Certificate c, bool? registered, SupportPlans plans, DateTimeOffset now) =>
        new(c.Serial.Value, c.ProductId, c.Plan, SupportPlans.Name(plans.PriorityOf(c.Plan)), c.ValidFrom, c.ValidTo, c.CustomerName,
            c.IssuedAt, c.RevokedAt, CertificateStates.Name(c.StateAt(now)), registered);
}
