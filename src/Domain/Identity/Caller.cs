namespace SupportFunctions.Domain.Identity;

/// <summary>Who is making a request, as established by the HTTP edge before any rule runs.</summary>
public abstract record Caller
{
    /// <summary>Stable key used to scope per-caller records (idempotency keys, throttling).</summary>
    public abstract string Key { get; }
}

public sealed record AnonymousCaller : Caller
{
    public static readonly AnonymousCaller Instance = new();
    public override string Key => "anonymous";
}

/// <summary>A signed-in customer; <see cref="DisplayName"/> is the account's name as its session knows it (kept in step by profile changes).</summary>
public sealed record CustomerCaller(string AccountId, string SessionId, string? DisplayName = null) : Caller
{
    public override string Key => $"customer:{AccountId}";
}

public sealed record StaffCaller(string StaffId, string Name, string? Email, IReadOnlySet<string> Roles) : Caller
{
    public const string AgentRole = "Support.Agent";
    public const string AdminRole = "Support.Admin";

    public override string Key => $"staff:{StaffId}";
    public bool IsAdmin => Roles.Contains(AdminRole);
    public bool IsAgent => Roles.Contains(AgentRole) || IsAdmin;
}

public sealed record PartnerCaller(string PartnerId, string ClientId, IReadOnlySet<string> Roles) : Caller
{
    public const string CertificatesRole = "Partner.Certificates";
    public const string TicketsRole = "Partner.Tickets";

    public override string Key => $"partner:{PartnerId}";
}
