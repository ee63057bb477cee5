namespace VoiceAuth.SampleShop;

/// <summary>Section <c>Shop</c>: the shop's own accounts. A real shop keeps password hashes in its database.</summary>
public sealed class ShopOptions
{
    public List<ShopUser> Users { get; set; } = [];
}
