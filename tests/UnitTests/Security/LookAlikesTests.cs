using SupportFunctions.Domain.Common;

namespace SupportFunctions.UnitTests.Security;

public sealed class LookAlikesTests
{
    [Theory]
    [InlineData("\u0441at", true)] // Cyrillic «с» + Latin «at»
    [InlineData("\u0430\u0441\u0435", true)] // «асе», all Cyrillic, every letter a Latin twin
    [InlineData("\u03bf\u03bd", true)] // Greek «ον» reads «ov»
    [InlineData("иван", false)]
    [InlineData("почта", false)]
    [InlineData("anna.b-2", false)]
    [InlineData("ivan-иван", true)]
    public void A_word_can_pass_for_another_when_it_mixes_scripts_or_is_spelled_only_with_latin_twins(string word, bool passes) =>
        Assert.Equal(passes, LookAlikes.CanPassForAnother(word));

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u200B")]
    [InlineData("\u0007")]
    [InlineData("\n")]
    [InlineData("\u00A0")]
    public void Controls_direction_overrides_and_invisible_spaces_are_invisible(string character) =>
        Assert.True(LookAlikes.HasInvisible($"Anna{character}Petrova"));

    [Fact]
    public void Ordinary_names_in_both_languages_are_visible() =>
        Assert.False(LookAlikes.HasInvisible("Анна Петрова-Smith, ООО «Ромашка» (№ 5)"));
}
