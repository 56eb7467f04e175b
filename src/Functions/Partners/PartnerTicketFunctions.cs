using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Tickets;

namespace SupportFunctions.Functions.Partners;

/// <summary>Tickets a partner opens for its customers: created, read (the customer's view: no internal notes) and answered.</summary>
public sealed class PartnerTicketFunctions(ApiPipeline pipeline, PartnerGate gate, PartnerTickets tickets, TicketOptions options)
{
    [Function("PartnerOpenTicket")]
    [ApiOperation("Open a ticket for a customer", Description = "A customer without an account is invited by mail to set a password.", Access = ApiAccess.PartnerTickets, Request = typeof(PartnerTicketRequest), Status = 201, Response = typeof(TicketView), Headers = ApiHeaders.IdempotencyKey)]
    public Task<IActionResult> PartnerOpenTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partner/v1/tickets")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.TicketsRole);
            var body = await call.ReadJsonAsync<PartnerTicketRequest>();
            return await call.CreateOnceAsync("partner.tickets.open", async () =>
            {
                var opened = await tickets.OpenAsync(partner, body, call.Aborted);
                return TicketFunctions.WithETag(ApiResults.Created(TicketJson.ForCustomer(opened, options.ReopenWindow)), opened.ETag)
                    .WithHeader("Location", $"/api/partner/v1/tickets/{opened.Ticket.Id}");
            });
        });

    [Function("PartnerTicket")]
    [ApiOperation("A ticket the partner opened", Access = ApiAccess.PartnerTickets, Response = typeof(TicketView))]
    public Task<IActionResult> PartnerTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partner/v1/tickets/{id}")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.TicketsRole);
            var loaded = await tickets.ViewAsync(partner, TicketFunctions.TicketId(id), call.Aborted);
            return TicketFunctions.NoStore(TicketFunctions.WithETag(ApiResults.Ok(TicketJson.ForCustomer(loaded, options.ReopenWindow)), loaded.ETag));
        });

    [Function("PartnerPostMessage")]
    [ApiOperation("Write on a ticket the partner opened", Access = ApiAccess.PartnerTickets, Request = typeof(PartnerMessageRequest), Status = 201, Response = typeof(TicketView), Headers = ApiHeaders.IdempotencyKey, Errors = [409])]
    public Task<IActionResult> PartnerPostMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partner/v1/tickets/{id}/messages")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.TicketsRole);
            var ticketId = TicketFunctions.TicketId(id);
            var body = await call.ReadJsonAsync<PartnerMessageRequest>();
            return await call.CreateOnceAsync($"partner.tickets.message.{ticketId}", async () =>
            {
                var changed = await tickets.PostAsync(partner, ticketId, body.Body, call.Aborted);
                return TicketFunctions.WithETag(ApiResults.Created(TicketJson.ForCustomer(changed, options.ReopenWindow)), changed.ETag);
            });
        });
}

public sealed record PartnerMessageRequest(string? Body);
