namespace ChatBot.Conversations.Ranking;

/// <summary>The features the conversation ranker scores every candidate movie with; the model file stores a weight per name.</summary>
public enum RankingFeature
{
    /// <summary>The collaborative recommender's score from the person's ratings and "like X" requests, divided by the best candidate's.</summary>
    CollaborativeProfile = 0,

    /// <summary>The collaborative score from every movie named in the conversation that the person did not dislike, normalised likewise.</summary>
    CollaborativeConversation,

    /// <summary>The collaborative score from the last such movie named, normalised likewise.</summary>
    CollaborativeLast,

    /// <summary>ln(1 + public ratings).</summary>
    LogRatings,

    /// <summary>ln(1 + public ratings among the catalog's latest fifth).</summary>
    LogRecentRatings,

    /// <summary>The damped mean public rating, in stars.</summary>
    DampedMean,

    YearBefore1970,
    Year1970s,
    Year1980s,
    Year1990s,
    Year2000s,
    Year2010To2014,
    Year2015On,

    /// <summary>The share of requested genres the movie has, averaged over the person's messages that asked for genres.</summary>
    GenreAll,

    /// <summary>The share of requested genres the movie has, for the latest message that asked for genres.</summary>
    GenreLatest,

    /// <summary>The best share of requested genres over the person's last three messages.</summary>
    GenreRecent,

    /// <summary>The cosine between the movie's genres and the mean genres of the movies the person liked.</summary>
    GenreSimilarityLiked,

    /// <summary>The cosine between the movie's genres and the mean genres of every movie named in the conversation.</summary>
    GenreSimilarityMentioned,

    /// <summary>The cosine between the movie's genres and those of the last movie named that the person did not dislike.</summary>
    GenreSimilarityLast,

    /// <summary>exp(−|year − mean year of the named movies| / 10).</summary>
    YearSimilarityMentioned,

    /// <summary>exp(−|year − year of the last named movie| / 10).</summary>
    YearSimilarityLast,

    /// <summary>1 when the movie's year is in the range the person's latest message with years asked for.</summary>
    YearRequested,

    /// <summary>1 when the movie has a genre the person excluded ("no horror").</summary>
    ExcludedGenre,

    /// <summary>ln(1 + suggestions per 100 training dialogues), from the dialogue model.</summary>
    DialoguePrior,

    /// <summary>How often the movie was suggested after the movies named so far, from the dialogue model.</summary>
    DialogueFollowers,

    /// <summary><see cref="DialoguePrior"/> × <see cref="GenreAll"/>.</summary>
    DialoguePriorTimesGenre,

    /// <summary><see cref="LogRatings"/> × <see cref="GenreAll"/>.</summary>
    LogRatingsTimesGenre,

    /// <summary><see cref="Year2015On"/> × <see cref="GenreAll"/>.</summary>
    Year2015OnTimesGenre,

    /// <summary>ln(1 + BM25 match of the words of all the person's messages with the movie's public tags).</summary>
    TagMatchAll,

    /// <summary>ln(1 + BM25 match of the words of the person's latest message with the movie's public tags).</summary>
    TagMatchLatest,

    /// <summary>ln(1 + how often the movie was named in the mention counts of a larger dialogue collection).</summary>
    CommunityMentions,

    /// <summary><see cref="CommunityMentions"/> × <see cref="GenreAll"/>.</summary>
    CommunityMentionsTimesGenre,
}
