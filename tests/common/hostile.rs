//! Drafts built to defeat one stage of the check each, at any size: the
//! linearity test (tests/linear.rs) and the `hostile` benchmark group
//! (benches/throughput.rs) both use them.

/// Builds about the given number of bytes of one input.
pub type Build = fn(usize) -> String;

/// Each input's name and how to build it.
pub const INPUTS: &[(&str, Build)] = &[
    ("repeated_sentence", repeated_sentence),
    ("many_names", many_names),
    ("many_numbers", many_numbers),
    ("giant_sentence", giant_sentence),
    ("one_word_sentences", one_word_sentences),
];

/// One sentence with two spellings of one word, over and over: one
/// finding gathers every place.
pub fn repeated_sentence(bytes: usize) -> String {
    repeat_to("The cease-fire held in Kiev and the ceasefire broke. ", bytes)
}

/// A different person in every sentence, with titles, some a vowel apart
/// from others (the variant and first-reference checks compare names).
pub fn many_names(bytes: usize) -> String {
    fill(bytes, |i| {
        format!(
            "Foreign Minister {} {} met {} in {}. ",
            name(i),
            name(i * 7 + 3),
            name(i / 2 + 11),
            name(i % 97 + 5)
        )
    })
}

/// Counts, ages, dates and weekdays in every sentence (the claims checks
/// compare them).
pub fn many_numbers(bytes: usize) -> String {
    fill(bytes, |i| {
        format!(
            "Police said {} people were killed and {} injured on Monday {} May 2015 in {}, and {} {}, {}, was arrested. ",
            i % 50 + 2,
            i % 300 + 1,
            i % 28 + 1,
            name(i % 13),
            name(i % 31 + 40),
            name(i % 17 + 90),
            i % 60 + 20
        )
    })
}

/// One sentence with no end: every stage that works a sentence at a time
/// gets all of it at once.
pub fn giant_sentence(bytes: usize) -> String {
    repeat_to(
        "the cease-fire in Kiev and the ceasefire, said John Smith, 45, and ",
        bytes,
    )
}

/// Sentences of one word each.
pub fn one_word_sentences(bytes: usize) -> String {
    fill(bytes, |i| format!("{}. ", name(i)))
}

/// `unit` repeated to about `bytes`.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// `piece(0)`, `piece(1)`… until `bytes` are written.
fn fill(bytes: usize, piece: impl Fn(usize) -> String) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&piece(i));
        i += 1;
    }
    text
}

/// A capitalised name-like word for `i`, different for every `i`: three
/// syllables from 20 consonants and 5 vowels, then more as `i` grows.
fn name(mut i: usize) -> String {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvwxzy";
    const VOWELS: &[u8] = b"aeiou";
    let mut word = String::new();
    loop {
        word.push(CONSONANTS[i % CONSONANTS.len()] as char);
        i /= CONSONANTS.len();
        word.push(VOWELS[i % VOWELS.len()] as char);
        i /= VOWELS.len();
        if i == 0 && word.len() >= 6 {
            break;
        }
    }
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    std::iter::once(first).chain(chars).collect()
}
