//! The scenarios bundled into the browser build (which has no disk to read them from): every
//! file of `scenarios/`, by its path there, so a session recorded in the page names a file that
//! replays headless from the repository.

/// (path, text) of every bundled scenario, sorted by path.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const SCENARIOS: &[(&str, &str)] = &[
    ("scenarios/baseline.ron", include_str!("../../scenarios/baseline.ron")),
    ("scenarios/industry_pay_race.ron", include_str!("../../scenarios/industry_pay_race.ron")),
    ("scenarios/insurance_complacency.ron", include_str!("../../scenarios/insurance_complacency.ron")),
    ("scenarios/large.ron", include_str!("../../scenarios/large.ron")),
    ("scenarios/large_industry.ron", include_str!("../../scenarios/large_industry.ron")),
    ("scenarios/medical_device_runaway_pay.ron", include_str!("../../scenarios/medical_device_runaway_pay.ron")),
    ("scenarios/remedy_crm.ron", include_str!("../../scenarios/remedy_crm.ron")),
    ("scenarios/remedy_multiplexing.ron", include_str!("../../scenarios/remedy_multiplexing.ron")),
    ("scenarios/remedy_qualitative_bonus.ron", include_str!("../../scenarios/remedy_qualitative_bonus.ron")),
    ("scenarios/remedy_quarterly_quota.ron", include_str!("../../scenarios/remedy_quarterly_quota.ron")),
    (
        "scenarios/remedy_startup_retention_bonus.ron",
        include_str!("../../scenarios/remedy_startup_retention_bonus.ron"),
    ),
    ("scenarios/remedy_team_pay.ron", include_str!("../../scenarios/remedy_team_pay.ron")),
    ("scenarios/startup_growth.ron", include_str!("../../scenarios/startup_growth.ron")),
    ("scenarios/tech_broadening.ron", include_str!("../../scenarios/tech_broadening.ron")),
    ("scenarios/workshop_game.ron", include_str!("../../scenarios/workshop_game.ron")),
];

#[cfg(test)]
mod tests {
    use super::SCENARIOS;

    #[test]
    fn every_scenario_file_is_bundled_and_each_parses() {
        let mut on_disk: Vec<String> = std::fs::read_dir("scenarios")
            .expect("scenarios/")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".ron"))
            .map(|n| format!("scenarios/{n}"))
            .collect();
        on_disk.sort();
        let bundled: Vec<String> = SCENARIOS.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(bundled, on_disk, "src/live/bundled.rs must list every file of scenarios/");
        for (path, text) in SCENARIOS {
            assert_eq!(*text, std::fs::read_to_string(path).expect("readable"), "{path}");
            crate::scenario::load::parse_str(text, path).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        }
    }
}
