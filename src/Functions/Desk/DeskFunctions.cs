using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;
using SupportFunctions.Functions.Tickets;

namespace SupportFunctions.Functions.Desk;

public sealed record StaffMessageRequest(string? Body, StaffMessageKind? Kind, IReadOnlyList<string>? AttachmentIds);
public sealed record StaffUploadRequest(long TicketId, string? FileName, string? ContentType, long Size);
public sealed record StaffMePatch(bool? NotifyOnCustomerReply);
/// <summary>The PATCH body. The handler reads it as JSON (an <c>assigneeId</c> of null unassigns, an absent one keeps), with these fields.</summary>
public sealed record StaffTicketChange(string? Status, string? Priority, string? DepartmentId, string? AssigneeId, string? Type);
public sealed record SavedReplyRequest(string? Id, string? DepartmentId, string? Language, string? Title, string? Body);

/// <summary>The staff desk (API.md "Staff desk"), the ticket-change dispatcher and the auto-close sweep.</summary>
public sealed class DeskFunctions(
    ApiPipeline pipeline,
    StaffTickets desk,
    IStaffDirectory staffDirectory,
    ISavedReplies savedReplies,
    TicketChangeDispatcher dispatcher,
    PoisonRevival poisonRevival,
    AutoCloseTickets autoClose,
    TimerRunner timers,
    IClock clock,
    TicketOptions options)
{
    /// <summary>The app setting that holds the sweep's schedule (six-field CRON, UTC).</summary>
    public const string AutoCloseScheduleSetting = "AutoCloseSchedule";
    public const string DefaultAutoCloseSchedule = "0 5 * * * *";

    [Function("ListStaffQueue")]
    [ApiOperation("The queue", Description = "Priority first (critical first), then longest waiting. `status` may repeat or be comma-separated; `assignee` is `me`, a staff id or `none`.", Access = ApiAccess.Agent, Query = ["department", "status", "priority", "assignee", "q", "limit", "cursor"], Response = typeof(QueuePageView))]
    public Task<IActionResult> ListStaffQueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/tickets")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var query = new QueueRequest(
                call.Query("department"),
                request.Query["status"].Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => s!.Split(',')).ToList(),
                call.Query("priority"),
                call.Query("assignee"),
                call.Query("q"),
                Limit(call),
                call.Query("cursor") is { Length: > 0 } cursor ? cursor : null);
            var page = await desk.QueueAsync(staff, query, call.Aborted);
            return TicketFunctions.NoStore(ApiResults.Ok(DeskJson.ForQueue(page)));
        });

    [Function("GetStaffTicket")]
    [ApiOperation("A ticket at work", Access = ApiAccess.Agent, Response = typeof(StaffTicketJson))]
    public Task<IActionResult> GetStaffTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/tickets/{id}")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var view = await desk.ViewAsync(staff, TicketFunctions.TicketId(id), call.Aborted);
            var body = DeskJson.ForTicket(view, options.ReopenWindow, clock.UtcNow);
            return TicketFunctions.NoStore(TicketFunctions.WithETag(ApiResults.Ok(body), view.Loaded.ETag));
        });

    [Function("PostStaffMessage")]
    [ApiOperation("Reply, note, ask for information or propose a solution", Access = ApiAccess.Agent, Request = typeof(StaffMessageRequest), Status = 201, Response = typeof(StaffTicketJson), Headers = ApiHeaders.IdempotencyKey | ApiHeaders.IfMatch, Errors = [409])]
    public Task<IActionResult> PostStaffMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/tickets/{id}/messages")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var ticketId = TicketFunctions.TicketId(id);
            var body = await call.ReadJsonAsync<StaffMessageRequest>();
            return await call.CreateOnceAsync($"staff.tickets.message.{ticketId}", async () =>
            {
                var post = new StaffPost(body.Body, body.Kind ?? StaffMessageKind.Reply, body.AttachmentIds, call.Header("If-Match"));
                var changed = await desk.PostAsync(staff, ticketId, post, call.Aborted);
                return TicketFunctions.WithETag(ApiResults.Created(DeskJson.ForTicket(changed, null, options.ReopenWindow)), changed.ETag);
            });
        });

    [Function("ChangeStaffTicket")]
    [ApiOperation("Change status, priority, department, assignee or type", Access = ApiAccess.Agent, Request = typeof(StaffTicketChange), Response = typeof(StaffTicketJson), Headers = ApiHeaders.IfMatchRequired, Errors = [409])]
    public Task<IActionResult> ChangeStaffTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/tickets/{id}")] HttpRequest request, string id) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var ticketId = TicketFunctions.TicketId(id);
            var fields = FieldsOf(await call.ReadJsonAsync<JsonObject>());
            var changed = await desk.ChangeFieldsAsync(staff, ticketId, fields, call.Header("If-Match"), call.Aborted);
            return TicketFunctions.WithETag(ApiResults.Ok(DeskJson.ForTicket(changed, null, options.ReopenWindow)), changed.ETag);
        });

    [Function("RequestStaffUpload")]
    [ApiOperation("Ask for an upload URL for a ticket", Access = ApiAccess.Agent, Request = typeof(StaffUploadRequest), Status = 201, Response = typeof(UploadGrantView), Headers = ApiHeaders.IdempotencyKey)]
    public Task<IActionResult> RequestStaffUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/uploads")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var body = await call.ReadJsonAsync<StaffUploadRequest>();
            return await call.CreateOnceAsync("staff.uploads", async () =>
            {
                var grant = await desk.RequestUploadAsync(staff, body.TicketId, body.FileName, body.ContentType, body.Size, call.Aborted);
                return ApiResults.Created(new UploadGrantView(grant.UploadId, grant.UploadUrl.ToString(), grant.ExpiresAt));
            });
        });

    [Function("DownloadStaffAttachment")]
    [ApiOperation("Download an attachment", Description = "Redirects to a short-lived read URL; `as=json` answers the link instead.", Access = ApiAccess.Agent, Query = ["as"], Status = 302)]
    [ApiResponse(200, typeof(DownloadLinkView), Description = "With `as=json`: the link.")]
    public Task<IActionResult> DownloadStaffAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/tickets/{id}/attachments/{attachmentId}")] HttpRequest request,
        string id, string attachmentId) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            var url = await desk.AttachmentUrlAsync(staff, TicketFunctions.TicketId(id), attachmentId, call.Aborted);
            // A page that calls with a bearer token cannot follow a redirect into a download; ?as=json hands it the link instead.
            return call.Query("as") == "json"
                ? TicketFunctions.NoStore(ApiResults.Ok(new DownloadLinkView(url.ToString())))
                : ApiResults.Redirect(url.ToString());
        });

    [Function("ListAgents")]
    [ApiOperation("Staff who have signed in, for assignment", Access = ApiAccess.Agent, Response = typeof(AgentsView))]
    public Task<IActionResult> ListAgents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/agents")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            await staffDirectory.SeenAsync(staff.StaffId, staff.Name, staff.Email, call.Aborted);
            var agents = await staffDirectory.ListAsync(call.Aborted);
            return TicketFunctions.NoStore(ApiResults.Ok(new AgentsView(agents.Select(a => new AgentView(a.Id, a.Name, a.Email)).ToList())));
        });

    [Function("StaffMe")]
    [ApiOperation("Me, on staff", Method = "get", Access = ApiAccess.Agent, Response = typeof(StaffMeView))]
    [ApiOperation("Change my desk preferences", Method = "patch", Access = ApiAccess.Agent, Request = typeof(StaffMePatch), Response = typeof(StaffMeView))]
    public Task<IActionResult> StaffMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "patch", Route = "staff/me")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            await staffDirectory.SeenAsync(staff.StaffId, staff.Name, staff.Email, call.Aborted);
            var member = HttpMethods.IsPatch(request.Method)
                ? await SetPreferencesAsync(staff, await call.ReadJsonAsync<StaffMePatch>(), call.Aborted)
                : await staffDirectory.FindAsync(staff.StaffId, call.Aborted);
            return TicketFunctions.NoStore(ApiResults.Ok(new StaffMeView(staff.StaffId, staff.Name, staff.Email, staff.Roles.Order(StringComparer.Ordinal).ToList(),
                member?.NotifyOnCustomerReply ?? true)));
        });

    [Function("SavedReplies")]
    [ApiOperation("Saved replies", Method = "get", Access = ApiAccess.Agent, Query = ["department", "language"], Response = typeof(SavedRepliesView))]
    [ApiOperation("Add a saved reply", Method = "post", Access = ApiAccess.Admin, Request = typeof(SavedReplyRequest), Status = 201, Response = typeof(SavedReplyView), Errors = [409])]
    public Task<IActionResult> SavedReplies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/saved-replies")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            if (HttpMethods.IsGet(request.Method))
            {
                await call.RequireStaffAsync(StaffCaller.AgentRole);
                var department = call.Query("department") is { Length: > 0 } d ? d : null;
                var language = call.Query("language") is { Length: > 0 } l ? l : null;
                var replies = await savedReplies.ListAsync(department, language, call.Aborted);
                return TicketFunctions.NoStore(ApiResults.Ok(new SavedRepliesView(replies.Select(ToView).ToList())));
            }
            await call.RequireStaffAsync(StaffCaller.AdminRole);
            var body = await call.ReadJsonAsync<SavedReplyRequest>();
            var reply = SavedReplyRules.Validate(body.Id, body.DepartmentId, body.Language, body.Title, body.Body);
            await savedReplies.AddAsync(reply, call.Aborted);
            return ApiResults.Created(ToView(reply));
        });

    /// <summary>Brings the staff queue, the auto-close index and the mail up to one announced ticket change.</summary>
    [Function("DispatchTicketChange")]
    public Task DispatchTicketChange(
        [QueueTrigger(TicketChangeQueue.QueueName, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(TicketChangeQueue.Parse(message), cancellationToken);

    /// <summary>The repair pass: announcements whose dispatch kept failing are taken out of the poison queue and tried again (each at most 5 times).</summary>
    [Function("RepairTicketViews")]
    public Task RepairTicketViews([TimerTrigger("15 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token => $"{await poisonRevival.ReviveAsync(TicketChangeQueue.QueueName, token)} failed ticket changes announced again", cancellationToken);

    /// <summary>Closes tickets whose customer has not answered in time and sends the reminders before that; reads only what is due.</summary>
    [Function("AutoCloseStaleTickets")]
    public Task AutoCloseStaleTickets([TimerTrigger("%" + AutoCloseScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token =>
        {
            var result = await autoClose.SweepAsync(token);
            var late = timer.IsPastDue ? " (run late)" : "";
            var failed = result.Failed == 0 ? "" : $", {result.Failed} failed and left for the next run ({string.Join("; ", result.Failures)})";
            return $"{result.Due} due, {result.Closed} closed, {result.Reminded} reminded, {result.Skipped} skipped{failed}{late}";
        }, cancellationToken);

    private async Task<StaffMember?> SetPreferencesAsync(StaffCaller staff, StaffMePatch patch, CancellationToken cancellationToken) =>
        patch.NotifyOnCustomerReply is { } notify
            ? await staffDirectory.SetNotifyOnCustomerReplyAsync(staff.StaffId, notify, cancellationToken)
            : await staffDirectory.FindAsync(staff.StaffId, cancellationToken);

    /// <summary>A PATCH body: which fields are present matters (an assignee of null unassigns), so it is read as JSON.</summary>
    private static StaffFieldsRequest FieldsOf(JsonObject body)
    {
        string? Text(string name) => body.TryGetPropertyValue(name, out var value) && value is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;
        var assigneeGiven = body.TryGetPropertyValue("assigneeId", out var assignee) && (assignee is null || Text("assigneeId") is not null);
        return new StaffFieldsRequest(Text("status"), Text("priority"), Text("departmentId"), Text("assigneeId"), assigneeGiven, Text("type"));
    }

    private static int? Limit(ApiCall call) =>
        call.Query("limit") is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw DomainException.Validation("limit", "A whole number.")
            : null;

    private static SavedReplyView ToView(SavedReply r) => new(r.Id, r.DepartmentId, r.Language, r.Title, r.Body);
}

public sealed record DownloadLinkView(string Url);
