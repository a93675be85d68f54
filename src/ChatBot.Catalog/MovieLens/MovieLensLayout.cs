namespace ChatBot.Catalog.MovieLens;

/// <summary>The file layouts GroupLens has published MovieLens in.</summary>
public enum MovieLensLayout
{
    /// <summary>ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m: movies.csv, links.csv, ratings.csv and, optionally, tags.csv.</summary>
    Csv = 1,

    /// <summary>ml-1m and ml-10m: movies.dat and ratings.dat with "::" separators.</summary>
    DoubleColon = 2,

    /// <summary>ml-100k: u.item (pipe separated, ISO-8859-1) and u.data (tab separated).</summary>
    Ml100k = 3,
}

/// <summary>Finds which MovieLens layout a folder holds.</summary>
public static class MovieLensLayoutDetector
{
    public static MovieLensLayout? Detect(string folder)
    {
        if (File.Exists(Path.Combine(folder, "movies.csv")))
        {
            return MovieLensLayout.Csv;
        }

        if (File.Exists(Path.Combine(folder, "movies.dat")))
        {
            return MovieLensLayout.DoubleColon;
        }

        if (File.Exists(Path.Combine(folder, "u.item")))
        {
            return MovieLensLayout.Ml100k;
        }

        return null;
    }
}
