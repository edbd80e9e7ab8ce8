//! Whole articles through `parse`: the tokens and sentences expected, and
//! that no input can panic it.

use super::*;
use TokenKind as K;

/// One block of one piece covering all of `text`.
fn whole(text: &str) -> Vec<Block> {
    vec![Block {
        pieces: vec![Span::new(0, text.len())],
        part: Default::default(),
    }]
}

/// The kind and text of every token.
fn tokens(text: &str) -> Vec<(TokenKind, &str)> {
    parse(text, &whole(text))
        .tokens
        .iter()
        .map(|t| (t.kind, t.text(text)))
        .collect()
}

/// The text of every sentence.
fn sentences(text: &str) -> Vec<&str> {
    parse(text, &whole(text))
        .sentences
        .iter()
        .map(|s| s.span().slice(text))
        .collect()
}

fn date(year: Option<i32>, month: u8, day: Option<u8>) -> TokenKind {
    K::Date(DateValue::new(year, Some(month), day).expect("a valid date"))
}

#[test]
fn date_without_year_is_one_token() {
    let text = "US State Secretary John Kerry announced last week that the next meeting \
                would take place in New York City on December 18.";
    let got = tokens(text);
    assert_eq!(got[0], (K::Word, "US"));
    assert!(got[..got.len() - 2].iter().all(|&(k, _)| k == K::Word));
    assert_eq!(got[got.len() - 2], (date(None, 12, Some(18)), "December 18"));
    assert_eq!(got[got.len() - 1], (K::Terminal, "."));
    assert_eq!(sentences(text), vec![text]);
}

#[test]
fn initialism_weekday_and_full_date() {
    let text = "U.S. Secretary of State John Kerry listens during a meeting with Russian \
                Foreign Minister Sergey Lavrov, foreground, in Moscow Tuesday, Dec. 15, 2015.";
    let got = tokens(text);
    assert_eq!(got[0], (K::Abbreviation, "U.S."));
    assert_eq!(got[1], (K::Word, "Secretary"));
    let tail: Vec<_> = got[got.len() - 5..].to_vec();
    assert_eq!(
        tail,
        vec![
            (K::Word, "Moscow"),
            (K::Weekday(Weekday::Tuesday), "Tuesday"),
            (K::Punct, ","),
            (date(Some(2015), 12, Some(15)), "Dec. 15, 2015"),
            (K::Terminal, "."),
        ]
    );
    assert_eq!(sentences(text), vec![text]);
}

#[test]
fn possessive_s_is_its_own_token() {
    assert_eq!(
        tokens("Kerry’s visit follows a meeting."),
        vec![
            (K::Word, "Kerry"),
            (K::Possessive, "’s"),
            (K::Word, "visit"),
            (K::Word, "follows"),
            (K::Word, "a"),
            (K::Word, "meeting"),
            (K::Terminal, "."),
        ]
    );
    assert_eq!(tokens("Monday's")[1], (K::Possessive, "'s"));
}

#[test]
fn plural_possessive_is_a_lone_apostrophe() {
    assert_eq!(
        tokens("the two powers’ militaries"),
        vec![
            (K::Word, "the"),
            (K::Word, "two"),
            (K::Word, "powers"),
            (K::Possessive, "’"),
            (K::Word, "militaries"),
        ]
    );
}

#[test]
fn apostrophe_closing_a_single_quotation_is_a_quote() {
    assert_eq!(
        tokens("‘great powers’ said"),
        vec![
            (K::Quote, "‘"),
            (K::Word, "great"),
            (K::Word, "powers"),
            (K::Quote, "’"),
            (K::Word, "said"),
        ]
    );
}

#[test]
fn suspended_hyphen_and_compound() {
    assert_eq!(
        tokens("Russian- and Iranian-backed government forces"),
        vec![
            (K::SuspendedHyphen, "Russian-"),
            (K::Word, "and"),
            (K::Compound, "Iranian-backed"),
            (K::Word, "government"),
            (K::Word, "forces"),
        ]
    );
    assert_eq!(
        tokens("a full-fledged cease-fire by al-Assad and Jean-Claude"),
        vec![
            (K::Word, "a"),
            (K::Compound, "full-fledged"),
            (K::Compound, "cease-fire"),
            (K::Word, "by"),
            (K::Compound, "al-Assad"),
            (K::Word, "and"),
            (K::Compound, "Jean-Claude"),
        ]
    );
}

#[test]
fn quotes_are_tokens_and_stay_in_the_sentence() {
    let text = "saying that Moscow “will continue to seek a revision”, TASS reported.";
    let got = tokens(text);
    assert_eq!(got[3], (K::Quote, "“"));
    assert_eq!(got[10], (K::Quote, "”"));
    assert_eq!(got[11], (K::Punct, ","));
    assert_eq!(sentences(text), vec![text]);
}

#[test]
fn terminals_split_sentences() {
    assert_eq!(
        sentences("Lavrov said it. Kerry agreed."),
        vec!["Lavrov said it.", "Kerry agreed."]
    );
}

#[test]
fn titles_and_months_do_not_end_sentences() {
    let text = "Mr. Kerry met Gen. Ali on Dec. 15. They talked.";
    assert_eq!(
        sentences(text),
        vec!["Mr. Kerry met Gen. Ali on Dec. 15.", "They talked."]
    );
    let got = tokens(text);
    assert_eq!(got[0], (K::Abbreviation, "Mr."));
    assert_eq!(got[3], (K::Abbreviation, "Gen."));
    assert_eq!(got[6], (date(None, 12, Some(15)), "Dec. 15"));
    assert_eq!(
        sentences("J. Smith met Dr. Jones in St. Petersburg."),
        vec!["J. Smith met Dr. Jones in St. Petersburg."]
    );
}

#[test]
fn initialism_ends_a_sentence_only_before_an_opener() {
    assert_eq!(
        sentences("He lives in the U.S. He works."),
        vec!["He lives in the U.S.", "He works."]
    );
    assert_eq!(
        sentences("It ended at 5 p.m. The talks resume."),
        vec!["It ended at 5 p.m.", "The talks resume."]
    );
    assert_eq!(
        sentences("He lives in Fresno, Calif. He works."),
        vec!["He lives in Fresno, Calif.", "He works."]
    );
    let one = "The U.S. Secretary met Acme Inc. Chairman Smith of Fresno, Calif., on Tue. Dec. 15.";
    assert_eq!(sentences(one), vec![one]);
}

#[test]
fn quoted_question_before_lower_case_continues() {
    let text = "“Why?” he asked. “Because.” Kerry said.";
    assert_eq!(
        sentences(text),
        vec!["“Why?” he asked.", "“Because.”", "Kerry said."]
    );
    assert_eq!(sentences("(It ended.) Then"), vec!["(It ended.)", "Then"]);
}

#[test]
fn numbers_units_and_currencies() {
    assert_eq!(
        tokens("It lost 464,000 subscribers and profits jumped 76% to $1.13bn (£600m)."),
        vec![
            (K::Word, "It"),
            (K::Word, "lost"),
            (K::Number, "464,000"),
            (K::Word, "subscribers"),
            (K::Word, "and"),
            (K::Word, "profits"),
            (K::Word, "jumped"),
            (K::Number, "76"),
            (K::Punct, "%"),
            (K::Word, "to"),
            (K::Punct, "$"),
            (K::Number, "1.13"),
            (K::Word, "bn"),
            (K::Punct, "("),
            (K::Punct, "£"),
            (K::Number, "600"),
            (K::Word, "m"),
            (K::Punct, ")"),
            (K::Terminal, "."),
        ]
    );
}

#[test]
fn other_date_forms() {
    assert_eq!(
        tokens("on 15 December 2015")[1],
        (date(Some(2015), 12, Some(15)), "15 December 2015")
    );
    assert_eq!(
        tokens("on 2015-12-15.")[1],
        (date(Some(2015), 12, Some(15)), "2015-12-15")
    );
    assert_eq!(
        tokens("in December 2015")[1],
        (date(Some(2015), 12, None), "December 2015")
    );
    assert_eq!(
        tokens("a planned January 1 ceasefire")[2],
        (date(None, 1, Some(1)), "January 1")
    );
    assert_eq!(
        tokens("December 45"),
        vec![(K::Word, "December"), (K::Number, "45")]
    );
    assert_eq!(tokens("in December")[1], (K::Word, "December"));
}

#[test]
fn pieces_of_one_block_make_one_sentence() {
    let text = "Kerry met *Lavrov* in Moscow.";
    let blocks = vec![Block {
        pieces: vec![Span::new(0, 10), Span::new(11, 17), Span::new(18, text.len())],
        part: Default::default(),
    }];
    let parsed = parse(text, &blocks);
    let got: Vec<_> = parsed.tokens.iter().map(|t| t.text(text)).collect();
    assert_eq!(got, vec!["Kerry", "met", "Lavrov", "in", "Moscow", "."]);
    assert_eq!(parsed.sentences.len(), 1);
    assert_eq!(parsed.sentences[0].span().slice(text), text);
    assert_eq!(parsed.sentences[0].tokens(), 0..6);
    assert_eq!(parsed.sentence_tokens(&parsed.sentences[0]).len(), 6);
}

#[test]
fn a_token_never_crosses_a_piece() {
    let text = "Russian-backed";
    let blocks = vec![Block {
        pieces: vec![Span::new(0, 8), Span::new(8, text.len())],
        part: Default::default(),
    }];
    let got: Vec<_> = parse(text, &blocks)
        .tokens
        .iter()
        .map(|t| (t.kind, t.text(text)))
        .collect();
    assert_eq!(got, vec![(K::SuspendedHyphen, "Russian-"), (K::Word, "backed")]);
}

#[test]
fn sentences_never_cross_blocks() {
    let text = "Kerry calls for talks\nLavrov agrees";
    let blocks = vec![
        Block {
            pieces: vec![Span::new(0, 21)],
            part: Default::default(),
        },
        Block {
            pieces: vec![Span::new(22, text.len())],
            part: Default::default(),
        },
    ];
    let parsed = parse(text, &blocks);
    let got: Vec<_> = parsed.sentences.iter().map(|s| s.span().slice(text)).collect();
    assert_eq!(got, vec!["Kerry calls for talks", "Lavrov agrees"]);
    assert_eq!(parsed.sentences[1].tokens(), 4..6);
}

#[test]
fn capitalized_means_first_char_upper_case() {
    assert!(is_capitalized("Kerry"));
    assert!(is_capitalized("Ćosić"));
    assert!(!is_capitalized("kerry"));
    assert!(!is_capitalized("’s"));
    assert!(!is_capitalized(""));
}

/// Every invariant `parse` promises, for one set of blocks.
fn check_invariants(text: &str, blocks: &[Block]) {
    let parsed = parse(text, blocks);
    let pieces: Vec<Span> = blocks.iter().flat_map(|b| b.pieces.iter().copied()).collect();
    let mut covered = 0;
    for token in &parsed.tokens {
        let span = token.span();
        assert!(span.start < span.end, "empty token {span:?} in {text:?}");
        assert!(
            text.get(span.start..span.end).is_some(),
            "{span:?} off char boundary in {text:?}"
        );
        assert!(
            pieces.iter().any(|p| p.start <= span.start && span.end <= p.end),
            "{span:?} crosses a piece in {text:?}"
        );
        assert!(!token.text(text).starts_with(char::is_whitespace));
    }
    for pair in parsed.tokens.windows(2) {
        assert!(pair[0].span().end <= pair[1].span().start);
    }
    for sentence in &parsed.sentences {
        assert_eq!(sentence.tokens().start, covered);
        assert!(sentence.tokens().start < sentence.tokens().end);
        covered = sentence.tokens().end;
        let first = parsed.tokens[sentence.tokens().start];
        let last = parsed.tokens[sentence.tokens().end - 1];
        assert_eq!(sentence.span(), Span::new(first.span().start, last.span().end));
    }
    assert_eq!(covered, parsed.tokens.len());
}

#[test]
fn odd_inputs_never_panic() {
    let long_word = "a".repeat(100_000);
    let long_number = "9".repeat(100_000);
    let long_compound = "ab-".repeat(30_000);
    let long_initialism = "a.".repeat(30_000);
    let inputs = [
        "",
        "   \t\n ",
        "....",
        "’’’’",
        "U.S",
        "a-",
        "-a",
        "1,",
        "Dec.",
        "December 45",
        "((((((((((",
        "Сергей Лавров",
        "👍🏽",
        "e\u{301}",
        "\u{0}\u{1}\u{7f}",
        "’s",
        "s’",
        "'",
        "Sun.,",
        "No.",
        "1,000,",
        "2015-12-",
        "\u{200d}\u{200d}",
        "\u{ad}",
        long_word.as_str(),
        long_number.as_str(),
        long_compound.as_str(),
        long_initialism.as_str(),
    ];
    for text in inputs {
        check_invariants(text, &whole(text));
    }
    assert_eq!(tokens(&long_word).len(), 1);
}

#[test]
fn bad_pieces_are_skipped() {
    let text = "Côte";
    let blocks = vec![Block {
        pieces: vec![
            Span::new(2, 3),
            Span::new(0, 100),
            Span::new(3, 1),
            Span::new(0, 1),
        ],
        part: Default::default(),
    }];
    let parsed = parse(text, &blocks);
    assert_eq!(parsed.tokens.len(), 1);
    assert_eq!(parsed.tokens[0].text(text), "C");
}

#[test]
fn every_substring_of_an_article_parses() {
    let sample = "U.S. Secretary Kerry’s talks—in Moscow, Tuesday, Dec. 15, 2015—“won’t” \
                  end… Russian- and Iranian-backed forces’ 1,000-strong units (76%) met \
                  Сергей Лавров 👍🏽 e\u{301} Mr. O'Brien on 15 December. He said: ‘No. 1?!’";
    let bounds: Vec<usize> = sample
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(sample.len()))
        .collect();
    for (n, &start) in bounds.iter().enumerate() {
        for &end in &bounds[n..] {
            let text = &sample[start..end];
            check_invariants(text, &whole(text));
        }
        // The same text cut into two pieces at every boundary.
        let at = bounds[(n * 7) % bounds.len()];
        let blocks = vec![Block {
            pieces: vec![Span::new(0, at), Span::new(at, sample.len())],
            part: Default::default(),
        }];
        check_invariants(sample, &blocks);
    }
}

/// The example article of the repository, one paragraph a line.
pub(super) const ARTICLE: &str = r#"Kerry calls for common ground with Russian Federation on Syria, Ukraine
US State Secretary John Kerry announced last week that the next meeting of world powers on Syria would take place in New York City on December 18.
US Secretary of State John Kerry and his Russian counterpart Sergei Lavrov began talks in Moscow on Tuesday in an effort to keep the brittle Syrian peace process on track.
Lavrov said: “I hope that today we will be able to discuss all these issues comprehensively”, TASS reported.
Kerry’s visit follows a meeting last week in Riyadh which agreed to unite a number of opposition groups, not including Islamic State, to negotiate with Damascus in peace talks.
U.S. Secretary of State John Kerry listens during a meeting with Russian Foreign Minister Sergey Lavrov, foreground, in Moscow Tuesday, Dec. 15, 2015.
He also said that the meeting would cover the matter of Ukraine, with its continued division between the Western-backed government in Kiev and the Russian-backed separatists in its East.
A statement issued by the Russian Foreign Ministry aired some of those grievances, saying that Moscow “will continue to seek a revision of the USA administration policy based on dividing terrorists into a “bad” and “good” ones” and complaining that the US was unwilling to engage in “full-fledged coordination” between the two powers’ militaries while both are conducting airstrikes in Syria.
USA TODAY Resumed violence threatens Ukraine cease-fire On Syria, Washington favors a political transition in that may see President Bashar Assad eventually step apart, while Moscow is adamant in that exclusively the Syrian people could make in that call.
Russian Federation has been carrying out air strikes targeting ISIS positions in Syria, but the United States accuses Russian Federation of bombing moderate rebels.
Assad’s future and his potential role in the political transition will be prime topics of Kerry’s conversations with Putin and Lavrov. Syrian opposition groups, however, demand that Assad leave at the start of the process.
Kerry’s talks with Putin will also delve deeper into details of a planned January 1 ceasefire in Syria, as well as Monday’s comments by Russia on supporting the Free Syrian Army (FSA), which has been fighting Russian- and Iranian-backed government forces."#;

#[test]
fn an_article_parses_sanely() {
    let source = crate::source::Source::new("a.txt", ARTICLE, crate::source::Format::Text);
    check_invariants(&source.text, &source.blocks);
    let parsed = parse(&source.text, &source.blocks);
    // One sentence a line, except the line with "… Putin and Lavrov. Syrian
    // opposition groups …", which has two.
    assert_eq!(parsed.sentences.len(), source.blocks.len() + 1);
}

#[test]
fn a_sentence_is_16_bytes_and_keeps_its_bounds() {
    assert_eq!(std::mem::size_of::<Sentence>(), 16);
    let sentence = Sentence::new(Span::new(5, 40), 2..9);
    assert_eq!((sentence.span(), sentence.tokens()), (Span::new(5, 40), 2..9));
}

#[test]
fn a_date_packs_into_a_twelve_byte_token() {
    assert_eq!(std::mem::size_of::<Token>(), 12);
    let date = DateValue::new(Some(9999), Some(12), Some(31)).expect("a valid date");
    assert_eq!(date.full(), Some((9999, 12, 31)));
    assert_eq!(date.without_year().full(), None);
    assert_eq!(date.without_year().month(), Some(12));
    let bare = DateValue::new(None, Some(2), None).expect("a month alone");
    assert_eq!((bare.year(), bare.month(), bare.day()), (None, Some(2), None));
    assert_eq!(
        DateValue::new(Some(0), None, None).and_then(DateValue::year),
        Some(0)
    );
    assert_eq!(DateValue::new(Some(10_000), Some(1), Some(1)), None);
    assert_eq!(DateValue::new(Some(-1), Some(1), Some(1)), None);
}
