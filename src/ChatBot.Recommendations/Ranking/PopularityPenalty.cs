namespace ChatBot.Recommendations.Ranking;

/// <summary>The guard against all-blockbuster lists: positive scores shrink with the movie's rating count.</summary>
public static class PopularityPenalty
{
    /// <summary>Returns score / ratingCount^β for a positive score; other scores (and β = 0) pass unchanged.</summary>
    public static float Apply(float score, int ratingCount, double exponent) =>
        exponent <= 0 || score <= 0 ? score : (float)(score / Math.Pow(Math.Max(ratingCount, 1), exponent));
}
