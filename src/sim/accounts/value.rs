//! Value (seed 000: "the value that salespeople added no longer justified their pay"): what an
//! account is worth to the company, not only what it pays. Each account has a gross margin at list
//! price (a beta draw, `market.gross_margin`, `market.margin_sd`); it buys at a discount won in
//! its deals; competitors' price cuts lower its price but not its cost. So its weekly gross margin
//! is revenue − cost, cost = potential / 52 × share of wallet × (1 − margin), and discounts and price
//! pressure come straight out of margin. A rep's contribution is the gross margin of its book less
//! what it costs (its pay); the company's is the force's gross margin less the whole cost of sales.
//!
//! Discounting is the rep's choice: to win a deal it offers the discount d (at most
//! `deals.discount_limit`) that maximises its expected credit, chance × credit, with chance
//! × (1 + k·d), k = `deals.discount_lift`. Paid on revenue, the credit is ∝ (1 − d), so
//! d* = (k − 1) / 2k; paid on margin, it is ∝ (m − d), so d* = (k·m − 1) / 2k: margin-paid reps
//! protect price. A firm of an industry that sells below the industry's list price
//! (`firms[i].price_cut` = c) offers every deal at 1 − (1 − d*)(1 − c) off list: it wins more often,
//! and books, earns and keeps margin at its own lower price.

use crate::scenario::Scenario;

/// The discount off list a deal on an account of margin `margin` is offered at: the rep's d in
/// [0, `discount_limit`] that maximises (1 + k·d)·(c − d), c = 1 under revenue-based credit and the
/// margin under margin-based credit, on top of its firm's own price cut (`Scenario::own_price_cut`).
pub(crate) fn offered_discount(s: &Scenario, margin: f64) -> f64 {
    let k = s.deals.discount_lift;
    let rep = if k > 0.0 {
        let kept = s.pay.commission_basis.credited_share(margin);
        ((k * kept - 1.0) / (2.0 * k)).clamp(0.0, s.deals.discount_limit)
    } else {
        0.0
    };
    // At list (the one firm of a scenario without `firms`) the rep's discount exactly.
    if s.own_price_cut > 0.0 { 1.0 - (1.0 - rep) * (1.0 - s.own_price_cut) } else { rep }
}

/// How much an offered discount raises a deal's chance: 1 + `discount_lift` × d.
#[inline]
pub(crate) fn discount_lift(s: &Scenario, offered: f64) -> f64 {
    1.0 + s.deals.discount_lift * offered
}

/// An account's discount after a deal adds `step` of share of wallet at discount `deal` to the
/// `wallet` it had at discount `current`: the wallet-weighted mean.
pub(crate) fn blend_discount(current: f64, wallet: f64, deal: f64, step: f64) -> f64 {
    let total = wallet + step;
    if total > 0.0 { (current * wallet + deal * step) / total } else { deal }
}

/// Gross margin per dollar of revenue at discount `discount` and price factor `price` (loyalty
/// premium and competitors' cuts): 1 − (1 − m) / (price·(1 − d)).
#[inline]
pub(crate) fn margin_rate(margin: f64, discount: f64, price: f64) -> f64 {
    let paid = price * (1.0 - discount);
    if paid > 0.0 { 1.0 - (1.0 - margin) / paid } else { 0.0 }
}
