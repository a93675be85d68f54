namespace ChatBot.Language.Checkpoints;

/// <summary>Downloads config.json and model.safetensors of a Hugging Face model id into a folder.</summary>
public sealed class HuggingFaceDownloader(HttpClient httpClient, Uri baseUrl)
{
    /// <summary>Downloads the checkpoint unless the folder already contains it, and returns the folder.</summary>
    /// <exception cref="InvalidOperationException">The download failed; the message says what to do without internet access.</exception>
    public async Task<string> DownloadAsync(string modelId, string folder, IProgress<(string File, long Bytes)>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (HuggingFaceCheckpoint.Exists(folder))
        {
            return folder;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in new[] { HuggingFaceCheckpoint.ConfigFileName, HuggingFaceCheckpoint.WeightsFileName })
        {
            var url = new Uri(baseUrl, $"{Uri.EscapeDataString(modelId).Replace("%2F", "/", StringComparison.Ordinal)}/resolve/main/{file}");
            var target = Path.Combine(folder, file);
            try
            {
                using var response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (var destination = File.Create(target + ".tmp"))
                {
                    var buffer = new byte[1 << 20];
                    long total = 0;
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        total += read;
                        progress?.Report((file, total));
                    }
                }

                File.Move(target + ".tmp", target, overwrite: true);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                File.Delete(target + ".tmp");
                throw new InvalidOperationException(
                    $"Downloading '{modelId}' from {url.GetLeftPart(UriPartial.Authority)} failed ({exception.Message}). If this machine has no internet access, download config.json and model.safetensors of the model elsewhere, copy them into a folder here and pass that folder instead of the model id.",
                    exception);
            }
        }

        return folder;
    }
}
