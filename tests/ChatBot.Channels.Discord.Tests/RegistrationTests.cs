using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void IsConfigured_TokenMissingOrBlank_False()
    {
        Assert.False(DiscordServiceCollectionExtensions.IsConfigured(Configuration([])));
        Assert.False(DiscordServiceCollectionExtensions.IsConfigured(Configuration(new() { ["Discord:BotToken"] = "  " })));
        Assert.True(DiscordServiceCollectionExtensions.IsConfigured(Configuration(new() { ["Discord:BotToken"] = FakeDiscord.Token })));
    }

    [Fact]
    public void AddDiscordChannel_NoToken_AddsNoHostedService()
    {
        var services = new ServiceCollection();

        services.AddDiscordChannel(Configuration([]));

        Assert.DoesNotContain(services, descriptor => descriptor.ServiceType == typeof(IHostedService));
    }

    [Theory]
    [InlineData("Discord:ShardId", "2", "Discord:ShardId (2) must be lower than Discord:ShardCount (2)")]
    [InlineData("Discord:ApiBaseUrl", "discord.com/api", "Discord:ApiBaseUrl 'discord.com/api' is not an absolute http or https URL")]
    [InlineData("Discord:DevelopmentGuildId", "my-server", "Discord:DevelopmentGuildId must be a numeric snowflake id")]
    [InlineData("Discord:InteractionDeferAfterMilliseconds", "5000", "Discord:InteractionDeferAfterMilliseconds must be from 0 to 2500")]
    [InlineData("Discord:BotToken", "Bot MTIz.abc.def", "remove the leading 'Bot '")]
    [InlineData("Discord:BotToken", "not-a-token", "does not look like a bot token")]
    public async Task Start_InvalidSetting_FailsNamingKeyAndFix(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "MTIzNDU2.secret-part.more",
            ["Discord:ShardCount"] = "2",
            [key] = value,
        };
        using var host = BuildHost(settings);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DevelopmentGuild_OverwritesGuildCommandsWithLocalisations()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var host = await DiscordTestHost.StartAsync(discord, new ScriptedConversationHandler(), settings: new Dictionary<string, string?>
        {
            ["Discord:DevelopmentGuildId"] = "500000000000000009",
        });

        var list = await discord.WaitForRequestAsync(request => request.Method == "GET" && request.Path.EndsWith("/commands", StringComparison.Ordinal));
        var put = await discord.WaitForRequestAsync(request => request.Method == "PUT");

        Assert.Equal($"/applications/{FakeDiscord.ApplicationId}/guilds/500000000000000009/commands", put.Path);
        Assert.Equal("?with_localizations=true", list.Query);
        var commands = put.Json!.AsArray();
        Assert.Equal(
            new[] { "rate", "unrate", "ratings", "recommend", "similar", "forget", "link", "language" },
            commands.Select(command => (string?)command!["name"]));
        Assert.All(commands, command => Assert.False(string.IsNullOrEmpty((string?)command!["name_localizations"]!["zh-CN"])));
        Assert.All(commands, command => Assert.InRange(((string?)command!["description"])!.Length, 1, 100));
        var rate = commands[0]!;
        Assert.True((bool)rate["options"]![0]!["autocomplete"]!);
        Assert.Equal(10, rate["options"]![1]!["choices"]!.AsArray().Count);
    }

    [Fact]
    public async Task Register_SameCommandsAlreadyRegistered_SkipsOverwrite()
    {
        await using var discord = await FakeDiscord.StartAsync();
        var registered = JsonNode.Parse(JsonSerializer.Serialize(SlashCommands.All, DiscordJson.Options))!.AsArray();
        foreach (var command in registered)
        {
            // Discord adds fields of its own; they must not count as a difference.
            command!["id"] = "123";
            command["application_id"] = FakeDiscord.ApplicationId;
            command["version"] = "1";
        }

        discord.RegisteredCommands = registered;
        await using var host = await DiscordTestHost.StartAsync(discord, new ScriptedConversationHandler());

        await discord.WaitForRequestAsync(request => request.Method == "GET" && request.Path == $"/applications/{FakeDiscord.ApplicationId}/commands");
        await WaitForLogAsync(host, "are current");

        Assert.DoesNotContain(discord.Requests, request => request.Method == "PUT");
    }

    [Fact]
    public void SlashCommands_Names_FollowDiscordRules()
    {
        foreach (var command in SlashCommands.All)
        {
            Assert.Matches("^[a-z_-]{1,32}$", command.Name);
            Assert.InRange(command.NameLocalizations!["zh-CN"].Length, 1, 32);
            Assert.InRange(command.DescriptionLocalizations!["zh-CN"].Length, 1, 100);
            Assert.InRange(command.Options?.Count ?? 0, 0, 25);
            foreach (var option in command.Options ?? [])
            {
                Assert.Matches("^[a-z_-]{1,32}$", option.Name);
                Assert.InRange(option.Description.Length, 1, 100);
            }
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<Core.Messaging.IConversationHandler>(new ScriptedConversationHandler());
        builder.Services.AddDiscordChannel(builder.Configuration);
        return builder.Build();
    }

    private static async Task WaitForLogAsync(DiscordTestHost host, string fragment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Information, fragment))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
