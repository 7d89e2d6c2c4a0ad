//! Elementary functions for the per-account passes, written out so they inline into the loops:
//! `exp` and the logistic function to within a few units in the last place of the C library's,
//! and ln(1 + weeks/52) from a table. They are plain arithmetic, so every machine gets the same bits.

use std::sync::OnceLock;

/// e^x for x in [−708, 709] (clamped outside), relative error below 2e-15. Range reduction
/// x = k·ln 2 + r with |r| ≤ ½ ln 2, then the degree-12 Taylor polynomial for e^r (evaluated by
/// Estrin's scheme, which needs a third of Horner's sequential steps) and 2^k from the exponent bits.
#[inline]
pub fn exp(x: f64) -> f64 {
    // ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding and subtracting 1.5·2^52 rounds to the nearest integer without a library call.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let x = x.clamp(-708.0, 709.0);
    let k = (x * std::f64::consts::LOG2_E + ROUND) - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    const C: [f64; 13] = [
        1.0,
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
    ];
    let (r2, r4) = (r * r, r * r * (r * r));
    let pairs =
        [C[0] + C[1] * r, C[2] + C[3] * r, C[4] + C[5] * r, C[6] + C[7] * r, C[8] + C[9] * r, C[10] + C[11] * r];
    let quads = [pairs[0] + pairs[1] * r2, pairs[2] + pairs[3] * r2, pairs[4] + pairs[5] * r2];
    let p = (quads[0] + quads[1] * r4) + (quads[2] + C[12] * r4) * (r4 * r4);
    p * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

/// The logistic function 1 / (1 + e^(−z)).
#[inline]
pub fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + exp(-z))
}

/// Weeks covered by the table of [`ln_tenure`] (150 years); longer tenures are computed.
const TABLE_WEEKS: usize = 7_800;

/// ln(1 + weeks/52): the log of one plus a tenure in years, for a whole number of weeks ≥ 0.
#[inline]
pub fn ln_tenure(weeks: i32) -> f64 {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..TABLE_WEEKS).map(|w| (1.0 + w as f64 / 52.0).ln()).collect());
    let w = weeks.max(0) as usize;
    table.get(w).copied().unwrap_or_else(|| (1.0 + w as f64 / 52.0).ln())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_the_library_to_the_last_digits() {
        let mut worst: f64 = 0.0;
        for i in -70_000..=70_000 {
            let x = i as f64 / 100.0 + 0.001_234;
            let want = x.exp();
            worst = worst.max(((exp(x) - want) / want).abs());
        }
        assert!(worst < 2e-15, "worst relative error {worst:e}");
        assert_eq!(exp(0.0), 1.0);
        assert!(exp(-1e6) > 0.0 && exp(1e6).is_finite());
    }

    #[test]
    fn logistic_is_a_probability_centred_on_zero() {
        assert_eq!(logistic(0.0), 0.5);
        assert!((logistic(2.0) + logistic(-2.0) - 1.0).abs() < 1e-15);
        assert!(logistic(-800.0) >= 0.0 && logistic(800.0) <= 1.0);
    }

    #[test]
    fn tenure_logs_match_inside_and_beyond_the_table() {
        for w in [0, 1, 51, 52, 520, 7_799, 7_800, 20_000] {
            assert_eq!(ln_tenure(w), (1.0 + w as f64 / 52.0).ln(), "{w} weeks");
        }
        assert_eq!(ln_tenure(-5), 0.0);
    }
}
