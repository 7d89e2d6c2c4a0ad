//! Counter-based random streams keyed by (seed, agent id, tick, purpose), so every draw is
//! reproducible and two policies run on the same seed face the same luck.

/// What a random draw is for. Each purpose gets its own independent stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    RepTraits = 1,
    CustomerTraits = 2,
    Acquisition = 3,
    ProspectPick = 4,
    Churn = 5,
    Quit = 6,
    PoachOffer = 7,
    PoachAccept = 8,
    Departure = 9,
    Vacancy = 10,
    CompetitorWin = 11,
    ColleagueJoin = 12,
    Broadening = 13,
}

/// SplitMix64 finaliser: a bijective 64-bit mixer with good avalanche behaviour.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small deterministic random stream. Create one per (agent, tick, purpose) with [`Stream::new`].
#[derive(Clone, Debug)]
pub struct Stream {
    state: u64,
}

impl Stream {
    /// The stream for one agent at one tick for one purpose.
    pub fn new(seed: u64, agent: u64, tick: u32, purpose: Purpose) -> Self {
        let mut s = mix64(seed ^ 0x5a1e_51a0_0000_0001);
        s = mix64(s ^ agent.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        s = mix64(s ^ (tick as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
        s = mix64(s ^ (purpose as u64).wrapping_mul(0x8cb9_2ba7_2f3d_8dd7));
        Stream { state: s }
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.state)
    }

    /// Uniform in [0, 1).
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal by Box-Muller.
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-300);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Lognormal with the given arithmetic mean and log-scale sigma.
    pub fn lognormal_mean(&mut self, mean: f64, sigma: f64) -> f64 {
        let mu = mean.ln() - 0.5 * sigma * sigma;
        (mu + sigma * self.normal()).exp()
    }

    /// Poisson count by inversion (fine for the small means used here; capped for safety).
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda > 30.0 {
            return (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u32;
        }
        let l = (-lambda).exp();
        let mut k = 0u32;
        let mut p = 1.0;
        loop {
            p *= self.unit();
            if p <= l || k > 200 {
                return k;
            }
            k += 1;
        }
    }

    /// Uniform index in 0..n (n > 0).
    pub fn index(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// A stable 64-bit key for a name (FNV-1a then mixed), so an agent known by name (a competitor)
/// draws the same luck whatever its position in the scenario's list.
pub fn name_key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// Weekly hazard from an annual probability: h = 1 − (1 − p)^(1/52).
pub fn weekly_hazard(annual: f64) -> f64 {
    1.0 - (1.0 - annual.clamp(0.0, 0.999_999)).powf(1.0 / 52.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_gives_same_draws_and_keys_differ() {
        let a: Vec<u64> =
            (0..4).map(|_| 0).scan(Stream::new(7, 3, 9, Purpose::Churn), |s, _| Some(s.next_u64())).collect();
        let b: Vec<u64> =
            (0..4).map(|_| 0).scan(Stream::new(7, 3, 9, Purpose::Churn), |s, _| Some(s.next_u64())).collect();
        assert_eq!(a, b);
        assert_ne!(Stream::new(7, 3, 9, Purpose::Quit).next_u64(), a[0]);
        assert_ne!(Stream::new(7, 4, 9, Purpose::Churn).next_u64(), a[0]);
        assert_ne!(Stream::new(7, 3, 10, Purpose::Churn).next_u64(), a[0]);
    }

    #[test]
    fn unit_draws_are_roughly_uniform() {
        let mut s = Stream::new(1, 1, 1, Purpose::Churn);
        let mean = (0..20_000).map(|_| s.unit()).sum::<f64>() / 20_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn weekly_hazard_compounds_back_to_annual() {
        let h = weekly_hazard(0.21);
        assert!((1.0 - (1.0 - h).powi(52) - 0.21).abs() < 1e-9);
    }
}
