using System.Net;
using System.Text;
using System.Text.Json;

namespace ChatBot.TestSupport;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1. Each request is recorded and answered
/// by the test's handler, which may also hold the response back until the test releases it.
/// </summary>
public sealed class FakeChatServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Func<JsonDocument, Task<(int Status, string Body)>> _handler;

    public FakeChatServer(Func<JsonDocument, Task<(int Status, string Body)>> handler)
    {
        _handler = handler;
        using (var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/v1/");
        }

        _listener.Prefixes.Add(BaseUrl.GetLeftPart(UriPartial.Authority) + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public List<(string Path, string? Authorization, JsonDocument Body)> Requests { get; } = [];

    /// <summary>Completes when the first request has arrived.</summary>
    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static (int Status, string Body) Completion(string content) => (200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    }));

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonDocument.Parse(await reader.ReadToEndAsync());
            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
            }

            RequestArrived.TrySetResult();
            var (status, text) = await _handler(body);
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout test) or the server is closing.
        }
    }
}
