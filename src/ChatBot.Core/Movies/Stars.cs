using System.Globalization;

namespace ChatBot.Core.Movies;

/// <summary>A rating from 0.5 to 5 stars in half-star steps, stored as a count of half stars.</summary>
public readonly record struct Stars : IComparable<Stars>
{
    public const int MinHalfStars = 1;
    public const int MaxHalfStars = 10;

    private Stars(int halfStars) => HalfStars = halfStars;

    /// <summary>Gets the rating in half stars, 1 to 10.</summary>
    public int HalfStars { get; }

    /// <summary>Gets the rating in stars, 0.5 to 5.</summary>
    public double Value => HalfStars / 2.0;

    public static Stars FromHalfStars(int halfStars) =>
        TryFromHalfStars(halfStars, out var stars)
            ? stars
            : throw new ArgumentOutOfRangeException(nameof(halfStars), halfStars, "A rating is 1 to 10 half stars.");

    public static bool TryFromHalfStars(int halfStars, out Stars stars)
    {
        stars = new Stars(halfStars);
        return halfStars is >= MinHalfStars and <= MaxHalfStars;
    }

    /// <summary>Converts a star value; values between half-star steps are rejected, never rounded.</summary>
    public static bool TryFromValue(double value, out Stars stars)
    {
        stars = default;
        if (!double.IsFinite(value))
        {
            return false;
        }

        var doubled = value * 2;
        var rounded = Math.Round(doubled);
        if (Math.Abs(doubled - rounded) > 1e-9)
        {
            return false;
        }

        return TryFromHalfStars((int)rounded, out stars);
    }

    public static Stars FromValue(double value) =>
        TryFromValue(value, out var stars)
            ? stars
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A rating is 0.5 to 5 stars in half-star steps.");

    public int CompareTo(Stars other) => HalfStars.CompareTo(other.HalfStars);

    public static bool operator <(Stars left, Stars right) => left.HalfStars < right.HalfStars;

    public static bool operator >(Stars left, Stars right) => left.HalfStars > right.HalfStars;

    public static bool operator <=(Stars left, Stars right) => left.HalfStars <= right.HalfStars;

    public static bool operator >=(Stars left, Stars right) => left.HalfStars >= right.HalfStars;

    /// <summary>Formats as "4.5" or "4".</summary>
    public override string ToString() => Value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Formats with star glyphs: "★★★★½".</summary>
    public string ToGlyphs() => new string('★', HalfStars / 2) + (HalfStars % 2 == 1 ? "½" : string.Empty);
}
