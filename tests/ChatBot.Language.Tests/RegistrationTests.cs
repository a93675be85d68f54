using ChatBot.Core.Hosting;
using ChatBot.Core.Language;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Generators;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Language.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddLanguage_NothingConfigured_UsesTemplates()
    {
        using var data = new TemporaryFolder("chatbot-data");
        using var provider = Build(new() { ["Data:Directory"] = data.Path });

        var generator = provider.GetRequiredService<IReplyGenerator>();

        Assert.IsType<TemplateReplyGenerator>(generator);
        Assert.Equal(["generate", "train-lm"], provider.GetServices<ICommandLineVerb>().Select(v => v.Name).Order());
    }

    [Fact]
    public void AddLanguage_ModelInDataDirectory_UsesLocalModelWithFallback()
    {
        using var data = new TemporaryFolder("chatbot-data");
        using (var model = TinyModels.Create(TinyModels.Dialogues))
        {
            GptModelFiles.Save(model, Path.Combine(data.Path, "models", "reply-gpt"));
        }

        using var provider = Build(new() { ["Data:Directory"] = data.Path });
        var generator = provider.GetRequiredService<IReplyGenerator>();

        var fallback = Assert.IsType<FallbackReplyGenerator>(generator);
        Assert.IsType<LocalGptReplyGenerator>(fallback.Primary);
        Assert.Equal("gpt-local", generator.Name);
    }

    [Fact]
    public void AddLanguage_DamagedModelFile_FallsBackToTemplates()
    {
        using var data = new TemporaryFolder("chatbot-data");
        var folder = Path.Combine(data.Path, "models", "reply-gpt");
        using (var model = TinyModels.Create(TinyModels.Dialogues))
        {
            GptModelFiles.Save(model, folder);
        }

        File.WriteAllBytes(Path.Combine(folder, GptModelFiles.WeightsFileName), [1, 2, 3]);
        using var provider = Build(new() { ["Data:Directory"] = data.Path });

        var generator = provider.GetRequiredService<IReplyGenerator>();

        Assert.IsType<TemplateReplyGenerator>(generator);
    }

    [Fact]
    public void AddLanguage_OpenAIConfigured_UsesChatEndpoint()
    {
        using var provider = Build(new()
        {
            ["Language:OpenAI:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["Language:OpenAI:Model"] = "llama3",
        });

        var generator = provider.GetRequiredService<IReplyGenerator>();

        Assert.IsType<OpenAIReplyGenerator>(Assert.IsType<FallbackReplyGenerator>(generator).Primary);
    }

    [Theory]
    [InlineData("Language:Generator", "OpenAI", "Language:OpenAI:BaseUrl or Language:OpenAI:Model is missing")]
    [InlineData("Language:Local:TopP", "0", "Language:Local:TopP must be above 0")]
    [InlineData("Language:OpenAI:TimeoutSeconds", "-1", "Language:OpenAI:TimeoutSeconds must be between")]
    [InlineData("Language:Local:MaxBatchSize", "0", "Language:Local:MaxBatchSize must be between 1")]
    [InlineData("Language:Local:BatchWindowMilliseconds", "-1", "Language:Local:BatchWindowMilliseconds must be between 0")]
    [InlineData("Language:Local:ParallelBatches", "-1", "Language:Local:ParallelBatches must be between 0")]
    [InlineData("Language:Local:MaxHistoryTurns", "-1", "Language:Local:MaxHistoryTurns must be between 0")]
    public async Task AddLanguage_InvalidValue_StopsHostNamingTheKey(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddLanguage(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLanguage(configuration);
        return services.BuildServiceProvider();
    }
}
