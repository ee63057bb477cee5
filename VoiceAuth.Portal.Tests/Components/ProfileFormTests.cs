using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Components.Account.Shared;
using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Tests.Components;

public sealed class ProfileFormTests : BunitContext
{
    private readonly ProfileForm.ProfileInput model = new();
    private int submitted;

    public ProfileFormTests()
    {
        Services.AddSingleton(new PhoneNumberValidator("GB", ["GB", "US"]));
    }

    private IRenderedComponent<ProfileForm> RenderForm() => Render<ProfileForm>(p => p
        .Add(f => f.Model, model)
        .Add(f => f.DefaultRegion, "GB")
        .Add(f => f.OnValidSubmit, (EditContext _) => submitted++));

    [Theory]
    [InlineData("+44 7400 123456")]
    [InlineData("07400 123456")] // national form, read in the default region
    [InlineData("+1 (201) 555-0123")]
    public void A_valid_mobile_number_is_accepted(string number)
    {
        var form = RenderForm();

        form.Find("#Input\\.PhoneNumber").Change(number);
        form.Find("form").Submit();

        Assert.Equal(1, submitted);
        Assert.Empty(form.FindAll(".va-error"));
    }

    [Theory]
    [InlineData("12", "does not exist")]
    [InlineData("call me maybe", "does not look like a phone number")]
    [InlineData("+44 20 7946 0123", "landline")]
    [InlineData("+44 909 879 0000", "premium-rate")]
    [InlineData("", "Enter the mobile number")]
    public void An_invalid_number_shows_why_and_is_not_submitted(string number, string message)
    {
        var form = RenderForm();

        form.Find("#Input\\.PhoneNumber").Change(number);
        form.Find("form").Submit();

        Assert.Equal(0, submitted);
        Assert.Contains(message, form.Find(".va-error").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_over_long_name_is_refused()
    {
        var form = RenderForm();

        form.Find("#Input\\.PhoneNumber").Change("+44 7400 123456");
        form.Find("#Input\\.DisplayName").Change(new string('x', 101));
        form.Find("form").Submit();

        Assert.Equal(0, submitted);
        Assert.Contains("at most 100", form.Find(".va-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hint_names_the_default_region()
    {
        var form = RenderForm();

        Assert.Contains("read as GB", form.Find(".va-hint").TextContent, StringComparison.Ordinal);
    }
}
