using ChatBot.Catalog;
using ChatBot.Host;
using ChatBot.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var commandLine = CommandLine.Parse(args);
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. commandLine.ConfigurationArguments],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddChatBot(runChannels: commandLine.Verb is null && !commandLine.WantsHelp);

try
{
    using var host = builder.Build();
    if (commandLine.WantsHelp)
    {
        return HostRunner.PrintHelp(host);
    }

    return commandLine.Verb is null
        ? await HostRunner.RunBotAsync(host)
        : await HostRunner.RunVerbAsync(host, commandLine.Verb, commandLine.VerbArguments);
}
catch (OptionsValidationException exception)
{
    return HostRunner.ReportConfigurationError(exception);
}
catch (CatalogMismatchException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 2;
}
catch (CatalogNotFoundException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 2;
}
catch (DataFolderInUseException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 1;
}
catch (Exception exception) when (HostRunner.FindConversionError(exception) is { } conversion)
{
    return HostRunner.ReportConversionError(conversion);
}
