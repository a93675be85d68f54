using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Hosting;

/// <summary>Where the bot keeps its database, downloaded catalog and trained models; bound from "Data".</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Gets or sets the data folder, relative to the working directory or absolute. Default: "data".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Data:Directory must name a folder, for example --Data:Directory=./data.")]
    public string Directory { get; set; } = "data";

    /// <summary>
    /// Gets or sets whether each rating, rating removal and "seen it"/"not interested" mark reaches the storage
    /// device before the bot confirms it, so that a power cut cannot lose it. Writes that arrive
    /// together share one flush. Default: true; false leaves the writes to the operating system, which still
    /// survives a crash of the bot but not of the machine.
    /// </summary>
    public bool SyncRatingWrites { get; set; } = true;

    /// <summary>Gets the data folder as an absolute path.</summary>
    public string FullPath => Path.GetFullPath(Directory);

    /// <summary>Returns the absolute path of a file or folder inside the data folder.</summary>
    public string Resolve(params string[] parts) => Path.Combine([FullPath, .. parts]);
}
