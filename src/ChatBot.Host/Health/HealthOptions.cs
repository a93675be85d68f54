using System.ComponentModel.DataAnnotations;

namespace ChatBot.Host.Health;

/// <summary>The optional HTTP endpoint for liveness, readiness and metrics; bound from "Health".</summary>
public sealed class HealthOptions : IValidatableObject
{
    public const string SectionName = "Health";

    /// <summary>Gets or sets whether the endpoint runs. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Gets or sets the address the endpoint listens on. Default: http://127.0.0.1:8080, reachable from this
    /// machine only; in a container use http://0.0.0.0:8080 and publish the port deliberately.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Url { get; set; } = "http://127.0.0.1:8080";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            yield return new ValidationResult(
                $"Health:Url must be an http address with a host and port and no path, such as http://127.0.0.1:8080; it is '{Url}'.",
                [nameof(Url)]);
        }
    }
}
