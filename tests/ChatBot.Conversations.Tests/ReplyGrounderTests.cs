using ChatBot.Conversations.Chat;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Tests;

public sealed class ReplyGrounderTests
{
    private static readonly ReplyGrounder Grounder = new(ConversationHarness.Index);

    [Fact]
    public void Ground_TemplateText_KeepsEveryNamedMovie()
    {
        var text = "Here are some movies you might enjoy: Pulp Fiction (1994), Forrest Gump (1994) and Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964).";

        var grounded = Grounder.Ground(text, _ => true, id => -id, 5);

        Assert.Equal([296, 356, 750], grounded.MovieIds.Order());
        Assert.Equal(0, grounded.DroppedSentences);
        Assert.Contains("Dr. Strangelove", grounded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ground_ModelOutput_RewritesTitlesToCatalogForm()
    {
        var text = "I recommend watching \"Mission Impossible: Fallout\" and \"the dark knight\".";

        var grounded = Grounder.Ground(text, _ => true, _ => 1, 5);

        Assert.Equal("I recommend watching Mission: Impossible - Fallout (2018) and The Dark Knight (2008).", grounded.Text);
        Assert.Equal([58559, 189333], grounded.MovieIds.Order());
    }

    [Fact]
    public void Ground_SentenceWithTitleMissingFromCatalog_IsDroppedButRealTitleKept()
    {
        // Avengers: Endgame (2019) is newer than ml-latest-small, so for this catalog it does not exist.
        var text = "I recommend watching \"Avengers: Endgame\" and \"Mission Impossible: Fallout\".";

        var grounded = Grounder.Ground(text, _ => true, _ => 1, 5);

        Assert.DoesNotContain("Endgame", grounded.Text, StringComparison.Ordinal);
        Assert.Equal([189333], grounded.MovieIds);
        Assert.Equal(1, grounded.DroppedSentences);
    }

    [Fact]
    public void Ground_InventedTitle_DropsItsSentence()
    {
        var text = "You will love Heat (1995). Also try \"The Crimson Llama Conspiracy\" (2011), a hidden gem.";

        var grounded = Grounder.Ground(text, _ => true, _ => 1, 5);

        Assert.Equal([6], grounded.MovieIds);
        Assert.DoesNotContain("Llama", grounded.Text, StringComparison.Ordinal);
        Assert.Equal(1, grounded.DroppedSentences);
    }

    [Fact]
    public void Ground_RatedMovieOnly_DropsSentenceAndKeepsOthers()
    {
        var rated = new HashSet<int> { 2571 };
        var text = "Watch The Matrix (1999) again! Or try Inception (2010).";

        var grounded = Grounder.Ground(text, m => !rated.Contains(m.Id), _ => 1, 5);

        Assert.Equal([79132], grounded.MovieIds);
        Assert.DoesNotContain("Matrix", grounded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ground_MoreMoviesThanRequested_KeepsTheBestScored()
    {
        var text = "Try Heat (1995). Try Ronin (1998). Try Collateral (2004).";
        var scores = new Dictionary<int, double> { [6] = 0.2, [2278] = 0.9, [8798] = 0.5 };

        var grounded = Grounder.Ground(text, _ => true, id => scores.GetValueOrDefault(id), 2);

        Assert.Equal(2, grounded.MovieIds.Count);
        Assert.DoesNotContain(6, grounded.MovieIds);
        Assert.DoesNotContain("Heat", grounded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ground_SentenceWithoutTitles_IsKept()
    {
        var grounded = Grounder.Ground("Great choice! Try Heat (1995).", _ => true, _ => 1, 3);

        Assert.StartsWith("Great choice!", grounded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ground_ChineseSentences_DropsOnlyTheInventedOne()
    {
        var text = "推荐你看“Blade Runner (1982)”。还有“长城奇幻之旅 (2011)”，非常精彩。";

        var grounded = Grounder.Ground(text, _ => true, _ => 1, 3);

        Assert.Equal([541], grounded.MovieIds);
        Assert.Equal("推荐你看“Blade Runner (1982)”。", grounded.Text);
        Assert.Equal(1, grounded.DroppedSentences);
    }
}
