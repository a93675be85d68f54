namespace ChatBot.Language.Generation;

/// <summary>
/// Keeps sampled text valid UTF-8. GPT-2's tokens are bytes, and a Chinese character takes two or three of
/// them. Sampling can pick a token that cannot continue the character begun by the one before, which
/// decodes to U+FFFD. The guard stores each output token's bytes and tracks how many continuation bytes the
/// text still owes, so the sampler can skip tokens that would break the character.
/// </summary>
internal sealed class Utf8Guard
{
    private readonly byte[][] _outputBytes;

    /// <param name="outputBytes">The bytes of each output token, by index into the model's output logits.</param>
    public Utf8Guard(byte[][] outputBytes) => _outputBytes = outputBytes ?? throw new ArgumentNullException(nameof(outputBytes));

    /// <summary>Returns the continuation bytes still owed after <paramref name="index"/>'s bytes follow a text that owed <paramref name="owed"/>, or -1 when they break a character.</summary>
    public int After(int owed, int index)
    {
        foreach (var b in _outputBytes[index])
        {
            if (owed > 0)
            {
                if ((b & 0xC0) != 0x80)
                {
                    return -1;
                }

                owed--;
            }
            else if (b >= 0x80)
            {
                owed = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
                if (owed < 0)
                {
                    // A continuation byte, or a byte no UTF-8 sequence starts with.
                    return -1;
                }
            }
        }

        return owed;
    }
}
