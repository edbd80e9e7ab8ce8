//! A set of words that answers "no" for most words at the cost of reading
//! three things of each: its length and its first and last bytes. Put in
//! front of a hash table whose keys are few, it spares hashing the many
//! tokens of a draft that are none of them.

/// One bit for each word put in, by its `Sketch::bit`: 2^16 bits, 8 KiB,
/// which stays in the processor's cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    bits: Box<[u64]>,
}

impl Default for Sketch {
    fn default() -> Sketch {
        Sketch {
            bits: vec![0; 1 << (Sketch::BITS - 6)].into_boxed_slice(),
        }
    }
}

impl Sketch {
    const BITS: u32 = 16;

    /// Adds the word `word` would be if it were `len` bytes long (a draft
    /// may write a straight apostrophe curly, two bytes longer).
    pub fn insert(&mut self, word: &[u8], len: usize) {
        let bit = Sketch::bit(word, len);
        if let Some(slot) = self.bits.get_mut(bit / 64) {
            *slot |= 1 << (bit % 64);
        }
    }

    /// False when no word added has `word`'s length and its first and last
    /// bytes (ASCII case folded, a curly apostrophe's read as `'`).
    #[inline]
    pub fn may_contain(&self, word: &[u8]) -> bool {
        let bit = Sketch::bit(word, word.len());
        self.bits
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// A word's bit: from `len` and its first and last bytes with ASCII
    /// case folded. A curly apostrophe's first and last bytes read as `'`
    /// (so do those of a few other characters, which only makes the answer
    /// "maybe" more often).
    #[inline]
    fn bit(word: &[u8], len: usize) -> usize {
        let byte = |b: Option<&u8>| match b {
            Some(0xE2 | 0x99) => b'\'',
            Some(b) => b.to_ascii_lowercase(),
            None => 0,
        };
        let (first, last) = (byte(word.first()), byte(word.last()));
        let mixed =
            (u64::from(first) << 16 | u64::from(last) << 8 | len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - Sketch::BITS)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_no_to_words_of_another_shape_and_maybe_to_the_added() {
        let mut s = Sketch::default();
        assert!(!s.may_contain(b"killed"));
        s.insert(b"killed", 6);
        s.insert(b"People's", "People's".len() + 2);
        assert!(s.may_contain(b"killed"));
        assert!(s.may_contain(b"KILLED"));
        assert!(s.may_contain("People’s".as_bytes()));
        assert!(!s.may_contain(b"kill"));
        assert!(!s.may_contain(b"billed"));
        assert!(!s.may_contain(b""));
    }
}
