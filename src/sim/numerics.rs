//! Elementary functions for the per-account passes, written out so they inline into the loops:
//! `exp`, `ln` and the logistic function to within a few units in the last place of the C
//! library's, and ln(1 + weeks/52) from a table. They are plain arithmetic, so every machine gets
//! the same bits.

use crate::sim::components::WEEKS_PER_YEAR;
use std::sync::OnceLock;

/// a / b, or 0 when b is not positive (a rate over an empty exposure).
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// e^x for x in [−708, 709] (clamped outside), relative error below 2e-15. Range reduction
/// x = k·ln 2 + r with |r| ≤ ½ ln 2, then the degree-12 Taylor polynomial for e^r (evaluated by
/// Estrin's scheme, which needs a third of Horner's sequential steps) and 2^k from the exponent bits.
#[inline]
pub(crate) fn exp(x: f64) -> f64 {
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

/// Mantissa bits that index the table of [`ln`].
const LN_BITS: u32 = 8;

/// For i = 0..256: (1 / c_i, ln c_i) with c_i = 1 + (i + ½)/256, the centre of the i-th slice of [1, 2).
fn ln_table() -> &'static [(f64, f64); 1 << LN_BITS] {
    static TABLE: OnceLock<[(f64, f64); 1 << LN_BITS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = 1.0 + (i as f64 + 0.5) / (1 << LN_BITS) as f64;
            (1.0 / c, libm::log(c))
        })
    })
}

/// ln x for finite x > 0 (−∞ for x ≤ 0), absolute error below 1e-13. x = m·2^k with m in [1, 2);
/// m's top 8 bits pick c from a table, and ln m = ln c + ln(1 + y) with y = m/c − 1, |y| < 1/512,
/// by its series to y⁵. No division, no dependence on the C library.
#[inline]
pub(crate) fn ln(x: f64) -> f64 {
    if x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    if exponent == 0 || exponent == 0x7ff {
        // Subnormal, infinite or NaN: rarely seen, so left to the library.
        return libm::log(x);
    }
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let (inverse, ln_c) = ln_table()[((bits >> (52 - LN_BITS)) & ((1 << LN_BITS) - 1)) as usize];
    let y = m * inverse - 1.0;
    let y2 = y * y;
    let series = y - y2 * 0.5 + y2 * y * (1.0 / 3.0 - y * 0.25 + y2 * 0.2);
    (exponent - 1023) as f64 * std::f64::consts::LN_2 + ln_c + series
}

/// The logistic function 1 / (1 + e^(−z)).
#[inline]
pub(crate) fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + exp(-z))
}

/// Weeks covered by the table of [`ln_tenure`] (150 years); longer tenures are computed.
const TABLE_WEEKS: usize = 7_800;

/// ln(1 + weeks/52): the log of one plus a tenure in years, for a whole number of weeks ≥ 0.
#[inline]
pub(crate) fn ln_tenure(weeks: i32) -> f64 {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..TABLE_WEEKS).map(|w| libm::log(1.0 + w as f64 / WEEKS_PER_YEAR)).collect());
    let w = weeks.max(0) as usize;
    table.get(w).copied().unwrap_or_else(|| libm::log(1.0 + w as f64 / WEEKS_PER_YEAR))
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
    fn ln_matches_the_library_to_the_last_digits() {
        let mut worst: f64 = 0.0;
        for i in 1..200_000 {
            let x = (i as f64 * 0.731).powf(1.7) * 1e-3;
            let want = x.ln();
            let err = if want.abs() > 1e-3 { ((ln(x) - want) / want).abs() } else { (ln(x) - want).abs() };
            worst = worst.max(err);
        }
        assert!(worst < 1e-13, "worst error {worst:e}");
        assert!(ln(1.0).abs() < 1e-16);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
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
            assert_eq!(ln_tenure(w), libm::log(1.0 + w as f64 / 52.0), "{w} weeks");
        }
        assert_eq!(ln_tenure(-5), 0.0);
    }
}
