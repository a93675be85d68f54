using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace ChatBot.Channels.Discord.Endpoint;

/// <summary>The outcome of checking one request's signature headers.</summary>
internal enum SignatureCheck
{
    Valid,
    MissingHeaders,
    InvalidSignature,
    StaleTimestamp,
}

/// <summary>
/// Verifies the Ed25519 signature Discord puts on every interactions request. X-Signature-Ed25519 contains the
/// hexadecimal signature of the X-Signature-Timestamp value followed by the raw request body, made with the
/// application's private key. A timestamp more than five minutes from now is rejected, so a recorded request cannot be replayed later.
/// </summary>
internal sealed class SignatureVerifier(PublicKey publicKey, TimeProvider timeProvider)
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>The largest accepted difference between the request's timestamp and this machine's clock.</summary>
    public static readonly TimeSpan MaxClockDifference = TimeSpan.FromMinutes(5);

    private const int SignatureBytes = 64;

    /// <param name="signatureHex">The X-Signature-Ed25519 header, or null.</param>
    /// <param name="timestamp">The X-Signature-Timestamp header: Unix time in seconds, or null.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    public SignatureCheck Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (signatureHex.Length != SignatureBytes * 2 || !signatureHex.All(char.IsAsciiHexDigit))
        {
            return SignatureCheck.InvalidSignature;
        }

        var signature = Convert.FromHexString(signatureHex);
        var signedLength = Encoding.UTF8.GetByteCount(timestamp) + body.Length;
        var signed = new byte[signedLength];
        var timestampLength = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(timestampLength));
        if (!SignatureAlgorithm.Ed25519.Verify(publicKey, signed, signature))
        {
            return SignatureCheck.InvalidSignature;
        }

        // NOTE: Discord's documentation does not state the timestamp's format. This code expects Unix time in seconds,
        // as community verification libraries do, and treats any other format as stale.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.StaleTimestamp;
        }

        var difference = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return difference.Duration() > MaxClockDifference ? SignatureCheck.StaleTimestamp : SignatureCheck.Valid;
    }
}
