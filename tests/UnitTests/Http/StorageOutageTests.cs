using System.Text.Json;
using Azure;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.UnitTests.Http;

public sealed class StorageOutageTests
{
    public static TheoryData<Exception> Unreachable => new()
    {
        new RequestFailedException("Connection refused (127.0.0.1:10002)"),
        new RequestFailedException(503, "Server busy"),
        new HttpRequestException("Connection reset by peer"),
        new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10."),
        new AggregateException("Retry failed after 3 tries.", new RequestFailedException("refused"), new TaskCanceledException("timeout")),
    };

    public static TheoryData<Exception> Answered => new()
    {
        new RequestFailedException(404, "Not found"),
        new RequestFailedException(409, "Conflict"),
        new RequestFailedException(412, "Precondition failed"),
        new AggregateException(new RequestFailedException("refused"), new InvalidOperationException("a bug")),
        new InvalidOperationException("a bug"),
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void Storage_that_gave_no_answer_is_an_outage(Exception failure) => Assert.True(StorageOutage.Is(failure));

    [Theory]
    [MemberData(nameof(Answered))]
    public void An_answer_from_storage_or_a_bug_is_not_an_outage(Exception failure) => Assert.False(StorageOutage.Is(failure));

    [Fact]
    public void A_poisoned_message_is_revived_with_its_count_raised_until_it_has_had_five_revivals()
    {
        var message = """{"id":"m1","template":"ticket_opened","values":{"a":"b"}}""";
        for (var revival = 1; revival <= PoisonRevival.MaxRevivals; revival++)
        {
            message = PoisonRevival.NextTry(message)!;
            var revived = JsonDocument.Parse(message).RootElement;
            Assert.Equal((revival, "m1", "b"), (revived.GetProperty("revivals").GetInt32(), revived.GetProperty("id").GetString(), revived.GetProperty("values").GetProperty("a").GetString()));
        }

        Assert.Null(PoisonRevival.NextTry(message));
        Assert.Null(PoisonRevival.NextTry("not json"));
    }
}
