using System.Text.Json;

namespace ChatBot.Channels.Discord.Gateway;

/// <summary>A dispatch event (opcode 0) from the gateway.</summary>
/// <param name="Type">The event name ("READY", "MESSAGE_CREATE", "INTERACTION_CREATE").</param>
/// <param name="Sequence">The event's sequence number within the session.</param>
/// <param name="Data">The event data, detached from the receive buffer.</param>
public sealed record GatewayDispatch(string Type, long Sequence, JsonElement Data);
