using Microsoft.Extensions.Configuration;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Certificates;

namespace SupportFunctions.UnitTests.Certificates;

public sealed class CertificateRulesTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddYears(1);

    [Fact]
    public void A_certificate_is_not_yet_valid_then_active_then_expired_and_revocation_wins_over_all()
    {
        var (certificate, _) = Certificate.Issue(Serial.New(), "csp", "premium", From, To, CertificateIssuer.Staff("s1"), null, From.AddDays(-10));

        Assert.Equal(CertificateState.NotYetValid, certificate.StateAt(From.AddSeconds(-1)));
        Assert.Equal(CertificateState.Active, certificate.StateAt(From));
        Assert.Equal(CertificateState.Active, certificate.StateAt(To.AddSeconds(-1)));
        Assert.Equal(CertificateState.Expired, certificate.StateAt(To));

        Assert.True(certificate.Revoke(From.AddDays(3)));
        Assert.False(certificate.Revoke(From.AddDays(4)));
        Assert.Equal(From.AddDays(3), certificate.RevokedAt);
        Assert.Equal(CertificateState.Revoked, certificate.StateAt(From.AddDays(5)));
        Assert.Equal("certificate_revoked", Assert.Throws<DomainException>(() => certificate.EnsureRegistrableAt(From.AddDays(5))).Code);
    }

    [Fact]
    public void Days_left_count_a_started_day_and_are_zero_unless_active()
    {
        Assert.Equal(30, Certificate.DaysLeft(CertificateState.Active, To, To.AddDays(-30)));
        Assert.Equal(30, Certificate.DaysLeft(CertificateState.Active, To, To.AddDays(-29).AddHours(-1)));
        Assert.Equal(1, Certificate.DaysLeft(CertificateState.Active, To, To.AddMinutes(-1)));
        Assert.Equal(0, Certificate.DaysLeft(CertificateState.Expired, To, To.AddDays(1)));
    }

    [Fact]
    public void A_certificate_cannot_end_before_it_starts() =>
        Assert.Equal("validation_failed", Assert.Throws<DomainException>(() =>
            Certificate.Issue(Serial.New(), "csp", "premium", To, From, CertificateIssuer.Staff("s1"), null, From)).Code);

    [Fact]
    public void The_plan_table_comes_from_configuration_and_an_unknown_plan_gets_the_lowest_priority()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Certificates:Plans:gold"] = "critical",
            ["Certificates:Plans:silver"] = "Normal",
        }).Build();

        var plans = CertificateRegistration.PlansFrom(configuration);

        Assert.Equal(TicketPriority.Critical, plans.PriorityOf("gold"));
        Assert.Equal(TicketPriority.Normal, plans.PriorityOf("silver"));
        Assert.Equal(TicketPriority.Minimal, plans.PriorityOf("premium"));
        Assert.False(plans.Exists("premium"));
        Assert.Equal(TicketPriority.Critical, CertificateRegistration.PlansFrom(new ConfigurationBuilder().Build()).PriorityOf("premium"));
    }

    [Fact]
    public void A_priority_the_table_cannot_name_stops_the_app_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Certificates:Plans:gold"] = "urgent" }).Build();

        Assert.Throws<DomainException>(() => CertificateRegistration.PlansFrom(configuration));
    }

    [Fact]
    public void A_ticket_without_a_certificate_goes_to_the_general_queue_at_minimal_priority()
    {
        Assert.Equal(TicketPriority.Minimal, SupportPlans.CoverageWithout().Priority);
        Assert.Equal(TicketCoverage.GeneralDepartmentId, SupportPlans.CoverageWithout().DepartmentId);
        Assert.Null(SupportPlans.CoverageWithout().CertificateId);
    }

    [Fact]
    public async Task Coverage_comes_from_the_accounts_own_valid_certificate_and_nobody_elses()
    {
        var serial = Serial.New();
        var registered = new RegisteredCertificate("account-1", serial.Value, "csp", new LocalizedName("КриптоСтраж", "CryptoGuard"), "crypto",
            "extended", From, To, null, From);
        var coverage = new CertificateCoverage(new OneCertificate(registered), new SupportPlans(SupportPlans.Defaults));

        var covered = await coverage.ForTicketAsync("account-1", serial.Value, From.AddDays(1), CancellationToken.None);
        var someoneElse = await Assert.ThrowsAsync<DomainException>(() => coverage.ForTicketAsync("account-2", serial.Value, From.AddDays(1), CancellationToken.None));
        var expired = await Assert.ThrowsAsync<DomainException>(() => coverage.ForTicketAsync("account-1", serial.Value, To, CancellationToken.None));

        Assert.Equal(TicketPriority.High, covered.Priority);
        Assert.Equal("crypto", covered.DepartmentId);
        Assert.Equal(serial.Value, covered.Serial);
        Assert.Equal(FailureKind.NotFound, someoneElse.Kind);
        Assert.Equal("certificate_expired", expired.Code);
    }

    [Fact]
    public void Reminders_are_planned_30_and_7_days_before_the_end_but_never_in_the_past()
    {
        var registered = new RegisteredCertificate("a", Serial.New().Value, "csp", new LocalizedName("x", "x"), "crypto", "basic", From, To, null, From);

        var early = RegisterCertificates.RemindersFor(registered, From);
        var late = RegisterCertificates.RemindersFor(registered, To.AddDays(-20));

        Assert.Equal([To.AddDays(-30), To.AddDays(-7)], early.Select(r => r.DueAt));
        Assert.Equal([7], late.Select(r => r.DaysBefore));
    }

    private sealed class OneCertificate(RegisteredCertificate only) : ICustomerCertificates
    {
        public Task SaveAsync(RegisteredCertificate certificate, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<RegisteredCertificate>> ListAsync(string accountId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<RegisteredCertificate?> FindAsync(string accountId, string serial, CancellationToken cancellationToken) =>
            Task.FromResult(accountId == only.AccountId && serial == only.Serial ? only : null);
        public Task MarkRevokedAsync(string accountId, Serial serial, DateTimeOffset revokedAt, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
