using System.Text;
using ChatBot.Core.Messaging;

namespace ChatBot.Channels.Console;

/// <summary>Renders replies as plain text: the message, numbered movie lines, the footer, and the choices.</summary>
public static class ConsoleReplyRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var builder = new StringBuilder();
        builder.Append(reply.Text.TrimEnd());
        for (var i = 0; i < reply.Movies.Count; i++)
        {
            var movie = reply.Movies[i];
            builder.AppendLine();
            builder.Append($"{i + 1,2}. {movie.DisplayTitle}");
            if (movie.Detail is not null)
            {
                builder.Append($"  {movie.Detail}");
            }

            if (movie.Genres.Count > 0)
            {
                builder.Append($"  [{string.Join(", ", movie.Genres)}]");
            }

            if (movie.Reason is not null)
            {
                builder.Append($" - {movie.Reason}");
            }
        }

        if (reply.Footer is not null)
        {
            builder.AppendLine();
            builder.Append(reply.Footer.TrimEnd());
        }

        return builder.ToString();
    }
}
