using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Tickets;

public sealed record UploadRequest(string? FileName, string? ContentType, long Size);
public sealed record AnswerRequest(string? Token, string? Answer);
public sealed record AnswerResult(long Id, TicketStatus Status, string Subject);
public sealed record ReplyRequest(string? Body, IReadOnlyList<string>? AttachmentIds);

/// <summary>The customer's tickets (API.md "Tickets").</summary>
public sealed class TicketFunctions(ApiPipeline pipeline, CustomerTickets tickets, CustomerLimits limits, TicketOptions options)
{
    [Function("RequestUpload")]
    [ApiOperation("Ask for an upload URL", Description = "PUT the bytes to `uploadUrl` (write-only, one blob, short-lived), then list the `uploadId` in `attachmentIds`.", Access = ApiAccess.Customer, Request = typeof(UploadRequest), Status = 201, Response = typeof(UploadGrantView), Headers = ApiHeaders.IdempotencyKey, Errors = [429])]
    public Task<IActionResult> RequestUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            limits.Enter(CustomerAction.RequestUpload, customer.AccountId, call.ClientAddress);
            var body = await call.ReadJsonAsync<UploadRequest>();
            return await call.CreateOnceAsync("uploads.request", async () =>
            {
                var grant = await tickets.RequestUploadAsync(customer, body.FileName, body.ContentType, body.Size, call.Aborted);
                return ApiResults.Created(new UploadGrantView(grant.UploadId, grant.UploadUrl.ToString(), grant.ExpiresAt));
            });
        });

    [Function("SendTicket")]
    [ApiOperation("Send a ticket", Access = ApiAccess.Customer, Request = typeof(SendTicket), Status = 201, Response = typeof(TicketView), Headers = ApiHeaders.IdempotencyKey, Errors = [429])]
    public Task<IActionResult> SendTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            limits.Enter(CustomerAction.CreateTicket, customer.AccountId, call.ClientAddress);
            var body = await call.ReadJsonAsync<SendTicket>();
            return await call.CreateOnceAsync("tickets.send", async () =>
            {
                var sent = await tickets.SendAsync(customer, body, call.Aborted);
                return WithETag(ApiResults.Created(TicketJson.ForCustomer(sent, options.ReopenWindow)), sent.ETag)
                    .WithHeader("Location", $"/api/tickets/{sent.Ticket.Id}");
            });
        });

    [Function("ListTickets")]
    [ApiOperation("My tickets, newest update first", Description = "`resolved=true` lists the resolved and closed ones.", Access = ApiAccess.Customer, Query = ["resolved", "limit", "cursor"], Response = typeof(TicketListView))]
    public Task<IActionResult> ListTickets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var resolved = call.Query("resolved") switch
            {
                null or "" or "false" => false,
                "true" => true,
                _ => throw DomainException.Validation("resolved", "Use true or false."),
            };
            var limit = call.Query("limit") is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw DomainException.Validation("limit", "A whole number.")
                : (int?)null;
            var page = await tickets.ListAsync(customer, resolved, limit, call.Query("cursor") is { Length: > 0 } cursor ? cursor : null, call.Aborted);
            return NoStore(ApiResults.Ok(TicketJson.ForList(page)));
        });

    [Function("GetTicket")]
    [ApiOperation("A ticket with its thread", Access = ApiAccess.Customer, Response = typeof(TicketView))]
    public Task<IActionResult> GetTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var loaded = await tickets.ViewAsync(customer, TicketId(id), call.Aborted);
            return NoStore(WithETag(ApiResults.Ok(TicketJson.ForCustomer(loaded, options.ReopenWindow)), loaded.ETag));
        });

    [Function("ReplyToTicket")]
    [ApiOperation("Reply on a ticket", Access = ApiAccess.Customer, Request = typeof(ReplyRequest), Status = 201, Response = typeof(TicketView), Headers = ApiHeaders.IdempotencyKey | ApiHeaders.IfMatch, Errors = [409, 429])]
    public Task<IActionResult> ReplyToTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/messages")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var ticketId = TicketId(id);
            limits.Enter(CustomerAction.Reply, customer.AccountId, call.ClientAddress);
            var body = await call.ReadJsonAsync<ReplyRequest>();
            return await call.CreateOnceAsync($"tickets.reply.{ticketId}", async () =>
            {
                var changed = await tickets.ReplyAsync(customer, ticketId, body.Body, body.AttachmentIds, call.Header("If-Match"), call.Aborted);
                return WithETag(ApiResults.Created(TicketJson.ForCustomer(changed, options.ReopenWindow)), changed.ETag);
            });
        });

    [Function("ResolveTicket")]
    [ApiOperation("Accept the solution", Access = ApiAccess.Customer, Response = typeof(TicketView), Headers = ApiHeaders.IfMatch, Errors = [409])]
    public Task<IActionResult> ResolveTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/resolve")] HttpRequest request, string id) =>
        CustomerMoveAsync(request, id, tickets.ResolveAsync);

    [Function("ReopenTicket")]
    [ApiOperation("Reopen a resolved or closed ticket", Access = ApiAccess.Customer, Response = typeof(TicketView), Headers = ApiHeaders.IfMatch, Errors = [409])]
    public Task<IActionResult> ReopenTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/reopen")] HttpRequest request, string id) =>
        CustomerMoveAsync(request, id, tickets.ReopenAsync);

    /// <summary>A status move the customer makes on their own ticket, answered with the changed ticket and its ETag.</summary>
    private Task<IActionResult> CustomerMoveAsync(
        HttpRequest request,
        string id,
        Func<CustomerCaller, long, string?, CancellationToken, Task<LoadedTicket>> move,
        [CallerMemberName] string operation = "") =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var changed = await move(customer, TicketId(id), call.Header("If-Match"), call.Aborted);
            return WithETag(ApiResults.Ok(TicketJson.ForCustomer(changed, options.ReopenWindow)), changed.ETag);
        }, operation);

    /// <summary>The one-click answer to a proposed solution, from the mail's link: no session, the signed token is the credential.</summary>
    [Function("AnswerSolution")]
    [ApiOperation("Answer a proposed solution from the mail's link", Description = "The signed `token` from the link is the credential.", Request = typeof(AnswerRequest), Response = typeof(AnswerResult), Errors = [409])]
    public Task<IActionResult> AnswerSolution(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/answer")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<AnswerRequest>();
            var changed = await tickets.AnswerSolutionAsync(TicketId(id), body.Token, body.Answer, call.Aborted);
            return NoStore(ApiResults.Ok(new AnswerResult(changed.Ticket.Id, changed.Ticket.Status, changed.Ticket.Subject)));
        });

    [Function("DownloadAttachment")]
    [ApiOperation("Download an attachment", Description = "Redirects to a short-lived read URL served as a download (`inline=true`: shown, for raster images).", Access = ApiAccess.Customer, Query = ["inline"], Status = 302)]
    public Task<IActionResult> DownloadAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/attachments/{attachmentId}")] HttpRequest request,
        string id, string attachmentId) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var inline = call.Query("inline") == "true";
            var url = await tickets.AttachmentUrlAsync(customer, TicketId(id), attachmentId, inline, call.Aborted);
            return ApiResults.Redirect(url.ToString());
        });

    /// <summary>Ids are positive integers; anything else names no ticket.</summary>
    internal static long TicketId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw DomainException.NotFound("ticket");

    internal static ApiResult WithETag(ApiResult result, string etag) => result.WithHeader("ETag", etag);

    internal static ApiResult NoStore(ApiResult result) => result.WithHeader("Cache-Control", "no-store");
}
