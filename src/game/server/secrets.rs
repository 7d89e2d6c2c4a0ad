//! The game's secrets: tokens (a seat's, the facilitator's key) and the join codes people type,
//! drawn from the operating system's random generator.

/// A random string of `n` characters from `alphabet`, from the operating system's generator.
pub fn random_text(n: usize, alphabet: &[u8]) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the operating system's random generator");
    // 256 is a multiple of the alphabets used (32 and 16), so every character is equally likely.
    bytes.iter().map(|b| alphabet[*b as usize % alphabet.len()] as char).collect()
}

/// A token: 32 hex digits (128 bits).
pub fn token() -> String {
    random_text(32, b"0123456789abcdef")
}

/// A code people type: 8 characters without look-alikes (40 bits).
pub fn code() -> String {
    random_text(8, b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
}
