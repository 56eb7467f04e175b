using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Domain.Partners;

public sealed record PartnerTicketRequest(
    string? CustomerEmail, string? CustomerName, string? Language, string? CertificateSerial,
    string? Subject, string? Description, string? OsVersion, string? ProductVersions);

/// <summary>
/// A partner opens tickets on behalf of its customers and follows only those: the customer's account is found or invited,
/// a certificate the partner issued is registered to them, and the ticket is theirs in the portal like any other.
/// </summary>
public sealed class PartnerTickets(
    AccountService accounts,
    PartnerCertificates certificates,
    RegisterCertificates registration,
    CustomerTickets tickets,
    ITicketStore store)
{
    public async Task<LoadedTicket> OpenAsync(Partner partner, PartnerTicketRequest request, CancellationToken cancellationToken)
    {
        var draft = new SendTicket(null, request.Subject, request.Description, request.OsVersion, request.ProductVersions, null);
        // Everything is checked before an account is made or a mail is sent: a refused request changes nothing.
        tickets.ValidateDraft(draft);
        var certificate = request.CertificateSerial is { Length: > 0 } serial
            ? (await certificates.FindAsync(partner, serial, cancellationToken)).Certificate
            : null;
        var (accountId, displayName) = await accounts.EnsureForPartnerAsync(
            request.CustomerEmail, request.CustomerName, request.Language, partner.Name, cancellationToken);
        var registered = certificate is null ? null : await registration.RegisterIssuedAsync(accountId, certificate, cancellationToken);
        var customer = new CustomerCaller(accountId, OnBehalfOf(partner), displayName);
        return await tickets.SendAsync(customer, draft with { CertificateId = registered?.Id } with { PartnerId = partner.Id }, cancellationToken);
    }

    /// <summary>A ticket the partner opened, as its customer sees it; any other ticket is not found.</summary>
    public async Task<LoadedTicket> ViewAsync(Partner partner, long ticketId, CancellationToken cancellationToken)
    {
        var owner = await store.OwnerOfAsync(ticketId, cancellationToken);
        var loaded = owner is null ? null : await store.LoadAsync(owner, ticketId, [], cancellationToken);
        return loaded is not null && loaded.Ticket.PartnerId == partner.Id ? loaded : throw DomainException.NotFound("ticket");
    }

    /// <summary>The partner writes on the customer's side of the conversation, under its own name.</summary>
    public async Task<LoadedTicket> PostAsync(Partner partner, long ticketId, string? body, CancellationToken cancellationToken)
    {
        var ticket = (await ViewAsync(partner, ticketId, cancellationToken)).Ticket;
        var customer = new CustomerCaller(ticket.AccountId, OnBehalfOf(partner), ticket.CustomerName);
        var writer = new MessageAuthor(AuthorKind.Customer, OnBehalfOf(partner), partner.Name);
        return await tickets.ReplyAsync(customer, ticketId, body, null, null, cancellationToken, writer);
    }

    private static string OnBehalfOf(Partner partner) => $"partner:{partner.Id}";
}
