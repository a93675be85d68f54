using System.ClientModel;
using System.Diagnostics;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Prompts;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ChatBot.Language.Generators;

/// <summary>Writes replies with an OpenAI-compatible chat endpoint through Microsoft.Extensions.AI's <see cref="IChatClient"/>.</summary>
public sealed class OpenAIReplyGenerator : IReplyGenerator, IDisposable
{
    public const string GeneratorName = "openai";

    private readonly IChatClient _client;
    private readonly ChatPromptFormatter _formatter;
    private readonly OpenAIEndpointOptions _options;

    public OpenAIReplyGenerator(IChatClient client, ChatPromptFormatter formatter, OpenAIEndpointOptions options)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _formatter = formatter ?? throw new ArgumentNullException(nameof(formatter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public string Name => GeneratorName;

    /// <summary>Creates the chat client for the configured endpoint; local servers accept any key, so a missing key is sent as "none".</summary>
    public static IChatClient CreateClient(OpenAIEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("Language:OpenAI:BaseUrl and Language:OpenAI:Model must both be set to use a chat endpoint.");
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Model!).AsIChatClient();
    }

    /// <exception cref="InvalidOperationException">The endpoint returned no text.</exception>
    public async Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var messages = _formatter.Format(request, _options.MaxPromptTokens);
        var chatOptions = new ChatOptions
        {
            Temperature = (float)_options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
        };
        var response = await _client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        var text = response.Text.Trim();
        if (text.Length == 0)
        {
            throw new InvalidOperationException($"The chat endpoint's model '{_options.Model}' returned an empty reply.");
        }

        return new GeneratedReply(text, GeneratorName, stopwatch.Elapsed);
    }

    public void Dispose() => _client.Dispose();
}
