using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

public sealed class PhoneNumberValidatorTests
{
    private readonly PhoneNumberValidator us = new("US", ["US", "GB", "FR"]);

    [Theory]
    [InlineData("201-555-0123", "+12015550123")]
    [InlineData("+1 (201) 555-0123", "+12015550123")]
    [InlineData("+44 7400 123456", "+447400123456")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    public void Valid_numbers_are_normalised_to_E164(string input, string e164)
    {
        var check = us.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(e164, check.E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("+999 1234")]
    [InlineData("+1 800 555 0199")] // toll-free
    [InlineData("+44 20 7946 0123")] // London landline
    [InlineData("+1 201 555 0123 0000000000000000000000")]
    public void Numbers_that_cannot_be_called_are_refused_with_a_reason(string? input)
    {
        var check = us.Check(input);

        Assert.False(check.IsValid);
        Assert.Null(check.E164);
        Assert.False(string.IsNullOrWhiteSpace(check.Error));
    }

    [Fact]
    public void Without_an_allow_list_only_the_operators_own_country_is_called()
    {
        var usOnly = new PhoneNumberValidator("US");

        Assert.True(usOnly.Check("+1 201 555 0123").IsValid);
        var abroad = usOnly.Check("+44 7400 123456");
        Assert.False(abroad.IsValid);
        Assert.Contains("does not call numbers in that country", abroad.Error, StringComparison.Ordinal);
        Assert.Contains("US", abroad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_keeps_only_the_country_code_and_last_two_digits()
    {
        Assert.Equal("+1•••••23", PhoneNumberValidator.Mask("+12015550123"));
        Assert.Equal("(none)", PhoneNumberValidator.Mask(null));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("DE")]
    public void The_example_the_forms_show_is_a_number_the_operator_calls(string region)
    {
        var validator = new PhoneNumberValidator(region);

        var check = validator.Check(validator.Example);

        Assert.True(check.IsValid, $"{validator.Example}: {check.Error}");
    }
}
