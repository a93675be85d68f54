using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>
/// Plays Discord's side of the interactions endpoint: POSTs interaction JSON to 127.0.0.1, signed with an Ed25519
/// key pair made for the test, the way Discord signs with the application's private key.
/// </summary>
public sealed class SignedInteractionClient : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Gets the public key in the developer portal's form: 64 hexadecimal characters.</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>Gets or sets the endpoint URL, including the path.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Signs timestamp + body with this client's private key and returns the hexadecimal signature.</summary>
    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    /// <summary>POSTs a correctly signed interaction stamped with the current time.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode interaction) =>
        PostAsync(interaction.ToJsonString(), Now(), signature: null);

    /// <summary>POSTs a body; a null signature is computed over the timestamp and body, an empty one leaves the headers out.</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature != string.Empty)
        {
            request.Headers.Add("X-Signature-Ed25519", signature ?? Sign(timestamp, body));
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        return await _http.SendAsync(request).ConfigureAwait(false);
    }

    public static string Now(TimeSpan offset = default) =>
        (DateTimeOffset.UtcNow + offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _key.Dispose();
        _http.Dispose();
    }
}
