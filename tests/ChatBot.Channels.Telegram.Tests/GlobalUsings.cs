global using ChatBot.Channels.Telegram.Tests.FakeBotApi;
global using ChatBot.Channels.Telegram.Tests.Support;
