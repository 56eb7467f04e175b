using SupportFunctions.Domain.Certificates;

namespace SupportFunctions.UnitTests.Certificates;

public sealed class SerialTests
{
    [Fact]
    public void A_new_serial_reads_back_as_itself_however_it_is_typed()
    {
        var serial = Serial.New();

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", serial.Value);
        Assert.Equal(serial, Serial.Read(serial.Value).Serial);
        Assert.Equal(serial, Serial.Read(" " + serial.Value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() + " ").Serial);
    }

    [Fact]
    public void Every_single_mistyped_symbol_is_caught_by_the_check_symbol()
    {
        for (var n = 0; n < 50; n++)
        {
            var symbols = Serial.New().Value.Replace("-", "", StringComparison.Ordinal);
            for (var position = 0; position < symbols.Length; position++)
            {
                foreach (var other in Serial.Alphabet.Where(c => c != symbols[position]))
                {
                    var typo = symbols[..position] + other + symbols[(position + 1)..];
                    Assert.Equal(SerialProblem.CheckSymbol, Serial.Read(typo).Problem);
                }
            }
        }
    }

    [Fact]
    public void Swapping_two_different_neighbours_is_caught()
    {
        for (var n = 0; n < 200; n++)
        {
            var symbols = Serial.New().Value.Replace("-", "", StringComparison.Ordinal);
            for (var i = 0; i < symbols.Length - 1; i++)
            {
                if (symbols[i] == symbols[i + 1])
                {
                    continue;
                }
                var swapped = symbols[..i] + symbols[i + 1] + symbols[i] + symbols[(i + 2)..];
                Assert.NotEqual(SerialProblem.None, Serial.Read(swapped).Problem);
            }
        }
    }

    [Theory]
    [InlineData("7K2M9QX4TD8", 'M')]
    [InlineData("3VPN8GATE4W", 'F')]
    [InlineData("5SGN1FXW6ZA", 'Z')]
    public void The_check_symbol_is_the_one_the_web_form_computes(string body, char check) =>
        Assert.Equal(check, Serial.CheckSymbol(body));

    [Theory]
    [InlineData("")]
    [InlineData("7K2M-9QX4")]
    [InlineData("7K2M-9QX4-TD8B-1")]
    [InlineData("7K2M-9QX4-TD8!")]
    [InlineData("7K2M-9QX4-TD8U")]
    public void Wrong_lengths_and_foreign_symbols_are_a_format_problem(string typed) =>
        Assert.Equal(SerialProblem.Format, Serial.Read(typed).Problem);

    [Fact]
    public void Letters_that_look_like_digits_read_as_the_digits()
    {
        var serial = Serial.New().Value;
        var lookalike = serial.Replace('0', 'O').Replace('1', 'I');

        Assert.Equal(serial, Serial.Read(lookalike).Serial?.Value);
    }

    [Fact]
    public void An_activation_code_matches_only_itself_and_is_not_stored_in_clear()
    {
        var code = ActivationCode.New();
        var salt = ActivationCode.NewSalt();
        var hash = ActivationCode.Hash(code, salt);

        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), hash, StringComparison.Ordinal);
        Assert.True(ActivationCode.Matches(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), salt, hash));
        Assert.False(ActivationCode.Matches(ActivationCode.New(), salt, hash));
        Assert.False(ActivationCode.Matches(null, salt, hash));
        Assert.NotEqual(hash, ActivationCode.Hash(code, ActivationCode.NewSalt()));
    }
}
