using System.Globalization;

namespace SupportFunctions.Domain.Common;

/// <summary>
/// Text that can pass for other text on screen: letters of two scripts mixed in one word (Cyrillic «с» in a Latin
/// «cat»), a word of Cyrillic or Greek letters that all have a Latin twin («асе» reads as «ace»), and characters that
/// are not seen at all (format characters such as zero-width spaces and bidirectional overrides, controls).
/// </summary>
public static class LookAlikes
{
    // Cyrillic and Greek small letters drawn like a small Latin letter in common fonts (addresses are compared in lower case).
    private const string LatinTwins = "аеорсухіјѕԁԛԝһӏԍѡοανιυϲ";

    private enum Script { None, Latin, Cyrillic, Greek, Other }

    /// <summary>True for characters nobody sees: controls, format characters (bidi overrides, zero-width), separators other than the space.</summary>
    public static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
        || c is '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000';

    public static bool HasInvisible(string text) => text.Any(IsInvisible);

    /// <summary>
    /// True when a word (a part of an address or a domain label) could be read as another: its letters come from more
    /// than one of Latin, Cyrillic and Greek, or it is Cyrillic or Greek and every letter has a Latin twin.
    /// </summary>
    public static bool CanPassForAnother(string word)
    {
        var scripts = word.Where(char.IsLetter).Select(ScriptOf).Where(s => s != Script.None).Distinct().ToList();
        if (scripts.Count(s => s is Script.Latin or Script.Cyrillic or Script.Greek) > 1)
        {
            return true;
        }
        var letters = word.Where(char.IsLetter).Select(char.ToLowerInvariant).ToList();
        return scripts is [Script.Cyrillic or Script.Greek] && letters.All(c => LatinTwins.Contains(c, StringComparison.Ordinal));
    }

    private static Script ScriptOf(char c) => c switch
    {
        (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF') => Script.Latin,
        (>= '\u0400' and <= '\u052F') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F') => Script.Cyrillic,
        (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF') => Script.Greek,
        _ => Script.Other,
    };
}
