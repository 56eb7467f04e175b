namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>
/// A test that needs staff dev tokens and the certificate registry (issue 4). It is skipped, saying why, while the app
/// being tested has no certificates capability, and runs as soon as it has one.
/// </summary>
public sealed class NeedsCertificatesFactAttribute : FactAttribute
{
    public static bool Available { get; } =
        typeof(Functions.Tickets.TicketFunctions).Assembly.GetType("SupportFunctions.Functions.Certificates.CertificateFunctions") is not null;

    public NeedsCertificatesFactAttribute()
    {
        if (!Available)
        {
            Skip = "Needs the certificates capability and staff dev tokens (issue 4), not in this build yet.";
        }
    }
}
