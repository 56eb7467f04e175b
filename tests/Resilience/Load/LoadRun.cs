using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.Resilience.Load;

/// <summary>The size of a load run: customers send tickets and reply to them; agents answer every ticket once through the desk API.</summary>
public sealed record LoadShape(int Customers, int Agents, int TicketsPerCustomer, int RepliesPerTicket)
{
    /// <summary>32 clients: about 500 requests, a minute with sign-up and checks on a busy two-core machine.</summary>
    public static readonly LoadShape Standard = new(Customers: 24, Agents: 8, TicketsPerCustomer: 4, RepliesPerTicket: 2);

    public int Planned => Customers * (TicketsPerCustomer * (1 + RepliesPerTicket) + 1) + Customers * TicketsPerCustomer * 2;
}

/// <summary>What a run asked for, split by what the answers promise: a 2xx must be there, a 503 may or may not be.</summary>
public sealed class Expectations
{
    public ConcurrentDictionary<string, long> CreatedBySubject { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, byte> UnsureSubjects { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> MessagesByBody { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, byte> UnsureBodies { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One bounded load against a running stack: <see cref="LoadShape.Customers"/> customers each send tickets and reply to them,
/// <see cref="LoadShape.Agents"/> agents take every ticket a customer sent, read the queue and answer it. Every request goes
/// through the <see cref="Ledger"/>; <see cref="Expectations"/> holds what must (and what may) be there afterwards.
/// </summary>
public sealed class LoadRun(LocalStack stack, LoadShape shape, TimeSpan answerDeadline)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Channel<long> _toAnswer = Channel.CreateUnbounded<long>();

    public Ledger Ledger { get; } = new();
    public Expectations Expected { get; } = new();
    public IReadOnlyList<LoadCustomer> Customers { get; private set; } = [];
    public TimeSpan Took { get; private set; }

    public sealed record LoadCustomer(int Number, string Email, string AccountId, HttpClient Client);

    public bool IsOf(string subject, LoadCustomer customer) => subject.StartsWith($"Load {_run} c{customer.Number} t", StringComparison.Ordinal);

    /// <summary>Signs the customers up (through the mail, as people do) before any load is sent.</summary>
    public async Task PrepareAsync()
    {
        var people = new People(stack);
        using var gate = new SemaphoreSlim(6);
        Customers = await Task.WhenAll(Enumerable.Range(1, shape.Customers).Select(async number =>
        {
            await gate.WaitAsync();
            try
            {
                var customer = await people.CustomerAsync();
                var client = ClientLike(customer.Client);
                var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
                customer.Client.Dispose();
                return new LoadCustomer(number, customer.Email, me.GetProperty("id").GetString()!, client);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public async Task RunAsync()
    {
        var people = new People(stack);
        var agents = await Task.WhenAll(Enumerable.Range(1, shape.Agents).Select(async _ => ClientLike(await people.StaffAsync("Support.Agent"))));
        var started = Stopwatch.GetTimestamp();
        var answering = agents.Select((agent, number) => AnswerAsync(agent, number + 1)).ToArray();
        await Task.WhenAll(Customers.Select(WorkAsync));
        _toAnswer.Writer.Complete();
        await Task.WhenAll(answering);
        Took = Stopwatch.GetElapsedTime(started);
        foreach (var agent in agents)
        {
            agent.Dispose();
        }
    }

    private async Task WorkAsync(LoadCustomer customer)
    {
        for (var t = 1; t <= shape.TicketsPerCustomer; t++)
        {
            var subject = $"Load {_run} c{customer.Number} t{t}";
            var (outcome, ticket) = await Ledger.SendAsync(customer.Client, "create", () => Json(HttpMethod.Post, "/api/tickets",
                new { subject, description = "Служба не запускается после обновления." }, idempotencyKey: Guid.NewGuid().ToString()), answerDeadline);
            if (outcome != Outcome.Answered)
            {
                Expected.UnsureSubjects.TryAdd(subject, 0);
                continue;
            }
            var id = ticket!.Value.GetProperty("id").GetInt64();
            Expected.CreatedBySubject[subject] = id;
            await _toAnswer.Writer.WriteAsync(id);
            for (var r = 1; r <= shape.RepliesPerTicket; r++)
            {
                await PostMessageAsync(customer.Client, "customer reply", $"/api/tickets/{id}/messages", id, $"Load {_run} customer says {r} on {id}");
            }
        }
        await Ledger.SendAsync(customer.Client, "list mine", () => new HttpRequestMessage(HttpMethod.Get, "/api/tickets"), answerDeadline);
    }

    private async Task AnswerAsync(HttpClient agent, int number)
    {
        await foreach (var id in _toAnswer.Reader.ReadAllAsync())
        {
            await Ledger.SendAsync(agent, "queue page", () => new HttpRequestMessage(HttpMethod.Get, $"/api/staff/tickets?q={id}"), answerDeadline);
            await PostMessageAsync(agent, "staff reply", $"/api/staff/tickets/{id}/messages", id, $"Load {_run} agent {number} answers {id}", kind: "reply");
        }
    }

    private async Task PostMessageAsync(HttpClient client, string operation, string path, long ticketId, string body, string? kind = null)
    {
        object message = kind is null ? new { body } : new { body, kind };
        var (outcome, _) = await Ledger.SendAsync(client, operation, () => Json(HttpMethod.Post, path, message), answerDeadline);
        if (outcome == Outcome.Answered)
        {
            Expected.MessagesByBody[body] = ticketId;
        }
        else
        {
            Expected.UnsureBodies.TryAdd(body, 0);
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    /// <summary>A client with the same credentials, its own forwarded address (each person calls from their own) and no timeout of its own: the ledger's deadline rules.</summary>
    private HttpClient ClientLike(HttpClient signedIn)
    {
        var client = new HttpClient { BaseAddress = stack.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
