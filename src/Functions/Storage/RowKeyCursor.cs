using System.Text;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// A list's opaque cursor: the last row key of the page, base64url-encoded. Decoding checks the key against the list's own
/// row-key shape, so a cursor can never point a query outside the range it came from.
/// </summary>
public static class RowKeyCursor
{
    public static string Encode(string rowKey) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The row key in <paramref name="cursor"/>; a 400 <c>validation_failed</c> on <c>cursor</c> when it is not one <paramref name="isRowKey"/> accepts.</summary>
    public static string Decode(string cursor, Func<string, bool> isRowKey, string listName)
    {
        string rowKey;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            rowKey = Encoding.ASCII.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            rowKey = "";
        }
        return isRowKey(rowKey) ? rowKey : throw DomainException.Validation("cursor", $"Not a cursor of this {listName}; start from the first page.");
    }
}
