// The whole pipeline in process: the candidates' offsets, texts and statement fields, and its robustness.
using Statements.Api.Extraction;
using Statements.Api.Officials;
using Statements.Api.Statements;

namespace Statements.Api.Tests.Extraction;

public sealed class StatementExtractorTests
{
    private static readonly StatementExtractor Extractor = TestDirectory.Extractor();

    [Fact]
    public void OffsetsCountUtf16CodeUnitsAndAQuotesTextIsExactlyItsSpan()
    {
        const string text = "Lavrov 🇷🇺 arrived. “We have no illusions — none at all,” Lavrov said.";

        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal("We have no illusions — none at all", candidate.Text);
        Assert.Equal(candidate.Text, text[candidate.Start..candidate.End]);
        Assert.Equal(text.IndexOf("We have", StringComparison.Ordinal), candidate.Start);
    }

    [Fact]
    public void ASplitQuoteSpansItsPartsAndJoinsTheirWords()
    {
        const string text = "“We have common interests in strategic stability,” Lavrov said. “We are in favor of a comprehensive approach.”";

        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal("We have common interests in strategic stability. We are in favor of a comprehensive approach.", candidate.Text);
        Assert.Equal(text.IndexOf("We have", StringComparison.Ordinal), candidate.Start);
        Assert.Equal(text.LastIndexOf('.') , candidate.End - 1);
    }

    [Theory]
    [InlineData("“I have been very clear,” Lavrov said, “that Russia will not pay more.”", "I have been very clear that Russia will not pay more.")]
    [InlineData("“What I will not do,” Lavrov told reporters, “is accept those terms.”", "What I will not do is accept those terms.")]
    public void AQuoteWhoseSentenceRunsOnPastItsAttributionIsOneStatement(string text, string joined)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal(joined, candidate.Text);
        Assert.Equal(TestDirectory.Lavrov, candidate.OfficialId);
    }

    [Theory]
    [InlineData("Hamad Al-Mutairi, an energy economist at King Saud University, cautioned that Gulf states risked a new dependency.")]
    [InlineData("“That is not diversification,” said Hamad Al-Mutairi, an energy economist at King Saud University.")]
    public void AnOrganisationAfterANameIsNotTheSpeaker(string text)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal(("Hamad Al-Mutairi", SpeakerMatch.Unknown), (candidate.Speaker.Name, candidate.Speaker.MatchedBy));
    }

    [Theory]
    [InlineData("Downing Street said the Prime Minister had full confidence in his Chancellor.")]
    [InlineData("The International Boundary and Water Commission said in a statement that Mexico owes more water.")]
    [InlineData("The National Weather Service said the river would crest at about 58 feet early Saturday.")]
    [InlineData("The Federal Aviation Authority said the runway would reopen on Monday.")]
    public void AnOrganisationNamedLikeAPersonSpeaksForNoOfficial(string text) =>
        Assert.Empty(Extractor.Extract(text));

    [Fact]
    public void AQuoteOverParagraphsAfterAParagraphEndingWithAColonIsOneStatementOfItsSpeaker()
    {
        const string text = "In his speech, Lavrov laid out the plan in detail:\n\n“First, we will build a service for the whole country.\n\n" +
            "“Second, we will double the fleet of water bombers by 2028.”\n\nThe proposal drew a cautious response.";

        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((TestDirectory.Lavrov, StatementKind.Quote), (candidate.OfficialId, candidate.Kind));
        Assert.Equal("First, we will build a service for the whole country. Second, we will double the fleet of water bombers by 2028.", candidate.Text);
    }

    [Fact]
    public void ATranscriptQuestionLabelledWithItsOutletIsNotPartOfTheAnswerBeforeIt()
    {
        const string text = "LAVROV: We are ready to talk about strategic stability.\n\nQUESTION (Reuters): Minister, will the talks go ahead next week?\n\n" +
            "LAVROV (through an interpreter): That depends on our partners in Washington.";

        var candidates = Extractor.Extract(text);

        Assert.Equal(["We are ready to talk about strategic stability.", "That depends on our partners in Washington."], candidates.Select(c => c.Text));
        Assert.All(candidates, c => Assert.Equal(TestDirectory.Lavrov, c.OfficialId));
    }

    [Fact]
    public void AParaphraseIsItsClauseMadeASentence()
    {
        const string text = "The United States and Russia have not yet agreed on the agenda of the talks, the head of Russian diplomacy said.";

        var candidate = Assert.Single(Extractor.Extract(text, new DateOnly(2021, 6, 2)));

        Assert.Equal(StatementKind.Paraphrase, candidate.Kind);
        Assert.Equal("The United States and Russia have not yet agreed on the agenda of the talks", text[candidate.Start..candidate.End]);
        Assert.Equal("The United States and Russia have not yet agreed on the agenda of the talks.", candidate.Text);
        Assert.Equal((TestDirectory.Lavrov, SpeakerMatch.Role), (candidate.Speaker.OfficialId!.Value, candidate.Speaker.MatchedBy));
    }

    [Theory]
    [InlineData("Lavrov arrived in Geneva on Monday. Washington expects every member to present a credible plan by June, he said.")]
    [InlineData("Lavrov arrived in Geneva on Monday. Each minister must present a credible plan by June, he said.")]
    public void APronounAfterAReportedClauseIsNotTheClausesOwnSubject(string text)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((TestDirectory.Lavrov, SpeakerMatch.Pronoun), (candidate.Speaker.OfficialId!.Value, candidate.Speaker.MatchedBy));
    }

    [Fact]
    public void ACandidateCarriesWhatAStatementNeeds()
    {
        const string text = "“We have common interests in strategic stability,” Lavrov said ahead of the June 16 summit in Geneva.";

        var candidate = Assert.Single(Extractor.Extract(text, new DateOnly(2021, 6, 2), "en", sourceId: 42));

        Assert.Equal(TestDirectory.Lavrov, candidate.OfficialId);
        Assert.Equal(candidate.Speaker.OfficialId, candidate.OfficialId);
        Assert.Equal("en", candidate.Language);
        Assert.Equal(new DateOnly(2021, 6, 2), candidate.SaidOn);
        Assert.Equal(["strategic-stability"], candidate.Topics);
        Assert.Equal([2L], candidate.TopicIds);
        Assert.Equal(TestDirectory.GenevaSummit, candidate.MeetingId);
        Assert.Equal(42, candidate.SourceId);
        Assert.InRange(candidate.Confidence, 0.9, 1.0);
    }

    [Fact]
    public void WithoutALanguageOrDateTheCandidateIsEnglishAndUndated()
    {
        var candidate = Assert.Single(Extractor.Extract("“Dialogue is better than no dialogue,” Lavrov said."));

        Assert.Equal("en", candidate.Language);
        Assert.Null(candidate.SaidOn);
        Assert.Null(candidate.SourceId);
    }

    [Fact]
    public void TheSampleArticleGivesItsTenStatements()
    {
        var candidates = Extractor.Extract(TestDirectory.SampleArticle);

        Assert.Equal(10, candidates.Count);
        Assert.Equal(9, candidates.Count(c => c.OfficialId == TestDirectory.Lavrov));
        var blinken = Assert.Single(candidates, c => c.OfficialId == TestDirectory.Blinken);
        Assert.Equal((StatementKind.Paraphrase, SpeakerMatch.Alias), (blinken.Kind, blinken.Speaker.MatchedBy));
        Assert.Equal([StatementKind.Paraphrase, StatementKind.Paraphrase, StatementKind.Quote, StatementKind.Paraphrase, StatementKind.Paraphrase,
            StatementKind.Quote, StatementKind.Quote, StatementKind.Paraphrase, StatementKind.Quote, StatementKind.Paraphrase], candidates.Select(c => c.Kind));
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("no full stops")]
    [InlineData("quote marks")]
    [InlineData("dashes and lone marks")]
    [InlineData("short quotes")]
    public void TheLargestTextsAreExtractedInLinearTime(string kind)
    {
        // About the largest text a request takes (a million characters): quadratic work would take minutes.
        var articles = string.Join("\n\n", System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Extraction", "Articles"), "*.txt").Select(File.ReadAllText));
        var unit = kind switch
        {
            "articles" => articles + "\n\n",
            "no full stops" => "Lavrov said that the talks, which were useful, would go on, and Blinken said the plan was good, ",
            "quote marks" => "\"We agree,\" he said, \"and we \"don't\" ",
            "short quotes" => "\"Yes,\" he said. ",
            _ => "- We have contacts \" \" Lavrov said ",
        };
        var text = string.Concat(Enumerable.Repeat(unit, 1_000_000 / unit.Length));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var candidates = Extractor.Extract(text, new DateOnly(2024, 3, 12));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{kind}: {clock.Elapsed.TotalSeconds:0.0} s for {text.Length} characters, {candidates.Count} candidates");
    }

    private static readonly StatementExtractor Commons = new(new ExtractionDirectory(
        [
            new DirectoryOfficial(1, "keir-starmer", "Keir Starmer", null, ["Sir Keir Starmer"], "GB",
                [new Role("Prime Minister of the United Kingdom", "Government of the United Kingdom", "GB", new DateOnly(2024, 7, 5), null)]),
            new DirectoryOfficial(2, "lindsay-hoyle", "Lindsay Hoyle", null, ["Sir Lindsay Hoyle"], "GB",
                [new Role("Speaker of the House of Commons", "House of Commons", "GB", new DateOnly(2019, 11, 4), null)]),
            new DirectoryOfficial(3, "kaja-kallas", "Kaja Kallas", null, [], "EE",
                [new Role("Vice-President of the European Commission", "European Commission", null, new DateOnly(2024, 12, 1), null)]),
        ], [], []));

    [Theory]
    [InlineData("“We inherited a mess,” Sir Keir said.", 1L)]
    [InlineData("Sir Lindsay Hoyle rose. “He may wish to save his voice for it,” the Speaker said drily.", 2L)]
    [InlineData("“Order! Order!” Sir Lindsay Hoyle called.", 2L)]
    public void KnightsByTitleAndGivenNameAndTheSpeakerByTheHeadOfHisTitle(string text, long officialId)
    {
        var candidate = Assert.Single(Commons.Extract(text, new DateOnly(2026, 11, 20)));

        Assert.Equal(officialId, candidate.OfficialId);
    }

    [Fact]
    public void ThePresidentIsNotAVicePresident()
    {
        var candidates = Commons.Extract("Kaja Kallas said the talks were over. The president said the court would rule next year.", new DateOnly(2026, 11, 20));

        Assert.Equal([3L, null], candidates.Select(c => c.OfficialId));
    }

    [Theory]
    [InlineData("Marc van der Woude said the judges would rule early next year.", "Marc van der Woude")]
    [InlineData("Costa's spokesperson said the summit would go ahead as planned.", "Costa's spokesperson")]
    [InlineData("“It’s theatre,” one Labour whip said afterwards.", "one Labour whip")]
    [InlineData("A NATO official told us the final language was agreed after long talks.", "A NATO official")]
    public void PeopleTheDatabaseDoesNotKnowAreNamedAsWritten(string text, string name)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((name, SpeakerMatch.Unknown), (candidate.Speaker.Name, candidate.Speaker.MatchedBy));
    }

    [Theory]
    [InlineData("Lavrov responded within minutes, writing on Facebook that Moscow would not be lectured by anyone.", "Moscow would not be lectured by anyone.")]
    [InlineData("Lavrov said the talks would go on, prompting laughter from reporters.", "The talks would go on.")]
    [InlineData("Lavrov said the West had lost its way, a remark that drew applause in the hall.", "The West had lost its way.")]
    [InlineData("“She switches off for an hour a week,” jokes Lavrov.", "She switches off for an hour a week")]
    public void WhatWasSaidEndsWhereTheReactionToItBegins(string text, string said)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((said, TestDirectory.Lavrov), (candidate.Text, candidate.OfficialId));
    }

    [Theory]
    [InlineData("Marina Tavares Nunes said the talks were stuck, citing a dispute over coal.", "The talks were stuck.")]
    [InlineData("Lavrov said the sanctions had failed, pointing to last year's trade figures.", "The sanctions had failed.")]
    [InlineData("Lavrov said the talks were over, joking that he would sleep for a week.", "The talks were over.")]
    [InlineData("A spokeswoman for the Chinese delegation said Beijing supports a balanced outcome and declined to go further.", "Beijing supports a balanced outcome.")]
    [InlineData("Lavrov said Moscow was ready to talk but did not elaborate.", "Moscow was ready to talk.")]
    [InlineData("Lavrov said the delegation would not sign and walked out of the hall.", "The delegation would not sign.")]
    [InlineData("Lavrov said he supported extending the treaty, but he declined to commit to new talks.", "He supported extending the treaty.")]
    public void WhatWasSaidEndsWhereTheReporterTurnsToWhatTheSpeakerDid(string text, string said)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((StatementKind.Paraphrase, said), (candidate.Kind, candidate.Text));
    }

    [Theory]
    [InlineData("Lavrov said the ministry had taken note of the remarks and would not comment further.", "The ministry had taken note of the remarks and would not comment further.")]
    [InlineData("Lavrov said the delegation had left Geneva and will not comment until Monday.", "The delegation had left Geneva and will not comment until Monday.")]
    public void AnActUnderAModalIsTheReportedClausesNotTheSpeakers(string text, string said)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((StatementKind.Paraphrase, said), (candidate.Kind, candidate.Text));
    }

    [Fact]
    public void AQuoteAfterASentenceNamingItsSpeakerWithoutASpeechVerbIsThatPersons()
    {
        const string text = "Lavrov said the talks had failed. Asked whether Washington was to blame, Blinken bristled. \"We did nothing wrong at all.\"";

        var quote = Assert.Single(Extractor.Extract(text), c => c.Kind == StatementKind.Quote);

        Assert.Equal(("We did nothing wrong at all.", TestDirectory.Blinken), (quote.Text, quote.OfficialId));
    }

    [Fact]
    public void ADialogueDashQuoteIsAttributedAfterItsClosingDash()
    {
        const string text = "— We are ready to work, — said Lavrov. — But the other side must also be ready.";

        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal(("We are ready to work. But the other side must also be ready.", TestDirectory.Lavrov), (candidate.Text, candidate.OfficialId));
    }

    [Fact]
    public void QuotedWordsEndingInSThatCloseBeforeALowerCaseWordDoNotRunOnIntoTheNextSentence()
    {
        var candidates = Extractor.Extract("Tom Hallworth said the episode raised ‘serious questions’ about funding. Ministers were to blame, he added.");

        Assert.Equal([("The episode raised ‘serious questions’ about funding.", "Tom Hallworth"), ("Ministers were to blame.", "Tom Hallworth")],
            candidates.Select(c => (c.Text, c.Speaker.Name)));
    }

    [Theory]
    [InlineData("Katharina Schöllhorn, a German Social Democrat member of the European Parliament, said the ruling should serve as a warning.",
        "Katharina Schöllhorn")]
    [InlineData("The summit president, Turkey’s environment minister Selin Aydoğan, has arrived at the hall. She said the deal was close.",
        "Selin Aydoğan")]
    [InlineData("The chairperson of the Regional Commission, Amadou Diallo Sissoko, opened the meeting by warning that the situation had deteriorated.",
        "Amadou Diallo Sissoko")]
    [InlineData("Kenya's Cabinet Secretary for Foreign Affairs, Peter Mwangi Kiprono, backed the plan. He said the fund should pay for it.",
        "Peter Mwangi Kiprono")]
    public void DescriptionsInAppositionLeadToTheNameTheyDescribe(string text, string name)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((name, (long?)null), (candidate.Speaker.Name, candidate.OfficialId));
    }

    [Theory]
    [InlineData("Losa Tuilagi Faleolo emerged from the meeting to say the group was prepared to walk out.", "The group was prepared to walk out.")]
    [InlineData("Lavrov took the floor to say Moscow would not sign the text.", "Moscow would not sign the text.")]
    public void ASubjectThatWentSomewhereToSaySomethingSaidIt(string text, string said)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((StatementKind.Paraphrase, said), (candidate.Kind, candidate.Text));
    }

    [Theory]
    [InlineData("Ramon Villaseñor-Cruz is the defence secretary. Speaking at Camp Aguinaldo last week, the former general was careful. He said Manila had no intention of asking permission.")]
    [InlineData("Ramon Villaseñor-Cruz is the defence secretary. At Camp Aguinaldo last week, he was careful. He said Manila had no intention of asking permission.")]
    public void APronounRefersToNoPlaceInAnOpeningAdjunctNorToADescriptionOfThePersonBefore(string text)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal("Ramon Villaseñor-Cruz", candidate.Speaker.Name);
    }

    [Theory]
    [InlineData("Asked whether he would run, Ramon Villaseñor-Cruz laughed.")]
    [InlineData("Pressed on when the talks would resume, Lavrov shrugged and said nothing.")]
    public void TheQuestionPutToASpeakerIsNotTheirClause(string text) =>
        Assert.Empty(Extractor.Extract(text));

    [Fact]
    public void WhatASpeakerDeclinedToSayWasNotSaid() =>
        Assert.Empty(Extractor.Extract("Lavrov declined to say the talks had failed."));

    [Theory]
    [InlineData("UPDATE “We have no illusions,” Lavrov said.")]
    [InlineData("• “We have no illusions,” Lavrov said.")]
    [InlineData("“We have no illusions,” Lavrov said. [1]")]
    [InlineData("“We have no illusions,” Lavrov said. 😀")]
    [InlineData("<p>“We have no illusions,” Lavrov said.</p>")]
    [InlineData("<div class=\"story\"><p>The talks ended.</p><p>“We have no illusions,” Lavrov said.</p></div>")]
    public void AQuoteIsFoundWhateverMarksTheLineAroundIt(string text)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal(("We have no illusions", TestDirectory.Lavrov), (candidate.Text, candidate.OfficialId));
        Assert.Equal(candidate.Text, text[candidate.Start..candidate.End]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ParagraphsEndWithAnyLineBreak(string lineBreak)
    {
        var text = string.Join(lineBreak, "Talks in Geneva", "• Lavrov said the talks had been useful.", "• Blinken said the talks had been frank.");

        var candidates = Extractor.Extract(text);

        Assert.Equal([TestDirectory.Lavrov, TestDirectory.Blinken], candidates.Select(c => c.OfficialId ?? 0));
    }

    [Theory]
    [InlineData("The talks were useful, Lavrov said, but much remained to be done before the summit.", "The talks were useful, but much remained to be done before the summit.")]
    [InlineData("Moscow, Lavrov insisted, was “turning the corner” after two years of pain.", "Moscow was “turning the corner” after two years of pain.")]
    public void AReportedSentenceAroundItsAttributionIsOneStatement(string text, string said)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((said, TestDirectory.Lavrov), (candidate.Text, candidate.OfficialId));
        Assert.Equal((0, text.Length), (candidate.Start, candidate.End));
    }

    [Fact]
    public void ACommissionerForAPortfolioIsTheCommissioner()
    {
        var extractor = new StatementExtractor(new ExtractionDirectory(
            [
                new DirectoryOfficial(1, "maros-sefcovic", "Maroš Šefčovič", null, [], "SK",
                    [new Role("European Commissioner for Trade and Economic Security", "European Commission", null, new DateOnly(2024, 12, 1), null)]),
            ], [], []));

        var candidate = Assert.Single(extractor.Extract(
            "Trade Commissioner Maroš Šefčovič rejected that charge. “Every tonne meets our standards,” the commissioner said.", new DateOnly(2026, 11, 20)));

        Assert.Equal((1L, SpeakerMatch.Role), (candidate.OfficialId, candidate.Speaker.MatchedBy));
    }

    [Fact]
    public void AJournalistsQuestionReportsNoStatement()
    {
        const string text = "LAVROV: We are ready to talk.\n\nQ: Minister, Blinken says new sanctions would hurt Europe more than Russia. Is unity breaking?\n\n" +
            "LAVROV: Unity is not my concern.";

        var candidates = Extractor.Extract(text);

        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, c => Assert.Equal((StatementKind.Quote, TestDirectory.Lavrov), (c.Kind, c.OfficialId)));
    }

    [Fact]
    public void QuotedWordsThatEndAClauseKeepTheirClosingMark()
    {
        var candidates = Extractor.Extract("Lavrov said growth was \"the mission\", and insisted that there would be no further tax rises.");

        Assert.Equal(["Growth was \"the mission\".", "There would be no further tax rises."], candidates.Select(c => c.Text));
    }

    [Fact]
    public void TagsInsideWhatWasSaidAreLeftOutOfItsText()
    {
        var candidate = Assert.Single(Extractor.Extract("<p>Lavrov said <em>the talks</em> had been useful.</p>"));

        Assert.Equal("The talks had been useful.", candidate.Text);
    }

    [Fact]
    public void AnInterviewersQuestionsAreNotStatements()
    {
        const string text = "Raman: Minister, will the talks go ahead?\n\nLavrov: We are ready to talk about strategic stability.\n\n" +
            "Raman: Let's turn to Geneva. Is that a promise?\n\nLavrov: It is a promise we will keep.";

        var candidates = Extractor.Extract(text);

        Assert.All(candidates, c => Assert.Equal(TestDirectory.Lavrov, c.OfficialId));
        Assert.Equal(2, candidates.Count);
    }

    [Theory]
    [InlineData("In an interview, Lavrov spoke about the sea.\n\nQ. What has changed?\n\nA. The tactics. They are bolder now.", "Sergei Lavrov")]
    [InlineData("In an interview, Ramon Villaseñor-Cruz spoke about the sea.\n\nQ. What has changed?\n\nA. The tactics. They are bolder now.", "Ramon Villaseñor-Cruz")]
    [InlineData("In an interview, Ramon Villaseñor-Cruz spoke about the sea.\n\nQ: What has changed?\n\nA: The tactics. They are bolder now.", "Ramon Villaseñor-Cruz")]
    public void AnInterviewsAnswersLabelledAWithAFullStopOrColonAreTheIntervieweesQuotes(string text, string name)
    {
        var candidate = Assert.Single(Extractor.Extract(text));

        Assert.Equal((StatementKind.Quote, "The tactics. They are bolder now.", name), (candidate.Kind, candidate.Text, candidate.Speaker.Name));
    }

    [Fact]
    public void AParagraphOpeningWithAnInitialIsNoInterviewLabel() =>
        Assert.Empty(Extractor.Extract("A. Smith chaired the session.\n\nA. Jones took notes of the session."));

    [Fact]
    public void TheSpeakerOfAClauseAfterThoughIsThatClausesSubject() =>
        Assert.Empty(Extractor.Extract("Ministers met on Monday to agree the package, though Moscow has said the talks were useless."));

    [Fact]
    public void ATitleOfAnOrganisationIsAlsoKnownWithoutIt()
    {
        var extractor = new StatementExtractor(new ExtractionDirectory(
            [
                new DirectoryOfficial(1, "mark-rutte", "Mark Rutte", null, [], "NL",
                    [new Role("Secretary General of NATO", "North Atlantic Treaty Organization", null, new DateOnly(2024, 10, 1), null)]),
                new DirectoryOfficial(2, "daniel-okafor", "Daniel Okafor", null, [], "",
                    [new Role("Secretary-General", "United Nations", null, new DateOnly(2022, 1, 1), null)]),
            ], [], []));

        var candidate = Assert.Single(extractor.Extract(
            "NATO Secretary General Mark Rutte opened the session. The secretary general warned that Russia was building more drones than ever.",
            new DateOnly(2026, 11, 20)));

        Assert.Equal(1L, candidate.OfficialId);
    }

    // Officials of a third blind check: a Security Council session, a ministry briefing, a city council, the Sunday
    // shows and an indictment.
    private static readonly StatementExtractor Briefings = new(new ExtractionDirectory(
        [
            new DirectoryOfficial(1, "ingrid-haugland", "Ingrid Haugland", null, [], "NO",
                [new Role("Special Envoy of the Secretary-General for Sudan", "United Nations", null, new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(2, "gordon-pell", "Gordon Pell", null, [], "US",
                [new Role("Secretary of the Treasury", "United States Department of the Treasury", "US", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(3, "magdalena-borowska", "Magdalena Borowska", null, [], "PL",
                [new Role("Spokesperson of the Ministry of Foreign Affairs", "Ministry of Foreign Affairs of Poland", "PL", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(4, "martin-ekdahl", "Martin Ekdahl", null, [], "US",
                [new Role("Governor of Minnesota", "State of Minnesota", "US", new DateOnly(2023, 1, 1), null)]),
            new DirectoryOfficial(5, "dorothy-whitfield", "Dorothy Whitfield", null, [], "US",
                [new Role("United States Ambassador to the United Nations", "United States Mission to the United Nations", "US", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(6, "zhang-weiming", "Zhang Weiming", null, [], "CN",
                [new Role("Permanent Representative of China to the United Nations", "Ministry of Foreign Affairs of China", "CN", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(7, "teresa-wojcik", "Teresa Wojcik", null, [], "US",
                [new Role("Member of the Duluth City Council", "Duluth City Council", "US", new DateOnly(2024, 1, 1), null)]),
            new DirectoryOfficial(8, "jamal-whitaker", "Jamal Whitaker", null, [], "US",
                [new Role("House Minority Whip", "United States House of Representatives", "US", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(9, "katharina-von-hessling", "Katharina von Hessling", null, [], "DE",
                [new Role("Leader of the CDU parliamentary group", "Bundestag", "DE", new DateOnly(2025, 1, 1), null)]),
        ], [], []));

    private static readonly DateOnly BriefingDay = new(2026, 11, 20);

    [Theory]
    [InlineData("“The market is calm,” Mr. Pell said.", 2L)]
    [InlineData("“The market is calm,” said Dr. Pell.", 2L)]
    [InlineData("According to Ms. Haugland, the council should wait.", 1L)]
    [InlineData("According to Mr. Zhang, the council should give regional mechanisms the space they need.", 6L)]
    [InlineData("“We will act,” Sen. Pell told reporters.", 2L)]
    public void AnAbbreviatedTitleBeforeASurnameIsPartOfTheSpeaker(string text, long officialId)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal(officialId, candidate.OfficialId);
    }

    [Fact]
    public void AQuoteSplitByAnAttributionWithATitleIsOneQuote()
    {
        var candidate = Assert.Single(Briefings.Extract(
            "“Every day without a mechanism is a test,” Ms. Haugland said. “They are watching this chamber.”", BriefingDay));

        Assert.Equal(("Every day without a mechanism is a test. They are watching this chamber.", 1L), (candidate.Text, candidate.OfficialId));
    }

    [Fact]
    public void AQuoteOverThreeParagraphsAttributedAtItsEndIsOneQuote()
    {
        var candidate = Assert.Single(Briefings.Extract(
            "“Nobody is against clean water.\n\n“What I am against is the bill.\n\n“Patience is not a plan,” Wojcik said.", BriefingDay));

        Assert.Equal(("Nobody is against clean water. What I am against is the bill. Patience is not a plan", 7L), (candidate.Text, candidate.OfficialId));
    }

    [Theory]
    [InlineData("Jamal Whitaker posted on X that the secretary was living in a different economy.", "The secretary was living in a different economy.", 8L)]
    [InlineData("Gordon Pell said in an emailed statement that the bill would reach the floor on Thursday.", "The bill would reach the floor on Thursday.", 2L)]
    [InlineData("Gordon Pell said outside the court that the charges were built on fragments.", "The charges were built on fragments.", 2L)]
    [InlineData("Gordon Pell said he respects the council's decision.", "He respects the council's decision.", 2L)]
    [InlineData("Gordon Pell said the ministry fully respects the independence of prosecutors.", "The ministry fully respects the independence of prosecutors.", 2L)]
    [InlineData("Magdalena Borowska spoke first. In her words, Minsk was trying to shift attention from migration.", "Minsk was trying to shift attention from migration.", 3L)]
    public void ReportedSpeechInMoreOfItsForms(string text, string clause, long officialId)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal(("paraphrase", clause, officialId), (candidate.Kind.ToString().ToLowerInvariant(), candidate.Text, candidate.OfficialId));
    }

    [Theory]
    [InlineData("Gordon Pell said his farewells to colleagues on Friday.")]
    [InlineData("Gordon Pell said the talks on Friday.")]
    public void AWordInSAfterAPluralOrAPossessiveIsNoVerb(string text) =>
        Assert.Empty(Briefings.Extract(text, BriefingDay));

    [Fact]
    public void QuotedWordsThatOpenAReportedClauseBelongToIt()
    {
        var candidate = Assert.Single(Briefings.Extract(
            "Borowska replied that \"all options remain on the table\" but that no decision had yet been taken.", BriefingDay));

        Assert.Equal((StatementKind.Paraphrase, "\"All options remain on the table\" but that no decision had yet been taken.", 3L),
            (candidate.Kind, candidate.Text, candidate.OfficialId));
    }

    [Fact]
    public void AQuotedClauseAfterThatIsStillAQuoteWhenItEndsItsClause()
    {
        var candidates = Briefings.Extract("Borowska said that \"we will never agree to this,\" adding that talks would go on.", BriefingDay);

        Assert.Equal([(StatementKind.Quote, "we will never agree to this"), (StatementKind.Paraphrase, "Talks would go on.")],
            candidates.Select(c => (c.Kind, c.Text)));
    }

    [Theory]
    [InlineData("Dorothy Whitfield spoke next. She accused the militia of “systematic obstruction” and said the United States was prepared to act.",
        "The United States was prepared to act.", 5L)]
    [InlineData("Borowska spoke. Both ministers, she said, agreed that the two countries would coordinate their response.",
        "Both ministers agreed that the two countries would coordinate their response.", 3L)]
    [InlineData("Ms. Haugland later said she hoped to put the text to a vote “before the truce ends”, a phrase several diplomats repeated afterwards.",
        "She hoped to put the text to a vote “before the truce ends”.", 1L)]
    [InlineData("Jamal Whitaker told CNN’s “State of the Union” that his party would not support the package.",
        "His party would not support the package.", 8L)]
    public void TheSpeakerOfACoordinatedInterruptedOrCommentedReport(string text, string clause, long officialId)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal((StatementKind.Paraphrase, clause, officialId), (candidate.Kind, candidate.Text, candidate.OfficialId));
    }

    [Theory]
    [InlineData("As Gordon Pell put it in 2019, when he was still a backbencher, “A government that cannot balance its books cannot be trusted.”", 2L)]
    [InlineData("“Anyone who wants to soften the debt brake is gambling,” von Hessling said.", 9L)]
    [InlineData("“The debt brake was written for a different century,” Pell said. (translated)", 2L)]
    public void QuotesAfterPutItANameParticleOrBeforeANote(string text, long officialId)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal((StatementKind.Quote, officialId), (candidate.Kind, candidate.OfficialId));
    }

    [Theory]
    [InlineData("Gordon Pell said at least six vessels were involved in the blockade.", "At least six vessels were involved in the blockade.")]
    [InlineData("Gordon Pell said about a dozen ships were involved in the blockade.", "About a dozen ships were involved in the blockade.")]
    [InlineData("Gordon Pell said, speaking in Manila, that six vessels were involved.", "Six vessels were involved.")]
    [InlineData("Gordon Pell insists the budget will return to surplus by 2029.", "The budget will return to surplus by 2029.")]
    [InlineData("Gordon Pell said 2,300 homes had been evacuated.", "2,300 homes had been evacuated.")]
    [InlineData("Gordon Pell said about 2,300 homes had been evacuated.", "About 2,300 homes had been evacuated.")]
    [InlineData("Gordon Pell said 2.5 million people had been evacuated.", "2.5 million people had been evacuated.")]
    public void ReportedClausesThatCountOrFollowAPresentVerb(string text, string clause)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal((StatementKind.Paraphrase, clause, 2L), (candidate.Kind, candidate.Text, candidate.OfficialId));
    }

    [Fact]
    public void AQuestionAskedIsNoStatementNorContinuesOne()
    {
        var candidates = Briefings.Extract("Gordon Pell spoke. “We will not pay,” he said. “Will you commit to the extension?” he asked.", BriefingDay);

        Assert.Equal(["We will not pay"], candidates.Select(c => c.Text));
    }

    [Theory]
    [InlineData("“It will pass,” the nominee said.", "the nominee")]
    [InlineData("One Labor strategist said: \"Every old quote is a landmine.\"", "One Labor strategist")]
    [InlineData("MANILA, Philippines (AP) — Chinese coast guard ships blocked a boat on Wednesday, Philippine officials said.", "Philippine officials")]
    public void SpeakersTheDatabaseDoesNotKnow(string text, string name)
    {
        var candidate = Assert.Single(Briefings.Extract(text, BriefingDay));

        Assert.Equal((name, (long?)null), (candidate.Speaker.Name, candidate.OfficialId));
        Assert.DoesNotContain("MANILA", candidate.Text);
    }

    [Fact]
    public void ASurnameTheTextGaveToSomeoneElseIsTheirsUntilTheOfficialIsNamedInFull()
    {
        var candidates = Briefings.Extract(
            "Senator Ann Pell, a Louisiana Republican, pressed the nominee. “You wrote it, you own it,” Pell told her. " +
            "Later Gordon Pell spoke. “The market is calm,” Pell said.", BriefingDay);

        Assert.Equal([("Ann Pell", (long?)null), ("Gordon Pell", 2L)], candidates.Select(c => (c.Speaker.Name, c.OfficialId)));
    }

    [Fact]
    public void AnInterruptedClauseEndsWhereAnotherReportBegins()
    {
        var candidates = Briefings.Extract(
            "Gordon Pell spoke. The infirmary, he said, was ready to absorb the extra births, although he conceded that staff there were \"already stretched\".",
            BriefingDay);

        Assert.Equal(["The infirmary was ready to absorb the extra births.", "Staff there were \"already stretched\"."], candidates.Select(c => c.Text));
    }

    [Fact]
    public void PeopleAtWorkSpeakToo()
    {
        var candidate = Assert.Single(Briefings.Extract("One senior midwife, who asked not to be named, said morale had collapsed in recent months.", BriefingDay));

        Assert.Equal(("One senior midwife", "Morale had collapsed in recent months."), (candidate.Speaker.Name, candidate.Text));
    }

    [Fact]
    public void APronounAfterASentenceWhoseSubjectIsNoPersonRefersToThePersonItNames()
    {
        var candidates = Briefings.Extract(
            "“The market is calm,” Pell said. The announcement drew an angry response from Jamal Whitaker, who has campaigned against the cuts. " +
            "He said the secretary had broken every promise made to families.", BriefingDay);

        Assert.Equal([2L, 8L], candidates.Select(c => c.OfficialId));
    }

    // Officials of a fourth blind check: a Korean budget, Gulf diplomacy and a central bank's press conference.
    private static readonly StatementExtractor Abroad = new(new ExtractionDirectory(
        [
            new DirectoryOfficial(1, "choi-dong-hyun", "Choi Dong-hyun", null, ["Dong-hyun Choi"], "KR",
                [new Role("Minister of Economy and Finance", "Government of the Republic of Korea", "KR", new DateOnly(2025, 7, 22), null)]),
            new DirectoryOfficial(2, "jung-tae-min", "Jung Tae-min", null, [], "KR",
                [new Role("Member of the National Assembly", "National Assembly of the Republic of Korea", "KR", new DateOnly(2024, 5, 30), null)]),
            new DirectoryOfficial(3, "fahad-nasser-al-mubarak-al-sabah", "Fahad Nasser al-Mubarak al-Sabah", null, [], "KW",
                [new Role("Minister of Foreign Affairs", "Government of Kuwait", "KW", new DateOnly(2024, 6, 1), null)]),
            new DirectoryOfficial(4, "ibrahim-bin-nasser-al-hajri", "Ibrahim bin Nasser al-Hajri", null, [], "QA",
                [new Role("Secretary-General", "Gulf Cooperation Council", null, new DateOnly(2023, 4, 1), null)]),
            new DirectoryOfficial(5, "miriama-kerr", "Miriama Kerr", null, [], "NZ",
                [new Role("Governor", "Reserve Bank of New Zealand", "NZ", new DateOnly(2024, 3, 1), null)]),
            new DirectoryOfficial(6, "paul-tanaka-rhodes", "Paul Tanaka-Rhodes", null, [], "NZ",
                [new Role("Deputy Governor", "Reserve Bank of New Zealand", "NZ", new DateOnly(2022, 1, 10), null)]),
            new DirectoryOfficial(7, "r-hemalatha", "R. Hemalatha", null, [], "IN",
                [new Role("Chief Electoral Officer", "Election Commission of India", "IN", new DateOnly(2024, 1, 1), null)]),
            new DirectoryOfficial(8, "adriana-velasco-ruelas", "Adriana Velasco Ruelas", null, [], "MX",
                [new Role("President", "Government of Mexico", "MX", new DateOnly(2024, 10, 1), null)]),
            new DirectoryOfficial(9, "konrad-albers", "Konrad Albers", null, [], "DE",
                [new Role("Federal Chancellor", "Government of Germany", "DE", new DateOnly(2025, 5, 6), null)]),
            new DirectoryOfficial(10, "jorg-steinhauer", "Jörg Steinhauer", null, [], "DE",
                [new Role("Federal Minister of Finance", "Government of Germany", "DE", new DateOnly(2025, 5, 6), null)]),
            new DirectoryOfficial(11, "harriet-collingwood", "Harriet Collingwood", null, ["Dame Harriet Collingwood"], "GB",
                [new Role("Permanent Representative to the United Nations", "Permanent Mission of the United Kingdom to the United Nations", "GB", new DateOnly(2024, 9, 1), null)]),
            new DirectoryOfficial(12, "angus-pryce", "Angus Pryce", null, [], "AU",
                [new Role("Leader of the Opposition", "Liberal Party of Australia", "AU", new DateOnly(2025, 5, 13), null)]),
            new DirectoryOfficial(13, "wanjiru-kamau-odhiambo", "Wanjiru Kamau-Odhiambo", null, [], "KE",
                [new Role("Chairperson of the AU Commission", "African Union Commission", null, new DateOnly(2025, 2, 15), null)]),
            new DirectoryOfficial(14, "teresa-dos-anjos-ribeiro", "Teresa dos Anjos Ribeiro", null, [], "BR",
                [new Role("Minister of the Environment", "Ministry of the Environment", "BR", new DateOnly(2025, 1, 2), null)]),
            new DirectoryOfficial(15, "ana-ribeiro", "Ana Ribeiro", null, [], "BR",
                [new Role("Senator", "Federal Senate", "BR", new DateOnly(2023, 2, 1), null)]),
            new DirectoryOfficial(16, "wojciech-kalinowicz", "Wojciech Kalinowicz", null, [], "PL",
                [new Role("Governor", "National Bank of Poland", "PL", new DateOnly(2025, 6, 1), null)]),
            new DirectoryOfficial(17, "gregorio-sta-ana", "Gregorio Sta. Ana", null, [], "PH",
                [new Role("Undersecretary of Public Works", "Department of Public Works and Highways", "PH", new DateOnly(2025, 1, 1), null)]),
            new DirectoryOfficial(18, "wang-lin", "Wang Lin", null, [], "CN",
                [new Role("Spokesperson", "Ministry of Foreign Affairs of the People's Republic of China", "CN", new DateOnly(2024, 1, 1), null)]),
        ], [], []));

    private static readonly DateOnly AbroadDay = new(2026, 3, 18);

    [Fact]
    public void AKoreanNameWithAHyphenatedGivenNameIsOneName()
    {
        var tokens = Tokenizer.Tokenize("Choi Dong-hyun met a Moscow-based analyst");
        Assert.True(tokens.Single(t => t.Key == "hyun").IsCapitalized);
        Assert.False(tokens.Single(t => t.Key == "based").IsCapitalized);

        var candidates = Abroad.Extract(
            "Finance Minister Choi Dong-hyun said Tuesday that small merchants could not wait for relief. " +
            "The vote is set for April 4, according to Rep. Jung Tae-min. \"We have the seats, and we have the mandate,\" Jung said.", AbroadDay);

        Assert.Equal([(1L, "Small merchants could not wait for relief."), (2L, "The vote is set for April 4."), (2L, "We have the seats, and we have the mandate")],
            candidates.Select(c => (c.OfficialId ?? 0, c.Text)));
    }

    [Fact]
    public void AGulfOfficialIsFoundByHonorificAndGivenName() =>
        Assert.Equal(3L, Assert.Single(Abroad.Extract("“Patience has limits,” Sheikh Fahad said.", AbroadDay)).OfficialId);

    [Theory]
    [InlineData("Mortgage arrears, he added, remained low by historical standards.", "Mortgage arrears remained low by historical standards.")]
    [InlineData("Regional security, he said in a televised interview, could not be left to navies.", "Regional security could not be left to navies.")]
    public void AClausesSubjectBeforeItsAttributionIsPartOfIt(string sentence, string expected)
    {
        var candidate = Assert.Single(Abroad.Extract($"Deputy Governor Paul Tanaka-Rhodes spoke on Monday. {sentence}", AbroadDay));
        Assert.Equal((6L, expected), (candidate.OfficialId, candidate.Text));
    }

    [Fact]
    public void AnAssistantSecretaryGeneralIsNotTheSecretaryGeneral()
    {
        var candidates = Abroad.Extract(
            "Secretary-General Ibrahim bin Nasser al-Hajri told reporters that premiums had risen. In Cairo, the Arab League's " +
            "assistant secretary-general for political affairs, Tarek Abdel-Moneim Shalaby, welcomed the decision. " +
            "Regional security, he said, could not be left to navies.", AbroadDay);

        Assert.Equal([(4L, "Ibrahim bin Nasser al-Hajri"), (null, "Tarek Abdel-Moneim Shalaby")],
            candidates.Select(c => (c.OfficialId, c.Speaker.Name)));
    }

    [Fact]
    public void TheFirstAnswerOfATranscriptIsTheIntervieweesNotTheLastSpeakers()
    {
        var candidates = Abroad.Extract(
            "Governor Miriama Kerr signalled that the easing cycle had most likely run its course.\n\n" +
            "Sina Matagi, a union leader, said wages had lagged. “Workers have paid twice,” she said.\n\n" +
            "In an interview after the press conference, Kerr was asked about her own future.\n\n" +
            "Q: Your term ends next year. Will you seek reappointment?\n\n" +
            "A: That's a matter for the minister and the board.", AbroadDay);

        Assert.Equal(5L, candidates[0].OfficialId);
        Assert.Equal("The easing cycle had most likely run its course.", candidates[0].Text);
        Assert.Equal(5L, candidates.Single(c => c.Text.StartsWith("That's a matter", StringComparison.Ordinal)).OfficialId);
    }

    [Theory]
    [InlineData("According to Smt. Hemalatha, postal ballots had already been received.", 7L, "Postal ballots had already been received.")]
    [InlineData("Chief Electoral Officer R. Hemalatha alleged that ballots had gone missing.", 7L, "Ballots had gone missing.")]
    [InlineData("The finance minister, Jörg Steinhauer, a close ally of the chancellor, Konrad Albers, has insisted that the debt brake leaves no room.",
        10L, "The debt brake leaves no room.")]
    [InlineData("Konrad Albers spoke in Berlin. The Greens, he told Bild, were behaving like an opposition party.", 9L, "The Greens were behaving like an opposition party.")]
    public void TheSpeakerOfAReportedClauseIsFoundPastTitlesAppositionsAndHearers(string text, long official, string expected)
    {
        var candidate = Assert.Single(Abroad.Extract(text, AbroadDay));
        Assert.Equal((official, expected), (candidate.OfficialId!.Value, candidate.Text));
    }

    [Fact]
    public void AClauseAfterButAndASpeechVerbIsAnotherStatementOfTheSameSpeaker() =>
        Assert.Equal([(8L, "Mexico will deliver the water it owes."), (8L, "The deliveries will not come at the expense of farmers.")],
            Abroad.Extract("President Adriana Velasco Ruelas said Tuesday that Mexico will deliver the water it owes, but insisted that the " +
                "deliveries will not come at the expense of farmers.", AbroadDay).Select(c => (c.OfficialId ?? 0, c.Text)));

    [Fact]
    public void APronounOpeningASentenceSpeaksTheQuoteItsParticipleIntroduces()
    {
        var quote = Abroad.Extract("Konrad Albers spoke in Berlin. He said the talks went well, adding: ‘Coalitions argue. That is what they are for.’", AbroadDay)
            .Single(c => c.Kind == StatementKind.Quote);
        Assert.Equal((9L, "Coalitions argue. That is what they are for."), (quote.OfficialId!.Value, quote.Text));
    }

    [Fact]
    public void APermanentRepresentativeToTheUnIsTheCountrysAmbassador() =>
        Assert.All(Abroad.Extract("Dame Harriet Collingwood said the resolution would keep the crossing open. “This resolution is a lifeline,” " +
            "the British ambassador said.", AbroadDay), c => Assert.Equal(11L, c.OfficialId));

    [Fact]
    public void AnUnknownPersonIsFoundAgainByAnyOfTheirNamesAfterTheFirst()
    {
        var quote = Abroad.Extract("Salvador Alcántar Ríos, a farmers' leader, said farmers had left land unplanted. " +
            "\"Nobody here is against paying what we owe,\" Alcántar said by phone.", AbroadDay).Single(c => c.Kind == StatementKind.Quote);
        Assert.Equal("Salvador Alcántar Ríos", quote.Speaker.Name);
    }

    [Fact]
    public void AQuoteInParenthesesAfterAnotherIsTheReportersTranslationNotMoreOfIt()
    {
        var candidate = Assert.Single(Abroad.Extract(
            "«Les projets sont prêts», Paul Tanaka-Rhodes said in French. (“The projects are ready.”)", AbroadDay));
        Assert.Equal((6L, "Les projets sont prêts"), (candidate.OfficialId, candidate.Text));
    }

    [Fact]
    public void TheOppositionLeaderIsTheLeaderOfTheOpposition() =>
        Assert.All(Abroad.Extract("Angus Pryce said the plan would fail. The Opposition Leader insisted the Coalition had a plan of its own.", AbroadDay),
            c => Assert.Equal(12L, c.OfficialId));

    [Fact]
    public void ADefiniteDescriptionWithAdjectivesRefersBackToTheLastSpeaker()
    {
        var candidates = Abroad.Extract("“Africa must pay for it,” Ms Kamau-Odhiambo said. The former Kenyan diplomat, who took office a year " +
            "ago, said the Commission would table a scale of contributions in July.", AbroadDay);
        Assert.Equal([13L, 13L], candidates.Select(c => c.OfficialId ?? 0));
    }

    [Fact]
    public void AQuoteThatANounForWordsNamesIsNoStatement() =>
        Assert.Equal(["I will see this through"], Abroad.Extract("\"I will see this through,\" Angus Pryce said, using an expression — " +
            "\"sento ni tatte\" — that he has repeated often.", AbroadDay).Select(c => c.Text));

    [Fact]
    public void ASpeechVerbInsideAnotherReportLeavesTheOuterReportWhole()
    {
        var candidate = Assert.Single(Abroad.Extract("A West African diplomat said at least five countries had already signalled that " +
            "they could not meet the new targets before 2030.", AbroadDay));
        Assert.Equal(("A West African diplomat", "At least five countries had already signalled that they could not meet the new targets before 2030."),
            (candidate.Speaker.Name, candidate.Text));
    }

    [Fact]
    public void AReportInsideAClauseOpenedByWhenEndsWithThatClause() =>
        Assert.Equal([(12L, "The Treasurer had “no idea” what the change would cost renters.")],
            Abroad.Extract("When the Opposition Leader, Angus Pryce, interjected that the Treasurer had “no idea” what the change would cost " +
                "renters, the Treasurer turned to face him.", AbroadDay).Select(c => (c.OfficialId ?? 0, c.Text)));

    [Fact]
    public void TheSubjectAfterAfterSpeaksItsReport() =>
        Assert.Equal([(12L, "The fuel subsidy would be phased out by September.")],
            Abroad.Extract("Angus Pryce was the guest. The interview came days after he told Parliament that the fuel subsidy would be " +
                "phased out by September, a decision that brought fishermen onto the streets.", AbroadDay).Select(c => (c.OfficialId ?? 0, c.Text)));

    [Fact]
    public void ThePortugueseSurnameAfterAParticleIsTheirsNotAnotherOfficialsWithIt() =>
        Assert.Equal([14L], Abroad.Extract("Environment Minister Teresa dos Anjos Ribeiro presented the data. Ribeiro told reporters that " +
            "the ministry would publish a list of embargoed properties.", AbroadDay).Select(c => c.OfficialId ?? 0));

    [Fact]
    public void ScareQuotesInAClauseDoNotCutOffTheSpeakerOfAParticipleAfterIt() =>
        Assert.Equal(["Moscow had “taken note” of the result.", "Russia would judge the new government by its deeds."],
            Abroad.Extract("Spokesman Pavel Gordeyev told reporters that Moscow had “taken note” of the result, adding that Russia would " +
                "judge the new government by its deeds.", AbroadDay).Where(c => c.Speaker.Name == "Pavel Gordeyev").Select(c => c.Text));

    [Theory]
    [InlineData("The regional housing chief, Alfonso Beltrán, said that the region would not apply the cap.", "Alfonso Beltrán")]
    [InlineData("Borja Salcedo, the People’s Party spokesman on housing in Congress, has said the caps are driving owners away.", "Borja Salcedo")]
    [InlineData("Paul Reddy, the union's Haverleigh branch secretary, said staff had found out from a Facebook group.", "Paul Reddy")]
    public void ANameInAppositionToADescriptionWithModifiersSpeaks(string text, string speaker) =>
        Assert.Equal(speaker, Assert.Single(Abroad.Extract(text, AbroadDay)).Speaker.Name);

    [Fact]
    public void PresentTenseReportsWithAnAdverbOrConcedesAreParaphrases() =>
        Assert.Equal(["She now sees families of four sharing a single room.", "Most will not be finished before the next election."],
            Abroad.Extract("Carmen Ruiz Velasco, an organiser with a tenants’ union, says she now sees families of four sharing a single room. " +
                "She concedes most will not be finished before the next election.", AbroadDay).Select(c => c.Text));

    [Fact]
    public void ANamedBuildingIsNoOneAPronounCouldMean()
    {
        var candidates = Abroad.Extract("“Housing is slow,” says Lucía Ortega, the housing minister, in so-called “stressed areas” too. The " +
            "episode was recorded at Madrid’s Nuevos Ministerios complex. Asked about the cap, she said: “Some, yes. I will not pretend otherwise.”", AbroadDay);
        Assert.Equal([("Housing is slow", "Lucía Ortega"), ("Some, yes. I will not pretend otherwise.", "Lucía Ortega")],
            candidates.Select(c => (c.Text, c.Speaker.Name)));
    }

    [Theory]
    [InlineData("Mehmet Ali Karataş said on Tuesday that Türkiye was ready to host talks “within weeks, not months”, as the government " +
        "tries to turn its role into political capital.", "Türkiye was ready to host talks “within weeks, not months”.")]
    [InlineData("Tanisha Broadwater, 34, said she woke to the sound of breaking glass and ran outside in her socks.",
        "She woke to the sound of breaking glass and ran outside in her socks.")]
    [InlineData("Several tenants said the rear fire door, which opens onto the alley, had been propped open for months.",
        "The rear fire door, which opens onto the alley, had been propped open for months.")]
    public void AReportedClauseIsFoundAndEndsWhereTheReporterTakesOver(string text, string clause) =>
        Assert.Equal(clause, Assert.Single(Abroad.Extract(text, AbroadDay)).Text);

    [Fact]
    public void AfterAClauseOpenedByWhenTheMainSubjectIsWhomAPronounMeans()
    {
        var quote = Abroad.Extract("Wojciech Kalinowicz said rates would stay high. When an opposition lawmaker asked whether the bank was " +
            "writing the budget, the governor shook his head. \"I do not write budgets,\" he said.", AbroadDay).Single(c => c.Kind == StatementKind.Quote);
        Assert.Equal(16L, quote.OfficialId);
    }

    [Fact]
    public void AGroupsPossessiveOrItsNameIsNoPerson()
    {
        var candidates = Abroad.Extract("Jonas Feldhausen, the German Greens’ lead negotiator on the file, said the draft was not enough. " +
            "“You cannot fill a bathtub,” the German Greens’ lead negotiator said. Liza Marcelo-Tan, convenor of the civil society group " +
            "Bantay Pondo, said the inquiries risked becoming a ritual.", AbroadDay);
        Assert.Equal(["Jonas Feldhausen", "Jonas Feldhausen", "Liza Marcelo-Tan"], candidates.Select(c => c.Speaker.Name));
    }

    [Fact]
    public void StaOfAFilipinoSurnameIsNoSentenceEnd() =>
        Assert.Equal([17L, 17L], Abroad.Extract("Undersecretary Gregorio Sta. Ana told the panel that the secretary was away. " +
            "\"He will appear at the next hearing,\" Sta. Ana said.", AbroadDay).Select(c => c.OfficialId ?? 0));

    [Fact]
    public void StraightSingleQuotesAreQuotesAndComeBackStraight()
    {
        var candidates = Abroad.Extract("The council passed what its leader called 'the toughest budget in a generation'. Margaret Holroyd, " +
            "a pensioner, spoke. 'It's not just books,' she said. 'Some weeks it's the only place I talk to anyone.'", AbroadDay);
        var quote = Assert.Single(candidates);
        Assert.Equal(("It's not just books. Some weeks it's the only place I talk to anyone.", "Margaret Holroyd"), (quote.Text, quote.Speaker.Name));
    }

    [Theory]
    [InlineData("“There is movement,” one of the officials said.", "the officials")]
    [InlineData("Al-Qahera News quoted a senior Egyptian source as saying that a deal could be announced within days.", "a senior Egyptian source")]
    [InlineData("Foreign Minister Wang Lin was quoted by Xinhua as saying that the talks had been useful.", "Wang Lin")]
    [InlineData("China objected, and a foreign ministry spokesman signalled that Beijing was ready to revive the talks.", "a foreign ministry spokesman")]
    public void WhoSpeaksInAPartitiveAQuotationOrAnIndefiniteRole(string text, string speaker)
    {
        var candidate = Assert.Single(Abroad.Extract(text, AbroadDay));
        Assert.Equal(speaker, candidate.Speaker.Name);
        Assert.Equal(speaker == "Wang Lin" ? 18L : null, candidate.OfficialId);
    }

    [Fact]
    public void TheGovernorElectIsWhoWasNamedNotWhoeverGoverns() =>
        Assert.Equal([(12L, "Quote")], Abroad.Extract("Angus Pryce said the count was fair. \"This victory belongs to the market women,\" the governor-elect said.",
            AbroadDay).Where(c => c.Kind == StatementKind.Quote).Select(c => (c.OfficialId ?? 0, c.Kind.ToString())));

    [Fact]
    public void AQuoteOverParagraphsAfterAnotherQuoteIsOneQuote() =>
        Assert.Equal(["People think being mayor is about speeches", "I picked pipes. It isn’t glamorous. But a girl will grow up without lead in her blood."],
            Abroad.Extract("Angus Pryce is blunt.\n\n“People think being mayor is about speeches,” he says.\n\n“I picked pipes. It isn’t glamorous.\n\n" +
                "“But a girl will grow up without lead in her blood.”", AbroadDay).Select(c => c.Text));

    [Fact]
    public void AOneWordAliasOrATitledAliasIsNoOtherPersonsName()
    {
        var directory = new StatementExtractor(new ExtractionDirectory(
        [
            new DirectoryOfficial(1, "lorraine-kowalczyk", "Lorraine Kowalczyk", null, ["Kowalczyk"], "US",
                [new Role("Mayor", "City of Saginaw", "US", new DateOnly(2023, 1, 1), null)]),
            new DirectoryOfficial(2, "goh-seung-woo", "Goh Seung-woo", null, ["Trade Minister Goh Seung-woo"], "KR",
                [new Role("Minister of Trade", "Government of Korea", "KR", new DateOnly(2025, 7, 21), null)]),
        ], [], []));
        var candidates = directory.Extract("Jan Kowalczyk, who heads a farmers' union, said the blockade would go on. " +
            "The Trade Ministry said grain transits rose 14 percent.", AbroadDay);
        Assert.Equal([("Jan Kowalczyk", (long?)null)], candidates.Select(c => (c.Speaker.Name, c.OfficialId)));
    }

    [Fact]
    public void TheChiefIsWhoeverSpokeWhenNoChiefOfOursWasNamed()
    {
        var extractor = new StatementExtractor(new ExtractionDirectory(
        [
            new DirectoryOfficial(1, "darnell-whitcombe", "Darnell Whitcombe", null, [], "US",
                [new Role("Chief of Police", "Port Calder Police Department", "US", new DateOnly(2020, 8, 17), null)]),
            new DirectoryOfficial(2, "abdul-samad-hazarvi", "Abdul Samad Hazarvi", null, [], "PK",
                [new Role("Chief", "Jamiat-e-Ulema Mashriq", "PK", new DateOnly(2019, 6, 1), null)]),
        ], [], []));
        var candidates = extractor.Extract("Police Chief Darnell Whitcombe said investigators had found a container.\n\n" +
            "\"We are not calling anybody a suspect,\" the chief said.", AbroadDay);
        Assert.Equal([1L, 1L], candidates.Select(c => c.OfficialId ?? 0));
    }

    [Fact]
    public void PluralPresentReportsEndBeforeTheSpeakersOwnActs() =>
        Assert.Equal(["The issue is hurting the Coalition in the polls.", "The figures were “a national disgrace”."],
            Abroad.Extract("Some Government backbenchers privately concede the issue is hurting the Coalition in the polls. Angus Pryce " +
                "said the figures were “a national disgrace” and accused the Coalition of having “run out of road”.", AbroadDay).Select(c => c.Text));

    [Fact]
    public void TheMaulanaIsWhoeverSpokeAsTheDiplomatIs() =>
        Assert.Equal(["Angus Pryce", "Angus Pryce"], Abroad.Extract("Maulana Angus Pryce said his party would decide later. " +
            "“We are nobody’s B-team,” the Maulana said.", AbroadDay).Select(c => c.Speaker.Name));

    [Theory]
    [InlineData("Angus Pryce told state broadcaster ERT that the region had requested more aircraft.", "The region had requested more aircraft.")]
    [InlineData("Residents of Olympoi were told late on Tuesday that they could not yet return home.", null)]
    [InlineData("The Chancellor had been warned in September that her spending plans would push up borrowing.", null)]
    public void StateMediaAreHearersAndWhoWasToldDidNotSpeak(string text, string? clause) =>
        Assert.Equal(clause is null ? [] : [clause], Abroad.Extract(text, AbroadDay).Select(c => c.Text));

    [Theory]
    [InlineData("The police chief said no one was hurt in the fire.", "No one was hurt in the fire.")]
    [InlineData("The minister said no such decision had been taken.", "No such decision had been taken.")]
    [InlineData("The minister said no to the plan.", null)]
    public void SaidNoIsAReportUnlessItIsARefusal(string text, string? clause) =>
        Assert.Equal(clause is null ? [] : [clause], Abroad.Extract(text, AbroadDay).Select(c => c.Text));

    [Theory]
    [InlineData("Wang Lin said the first two of five additional 97-meter multi-role response vessels would arrive in Manila.",
        "The first two of five additional 97-meter multi-role response vessels would arrive in Manila.")]
    [InlineData("Angus Pryce told commissioners the company would use a fraction of the water.", "The company would use a fraction of the water.")]
    [InlineData("Opponents said after the vote that they were considering a referendum petition.", "They were considering a referendum petition.")]
    [InlineData("The shilling was little changed, traders said, supported by strong remittance inflows.", "The shilling was little changed.")]
    public void LongSubjectsHearersGroupsAndDescriptionsAfterTheAttribution(string text, string clause) =>
        Assert.Equal([clause], Abroad.Extract(text, AbroadDay).Select(c => c.Text));

    [Fact]
    public void AnAbbreviationInBracketsStaysInTheApposition() =>
        Assert.Equal(["Konrad Albers"], Abroad.Extract(
            "Konrad Albers, a Christian Democratic Union (CDU) member of the budget committee, said the minister was hiding the cuts.", AbroadDay)
            .Select(c => c.Speaker.Name));

    [Theory]
    [InlineData("The plant, code-named \"Project Heron\" in council filings, is run by Northgate Power, a Leeds-based firm that says it will hire 300 people.")]
    [InlineData("The plan, known as \"Clean Tyne\" in council papers, follows a report which said the river had been polluted for years.")]
    public void ThatOrWhichAsTheSubjectSpeaksForAThing(string text) =>
        Assert.Empty(Abroad.Extract(text, AbroadDay));

    [Theory]
    [InlineData("Angus Pryce told the board the district faces a $3.4 million shortfall next year.", "Angus Pryce", "The district faces a $3.4 million shortfall next year.")]
    [InlineData("Board member Angus Pryce, one of the three members who voted against tabling, warned that every month of delay would hurt.",
        "Angus Pryce", "Every month of delay would hurt.")]
    [InlineData("In the Senate, Konrad Albers (PSD-MG) said the decision was one more chapter of judicial activism.",
        "Konrad Albers", "The decision was one more chapter of judicial activism.")]
    public void ToldTheBoardOneOfTheMembersAndATagInBrackets(string text, string speaker, string clause) =>
        Assert.Equal([(speaker, clause)], Abroad.Extract(text, AbroadDay).Select(c => (c.Speaker.Name, c.Text)));

    [Fact]
    public void AFirstNameAloneAfterTheFullNameIsThatOfficial()
    {
        var named = Abroad.Extract("The governor, Miriama Kerr, met bankers on Monday. \"Rates will stay where they are,\" Miriama says.", AbroadDay);
        var unnamed = Abroad.Extract("\"Rates will stay where they are,\" Miriama says.", AbroadDay);

        Assert.Equal(["Miriama Kerr"], named.Select(c => c.Speaker.Name));
        Assert.DoesNotContain("Miriama Kerr", unnamed.Select(c => c.Speaker.Name));
    }

    [Theory]
    [InlineData("Konrad Albers added that the government was \"fully aware\" of the concerns and pointed to the new fund.",
        "The government was \"fully aware\" of the concerns.")]
    [InlineData("Konrad Albers said his Cabinet upholds the positions of previous governments.", "His Cabinet upholds the positions of previous governments.")]
    [InlineData("Konrad Albers said the increase in the overhead of the Chancellor's office reflected the cost of the summit.",
        "The increase in the overhead of the Chancellor's office reflected the cost of the summit.")]
    public void PointedToIsTheSpeakersActAPossessiveMayTakeACapitalAndALongSubjectMayHoldOne(string text, string clause) =>
        Assert.Equal([clause], Abroad.Extract(text, AbroadDay).Select(c => c.Text));

    [Fact]
    public void AnyTextGivesWellFormedCandidatesWithoutFailing()
    {
        var pieces = new[]
        {
            "Lavrov said", " that ", "\"", "“", "”", "‘", "’", "«", "»", "„", " - ", "—", ", ", ". ", "\n", "\n\n", "he added", "according to",
            "Blinken", "the minister", "Q: ", "A: ", "LAVROV: ", ":", "U.S.", "Mr.", "…", "the talks", "in Geneva", "June 16", "'", "?", "!",
            "Sta. ", "Ana", "-elect", "the governor", "one of the officials", "quoted", " as saying", "When ", "’s", "s’ ", ", which ",
            "who", "so-called", "what", "called", "an expression", "group", "Greens", "complex", "after he told", "says she now", "say",
            "the chief", "a spokesman", "(", ")", "al-", "dos", "Ribeiro", "Jan", " ", "x", "said", "told", "at least five",
            "commissioners", "traders", "supported by", "(PD)", "a firm that says", "which said", "97-meter", "multi-role",
            "told the board", "one of the", "three members", "(PL-SC)", "Sergei Lavrov", "Sergei", "says", "and pointed to", "his Cabinet upholds",
        };
        var random = new Random(20210616);
        for (var round = 0; round < 100_000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (var candidate in Extractor.Extract(text, new DateOnly(2021, 6, 2)))
            {
                Assert.InRange(candidate.Start, 0, text.Length);
                Assert.InRange(candidate.End, candidate.Start, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(candidate.Text));
                Assert.InRange(candidate.Confidence, 0, 1);
            }
        }
    }
}
