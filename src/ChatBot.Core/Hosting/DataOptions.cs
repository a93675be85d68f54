using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Hosting;

/// <summary>Where the bot keeps its database, downloaded catalog and trained models; bound from "Data".</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Gets or sets the data folder, relative to the working directory or absolute. Default: "data".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Data:Directory must name a folder, for example --Data:Directory=./data.")]
    public string Directory { get; set; } = "data";

    /// <summary>Gets the data folder as an absolute path.</summary>
    public string FullPath => Path.GetFullPath(Directory);

    /// <summary>Returns the absolute path of a file or folder inside the data folder.</summary>
    public string Resolve(params string[] parts) => Path.Combine([FullPath, .. parts]);
}
