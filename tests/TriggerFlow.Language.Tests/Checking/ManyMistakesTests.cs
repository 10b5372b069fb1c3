namespace TriggerFlow.Language.Tests.Checking;

public sealed class ManyMistakesTests
{
    [Fact]
    public void Every_mistake_in_a_file_is_reported_with_its_place_and_hint()
    {
        var text = """
            rule "welcome"
              status tset
              when viewed produkt
              and segment parnets and profile.contry = "US"
              send smss template "post-vist"
              control 60%
            """;

        var found = RulesFolder.CheckFile(text).Select(d => (d.Code, d.Span.Line, d.Span.Column, d.Hint!.Split('?')[0])).ToList();

        Assert.Equal(
            [
                ("TF0105", 2, 10, "did you mean `test`"),
                ("TF0100", 3, 8, "did you mean `viewed product`"),
                ("TF0104", 4, 15, "did you mean `parents`"),
                ("TF0106", 4, 35, "did you mean `country`"),
                ("TF0102", 5, 8, "did you mean `sms`"),
                ("TF0103", 5, 22, "did you mean `post-visit`"),
                ("TF0401", 6, 11, "use 50% or less; 10% is usual"),
            ],
            found);
    }
}
