// Step 5 of extraction: the topics a statement is on, by the topics' names and keywords. Words are folded
// (plurals, -isation/-ization) so that "nuclear power" meets "nuclear powers" and "normalisation" meets
// "normalization".
namespace Statements.Api.Extraction;

public sealed class TopicTagger
{
    private readonly PhraseIndex<DirectoryTopic> phrases = new(Tokenizer.Fold);

    public TopicTagger(IEnumerable<DirectoryTopic> topics)
    {
        foreach (var topic in topics)
        {
            phrases.Add(topic.Name, topic);
            foreach (var keyword in topic.Keywords)
            {
                phrases.Add(keyword, topic);
            }
        }
    }

    /// <summary>The topics whose name or a keyword occurs in the text, in order of first occurrence.</summary>
    public List<DirectoryTopic> Tag(string text)
    {
        var topics = new List<DirectoryTopic>();
        foreach (var match in phrases.FindAll(Tokenizer.Tokenize(text)))
        {
            foreach (var topic in match.Values)
            {
                if (!topics.Contains(topic))
                {
                    topics.Add(topic);
                }
            }
        }
        return topics;
    }
}
