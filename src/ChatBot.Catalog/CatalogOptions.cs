using System.ComponentModel.DataAnnotations;

namespace ChatBot.Catalog;

/// <summary>Where the movie catalog comes from; bound from "Catalog".</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The download that the "download" verb fetches when no folder is configured.</summary>
    public const string DefaultDownloadUrl = "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip";

    /// <summary>
    /// Gets or sets a MovieLens folder (ml-latest-small, ml-latest, ml-25m, ml-1m, ml-10m or ml-100k layout).
    /// Default: none, in which case the copy that the "download" verb put under the data folder is used.
    /// </summary>
    public string? MovieLensPath { get; set; }

    /// <summary>
    /// Gets or sets whether the host downloads the catalog at start when <see cref="MovieLensPath"/> is not set
    /// and no downloaded copy exists. Default: true. Offline machines fail fast with a message either way.
    /// </summary>
    public bool AutoDownload { get; set; } = true;

    /// <summary>Gets or sets the zip archive the "download" verb fetches. Default: GroupLens' ml-latest-small.zip.</summary>
    [Required(AllowEmptyStrings = false)]
    [Url(ErrorMessage = "Catalog:DownloadUrl must be an absolute http or https URL.")]
    public string DownloadUrl { get; set; } = DefaultDownloadUrl;

    /// <summary>Gets or sets how long the download may take before it is abandoned, in seconds. Default: 600.</summary>
    [Range(5, 86_400, ErrorMessage = "Catalog:DownloadTimeoutSeconds must be between 5 and 86400.")]
    public int DownloadTimeoutSeconds { get; set; } = 600;
}
