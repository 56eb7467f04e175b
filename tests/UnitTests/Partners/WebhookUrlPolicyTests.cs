using System.Net;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;

namespace SupportFunctions.UnitTests.Partners;

public sealed class WebhookUrlPolicyTests
{
    private static readonly WebhookUrlPolicy InAzure = new(new WebhookOptions { AllowLoopback = false });
    private static readonly WebhookUrlPolicy OnTheLocalStack = new(new WebhookOptions { AllowLoopback = true });

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://100.64.1.1/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://224.0.0.1/hook")]
    public void Outside_the_local_stack_loopback_and_other_inward_addresses_are_refused(string url)
    {
        var refused = Assert.Throws<DomainException>(() => InAzure.Validate(url));
        Assert.Equal(FailureKind.Malformed, refused.Kind);
    }

    [Fact]
    public void The_local_stack_accepts_plain_http_to_loopback_only()
    {
        Assert.Equal(8080, OnTheLocalStack.Validate("http://127.0.0.1:8080/hook").Port);
        Assert.Throws<DomainException>(() => OnTheLocalStack.Validate("http://partner.example/hook"));
        Assert.Throws<DomainException>(() => OnTheLocalStack.Validate("https://10.0.0.1/hook"));
    }

    [Fact]
    public void A_public_https_address_is_accepted()
    {
        Assert.Equal("partner.example", InAzure.Validate("https://partner.example/hooks/support").Host);
        Assert.True(InAzure.IsAllowed(IPAddress.Parse("8.8.8.8")));
        Assert.True(InAzure.IsAllowed(IPAddress.Parse("2001:4860:4860::8888")));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:192.168.1.1")]
    public void A_connection_to_an_inward_address_is_refused_whatever_the_name_resolved_to(string address) =>
        Assert.False(InAzure.IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void The_signature_is_HMAC_SHA256_over_id_timestamp_and_body_with_the_key_after_whsec()
    {
        var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var secret = "whsec_" + Convert.ToBase64String(key);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, "msg_1.1700000000.{\"a\":1}"u8.ToArray()));

        Assert.Equal($"v1,{expected}", WebhookSignature.Sign(secret, "msg_1", 1700000000, "{\"a\":1}"));
        Assert.StartsWith("whsec_", WebhookSignature.NewSecret(), StringComparison.Ordinal);
        Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
    }
}
