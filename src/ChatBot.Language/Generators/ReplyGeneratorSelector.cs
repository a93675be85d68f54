using ChatBot.Core.Language;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Language.Generators;

/// <summary>
/// Builds the configured reply generator: the chat endpoint or the local model wrapped in a
/// <see cref="FallbackReplyGenerator"/>, or templates. Logs the choice and, when no model is
/// configured, how to train or configure one.
/// </summary>
public sealed partial class ReplyGeneratorSelector(
    IOptions<LanguageOptions> options,
    IConfiguration configuration,
    TemplateReplyGenerator templates,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ReplyGeneratorSelector>();

    public IReplyGenerator Create()
    {
        var settings = options.Value;
        var modelFolder = LanguagePaths.ModelFolder(configuration, settings);
        var kind = settings.Generator;
        if (kind == ReplyGeneratorKind.Auto)
        {
            kind = settings.OpenAI.IsConfigured ? ReplyGeneratorKind.OpenAI
                : GptModelFiles.Exists(modelFolder) ? ReplyGeneratorKind.Local
                : ReplyGeneratorKind.Templates;
        }

        switch (kind)
        {
            case ReplyGeneratorKind.OpenAI:
                var endpoint = settings.OpenAI;
                // User information in the URL may carry credentials, so the log shows the URL without it.
                var shownUrl = new UriBuilder(endpoint.BaseUrl!) { UserName = string.Empty, Password = string.Empty, Query = string.Empty }.Uri.GetLeftPart(UriPartial.Path);
                LogUsingOpenAI(_logger, shownUrl, endpoint.Model!);
                var chat = new OpenAIReplyGenerator(OpenAIReplyGenerator.CreateClient(endpoint), new ChatPromptFormatter(GptTokenizer.Instance), endpoint);
                return Wrap(chat, endpoint.TimeoutSeconds);

            case ReplyGeneratorKind.Local when GptModelFiles.Exists(modelFolder):
                if (settings.Local.Threads > 0)
                {
                    TorchSharp.torch.set_num_threads(settings.Local.Threads);
                }

                LocalGptReplyGenerator local;
                try
                {
                    var model = GptModelFiles.Load(modelFolder);
                    local = new LocalGptReplyGenerator(model, new TranscriptFormatter(GptTokenizer.Instance, model.Config.PromptFormat), settings.Local, loggerFactory);
                    LogUsingLocal(_logger, modelFolder, model.ParameterCount, model.Config.Layers, model.Config.Width);
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or System.Runtime.InteropServices.ExternalException or System.ComponentModel.DataAnnotations.ValidationException)
                {
                    // A damaged or foreign model must not keep the bot from replying.
                    LogLocalModelFailed(_logger, exception, modelFolder);
                    return templates;
                }

                return Wrap(local, settings.Local.TimeoutSeconds);

            case ReplyGeneratorKind.Local:
                LogLocalModelMissing(_logger, modelFolder);
                return templates;

            default:
                if (settings.Generator == ReplyGeneratorKind.Templates)
                {
                    LogUsingTemplates(_logger);
                }
                else
                {
                    LogNoModelConfigured(_logger, modelFolder);
                }

                return templates;
        }
    }

    private FallbackReplyGenerator Wrap(IReplyGenerator primary, double timeoutSeconds) =>
        new(primary, templates, TimeSpan.FromSeconds(timeoutSeconds), timeProvider, loggerFactory.CreateLogger<FallbackReplyGenerator>());

    [LoggerMessage(EventId = 5001, EventName = "UsingOpenAI", Level = LogLevel.Information,
        Message = "Replies are written by the chat endpoint {BaseUrl} with model {Model}; templates take over on errors and timeouts.")]
    private static partial void LogUsingOpenAI(ILogger logger, string baseUrl, string model);

    [LoggerMessage(EventId = 5002, EventName = "UsingLocalModel", Level = LogLevel.Information,
        Message = "Replies are written by the local GPT in {ModelFolder} ({Parameters} parameters, {Layers} layers, width {Width}); templates take over on errors and timeouts.")]
    private static partial void LogUsingLocal(ILogger logger, string modelFolder, long parameters, int layers, int width);

    [LoggerMessage(EventId = 5003, EventName = "UsingTemplates", Level = LogLevel.Information,
        Message = "Replies are written from templates (Language:Generator is Templates).")]
    private static partial void LogUsingTemplates(ILogger logger);

    [LoggerMessage(EventId = 5004, EventName = "NoReplyModel", Level = LogLevel.Warning,
        Message = "No reply model is configured, so replies are written from templates. Train the local model with 'dotnet run --project src/ChatBot.Host -c Release -- train-lm', adding the settings you start the bot with, such as --Catalog:MovieLensPath and --Data:Directory (it is saved to {ModelFolder}), or set Language:OpenAI:BaseUrl and Language:OpenAI:Model to use a chat endpoint.")]
    private static partial void LogNoModelConfigured(ILogger logger, string modelFolder);

    [LoggerMessage(EventId = 5006, EventName = "LocalModelLoadFailed", Level = LogLevel.Error,
        Message = "The local model in {ModelFolder} could not be loaded, so replies are written from templates. Train it again with 'dotnet run --project src/ChatBot.Host -c Release -- train-lm' and the settings you start the bot with, or fix Language:ModelPath.")]
    private static partial void LogLocalModelFailed(ILogger logger, Exception exception, string modelFolder);

    [LoggerMessage(EventId = 5005, EventName = "LocalModelMissing", Level = LogLevel.Error,
        Message = "Language:Generator is Local, but there is no model in {ModelFolder}; replies are written from templates. Train one with 'dotnet run --project src/ChatBot.Host -c Release -- train-lm' and the settings you start the bot with, or set Language:ModelPath.")]
    private static partial void LogLocalModelMissing(ILogger logger, string modelFolder);
}
