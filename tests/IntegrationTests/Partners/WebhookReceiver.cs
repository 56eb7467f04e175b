using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Partners;

/// <summary>
/// A partner's webhook endpoint on loopback: answers each delivery as planned (a status code, or no answer at all) and keeps
/// what it received. It checks signatures itself, from the Standard Webhooks text, not with the app's code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int NoAnswer = 0;
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _plan = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public sealed record Delivery(string Id, string Timestamp, string Signature, string Body);

    public WebhookReceiver(int fallbackStatus = 200)
    {
        Port = LocalStack.FreePort();
        FallbackStatus = fallbackStatus;
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public int FallbackStatus { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public ConcurrentQueue<Delivery> Received { get; } = new();

    /// <summary>The answers to the next deliveries, in order; after them every delivery gets the fallback status.</summary>
    public void Plan(params int[] answers)
    {
        foreach (var answer in answers)
        {
            _plan.Enqueue(answer);
        }
    }

    public static bool IsSignedWith(string secret, Delivery delivery)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        return delivery.Signature.Split(' ').Any(signature => signature == $"v1,{expected}");
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Received.Enqueue(new Delivery(context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
            context.Request.Headers["webhook-signature"] ?? "", body));
        var answer = _plan.TryDequeue(out var planned) ? planned : FallbackStatus;
        if (answer == NoAnswer)
        {
            // Hold the request past the sender's timeout, then drop it.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            context.Response.Abort();
            return;
        }
        context.Response.StatusCode = answer;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // The listener's loop ends with the listener.
        }
        _stop.Dispose();
    }
}
