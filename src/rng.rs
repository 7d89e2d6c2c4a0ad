//! Counter-based random streams keyed by (seed, agent id, tick, purpose), so every draw is
//! reproducible and two policies run on the same seed face the same luck. A [`Stream`] is a
//! `rand` generator (it implements `rand::TryRng` with no error, hence `rand::Rng`), and its
//! normal, lognormal, exponential and Poisson draws come from `rand_distr`.

use rand::RngExt;
use rand_distr::{Beta, Distribution, Exp1, Poisson, StandardNormal};
use std::convert::Infallible;

/// What a random draw is for. Each purpose gets its own independent stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    RepTraits = 1,
    CustomerTraits = 2,
    /// A rep's prospecting: how many new-customer opportunities it opens this week.
    Prospecting = 3,
    ProspectPick = 4,
    /// The one uniform an account draws each week: churn (low values) or an expansion
    /// opportunity (high values).
    AccountWeek = 5,
    Quit = 6,
    PoachOffer = 7,
    Departure = 9,
    Vacancy = 10,
    CompetitorWin = 11,
    /// A deal's size and cycle, drawn when it opens.
    DealTerms = 12,
    /// A deal's outcome at its close.
    DealClose = 13,
    /// A seat's territory, drawn when the seat is created.
    Territory = 14,
    /// Which week-0 accounts start with a deal in progress.
    SettledPipeline = 15,
    /// A week-0 account's years as a customer.
    AccountHistory = 16,
    /// The week-0 reps' tenure.
    RepHistory = 17,
    /// A performance review's consequences (whether a rep let go joins a rival).
    Review = 18,
    /// Whether a rep threatens to leave over a planned change.
    Threat = 19,
    /// Whether a rep whose threat was ignored leaves.
    FollowThrough = 20,
    /// Calibration (`src/calibrate/`): a proposed particle's parameters (agent = particle, tick =
    /// generation).
    CalibrationProposal = 21,
    /// Calibration: the seed of a proposed particle's run.
    CalibrationRun = 22,
    /// Calibration: which posterior particle a predictive-check run replays, and its seed.
    CalibrationCheck = 23,
    /// `compare --posterior`: which posterior particle a paired draw uses.
    PosteriorDraw = 24,
    /// Whether a departed rep, working for a rival, takes a former customer this week.
    Solicitation = 25,
    /// Which rival firm of the industry a rep who quits for a rival joins.
    JoinRival = 26,
    /// Which rival firms of the industry also pitch a prospect whose deal closes this week.
    Contest = 27,
    /// Where a customer who leaves a firm of an industry buys instead (`deals/contest.rs`).
    ChurnChoice = 28,
}

/// SplitMix64 finaliser: a bijective 64-bit mixer with good avalanche behaviour.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small deterministic random stream. Create one per (agent, tick, purpose) with [`Stream::new`].
#[derive(Debug)]
pub struct Stream {
    state: u64,
}

impl rand::TryRng for Stream {
    type Error = Infallible;

    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((self.next() >> 32) as u32)
    }

    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.next())
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

impl Stream {
    /// The stream for one agent at one tick for one purpose.
    #[inline]
    pub fn new(seed: u64, agent: u64, tick: u32, purpose: Purpose) -> Self {
        let mut s = mix64(seed ^ 0x5a1e_51a0_0000_0001);
        s = mix64(s ^ agent.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        s = mix64(s ^ (tick as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
        s = mix64(s ^ (purpose as u64).wrapping_mul(0x8cb9_2ba7_2f3d_8dd7));
        Stream { state: s }
    }

    /// The streams of one tick and purpose, for drawing one per agent cheaply: the seed, tick and
    /// purpose are mixed once, so each agent's stream costs one more mix (a different but equally
    /// valid keying of (seed, agent, tick, purpose) than [`Stream::new`]).
    #[inline]
    pub fn per_agent(seed: u64, tick: u32, purpose: Purpose) -> AgentStreams {
        let mut s = mix64(seed ^ 0x3c6e_f372_fe94_f82b);
        s = mix64(s ^ (tick as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
        s = mix64(s ^ (purpose as u64).wrapping_mul(0x8cb9_2ba7_2f3d_8dd7));
        AgentStreams { key: s }
    }

    #[inline]
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.state)
    }

    /// Uniform in [0, 1) (rand's standard uniform: 53 random bits).
    #[inline]
    pub fn unit(&mut self) -> f64 {
        self.random::<f64>()
    }

    /// True with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal (rand_distr's ziggurat).
    pub fn normal(&mut self) -> f64 {
        StandardNormal.sample(self)
    }

    /// Lognormal with arithmetic mean `mean` and log-scale sigma `sigma`.
    pub fn lognormal_mean(&mut self, mean: f64, sigma: f64) -> f64 {
        let mu = libm::log(mean) - 0.5 * sigma * sigma;
        libm::exp(mu + sigma * self.normal())
    }

    /// Lognormal with median `median` and log-scale sigma `sigma`.
    pub fn lognormal_median(&mut self, median: f64, sigma: f64) -> f64 {
        median * libm::exp(sigma * self.normal())
    }

    /// Beta-distributed share with mean `mean` and standard deviation `sd` (exactly `mean` when
    /// `sd` is 0; the scenario check keeps sd² below mean·(1 − mean)).
    pub fn beta_mean_sd(&mut self, mean: f64, sd: f64) -> f64 {
        let spread = mean * (1.0 - mean) / (sd * sd) - 1.0;
        match Beta::new(mean * spread, (1.0 - mean) * spread) {
            Ok(b) if sd > 0.0 => b.sample(self),
            _ => mean,
        }
    }

    /// Exponential with mean `mean`.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        let e: f64 = Exp1.sample(self);
        mean * e
    }

    /// Poisson count with mean `lambda` (rand_distr: Knuth's method below 12, exact rejection
    /// sampling above); 0 when `lambda` is not positive.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        match Poisson::new(lambda) {
            Ok(p) => p.sample(self) as u64,
            Err(_) => 0,
        }
    }

    /// Uniform index in 0..n (n > 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.random_range(0..n.max(1))
    }
}

/// The streams of one (seed, tick, purpose), one per agent ([`Stream::per_agent`]).
#[derive(Clone, Copy, Debug)]
pub struct AgentStreams {
    key: u64,
}

impl AgentStreams {
    /// The stream of `agent`.
    #[inline]
    pub fn of(&self, agent: u64) -> Stream {
        Stream { state: mix64(self.key ^ agent.wrapping_mul(0x9e37_79b9_7f4a_7c15)) }
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
    1.0 - libm::pow(1.0 - annual.clamp(0.0, 0.999_999), 1.0 / 52.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    fn first_four(seed: u64, agent: u64, tick: u32, p: Purpose) -> Vec<u64> {
        let mut s = Stream::new(seed, agent, tick, p);
        (0..4).map(|_| s.next_u64()).collect()
    }

    #[test]
    fn the_same_key_gives_the_same_draws_and_other_keys_differ() {
        let a = first_four(7, 3, 9, Purpose::AccountWeek);
        assert_eq!(a, first_four(7, 3, 9, Purpose::AccountWeek));
        assert_ne!(first_four(7, 3, 9, Purpose::Quit)[0], a[0]);
        assert_ne!(first_four(7, 4, 9, Purpose::AccountWeek)[0], a[0]);
        assert_ne!(first_four(7, 3, 10, Purpose::AccountWeek)[0], a[0]);
        assert_ne!(first_four(8, 3, 9, Purpose::AccountWeek)[0], a[0]);
    }

    #[test]
    fn per_agent_streams_differ_by_agent_tick_and_purpose() {
        let a = Stream::per_agent(7, 9, Purpose::AccountWeek).of(3).next_u64();
        assert_eq!(a, Stream::per_agent(7, 9, Purpose::AccountWeek).of(3).next_u64());
        assert_ne!(a, Stream::per_agent(7, 9, Purpose::AccountWeek).of(4).next_u64());
        assert_ne!(a, Stream::per_agent(7, 10, Purpose::AccountWeek).of(3).next_u64());
        assert_ne!(a, Stream::per_agent(7, 9, Purpose::Quit).of(3).next_u64());
        assert_ne!(a, Stream::per_agent(8, 9, Purpose::AccountWeek).of(3).next_u64());
    }

    #[test]
    fn unit_draws_are_roughly_uniform() {
        let mut s = Stream::new(1, 1, 1, Purpose::AccountWeek);
        let mean = (0..20_000).map(|_| s.unit()).sum::<f64>() / 20_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn poisson_draws_have_their_mean_and_variance_for_small_and_large_means() {
        for lambda in [0.3, 4.0, 45.0, 900.0] {
            let mut s = Stream::new(3, 1, 1, Purpose::Prospecting);
            let draws: Vec<f64> = (0..40_000).map(|_| s.poisson(lambda) as f64).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            assert!((mean / lambda - 1.0).abs() < 0.03, "λ {lambda}: mean {mean}");
            assert!((var / lambda - 1.0).abs() < 0.06, "λ {lambda}: variance {var}");
        }
        assert_eq!(Stream::new(1, 1, 1, Purpose::Prospecting).poisson(0.0), 0);
    }

    #[test]
    fn lognormal_draws_have_the_mean_asked_for() {
        let mut s = Stream::new(5, 2, 1, Purpose::DealTerms);
        let mean = (0..100_000).map(|_| s.lognormal_mean(6_800.0, 0.9)).sum::<f64>() / 100_000.0;
        assert!((mean / 6_800.0 - 1.0).abs() < 0.02, "{mean}");
    }

    #[test]
    fn weekly_hazard_compounds_back_to_annual() {
        let h = weekly_hazard(0.21);
        assert!((1.0 - (1.0 - h).powi(52) - 0.21).abs() < 1e-9);
    }
}
