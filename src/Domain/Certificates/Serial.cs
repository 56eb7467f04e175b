using System.Security.Cryptography;
using System.Text;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// A certificate's serial: 12 symbols of Crockford's base32 (no I, L, O, U) written <c>XXXX-XXXX-XXXX</c>, the
/// last of which is a Luhn mod 32 check symbol. A mistyped symbol or two swapped neighbours are caught before the
/// registry is asked. Reading is forgiving as Crockford's is: case, spaces and hyphens are ignored, O reads as 0,
/// I and L as 1.
/// </summary>
public readonly record struct Serial
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 12;

    private Serial(string value) => Value = value;

    /// <summary>The canonical form, <c>XXXX-XXXX-XXXX</c>: the registry's key.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    public static Serial New()
    {
        var symbols = new char[Length - 1];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        var body = new string(symbols);
        return new Serial(Format(body + CheckSymbol(body)));
    }

    public static SerialReading Read(string? input)
    {
        var symbols = Normalize(input);
        if (symbols is null || symbols.Length != Length)
        {
            return new SerialReading(null, SerialProblem.Format);
        }
        return Fold(symbols) == 0
            ? new SerialReading(new Serial(Format(symbols)), SerialProblem.None)
            : new SerialReading(null, SerialProblem.CheckSymbol);
    }

    /// <summary>
    /// Damm's scheme over GF(32): each symbol folds in as <c>state·x + symbol</c> (polynomial x⁵ + x² + 1), and the
    /// check symbol brings the state to zero. Catches every single wrong symbol and every swap of two different neighbours.
    /// </summary>
    public static char CheckSymbol(string body) => Alphabet[Times2(Fold(body))];

    private static int Fold(string symbols)
    {
        var state = 0;
        foreach (var symbol in symbols)
        {
            state = Times2(state) ^ Alphabet.IndexOf(symbol, StringComparison.Ordinal);
        }
        return state;
    }

    private static int Times2(int element) => (element & 0x10) != 0 ? ((element << 1) ^ 0x25) & 0x1F : element << 1;

    private static string? Normalize(string? input)
    {
        if (input is null || input.Length > 40)
        {
            return null;
        }
        var symbols = new StringBuilder(Length);
        foreach (var c in input.ToUpperInvariant())
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            var read = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(read, StringComparison.Ordinal))
            {
                return null;
            }
            symbols.Append(read);
        }
        return symbols.ToString();
    }

    private static string Format(string symbols) => $"{symbols[..4]}-{symbols[4..8]}-{symbols[8..]}";
}

public enum SerialProblem
{
    None,
    Format,
    CheckSymbol,
}

public readonly record struct SerialReading(Serial? Serial, SerialProblem Problem);
