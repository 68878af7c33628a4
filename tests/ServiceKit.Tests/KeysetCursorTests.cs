namespace Concordat.ServiceKit.Tests;

public sealed class KeysetCursorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 0, 123, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0193a3b4-0000-7000-8000-000000000001");

    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_given()
    {
        var token = new KeysetCursor('c', At, Id).ToString();

        Assert.Equal(new KeysetCursor('c', At, Id), KeysetCursor.Parse(token, 'c'));
    }

    [Fact]
    public void A_cursor_is_safe_in_a_query_string()
    {
        var token = new KeysetCursor('s', DateTimeOffset.MaxValue, Guid.Parse("ffffffff-ffff-7fff-bfff-ffffffffffff")).ToString();

        Assert.DoesNotContain(token, c => c is '+' or '/' or '=' or '&' or '%');
    }

    [Fact]
    public void A_cursor_from_another_order_is_refused()
    {
        var changes = new KeysetCursor('s', At, Id).ToString();

        Assert.Null(KeysetCursor.Parse(changes, 'c'));
        Assert.NotNull(KeysetCursor.Parse(changes, 'c', 's'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("YzozMTU1Mzc4OTc2MDAwMDAwMDAwOjAxOTNhM2I0MDAwMDcwMDA4MDAwMDAwMDAwMDAwMDAx")] // c:<one tick past the last instant>:<id>
    [InlineData("YzoxMjM6bm90LWFuLWlk")] // c:123:not-an-id
    public void Anything_else_is_not_a_cursor(string token) =>
        Assert.Null(KeysetCursor.Parse(token, 'c'));
}
