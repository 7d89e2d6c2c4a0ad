//! The documentation a newcomer reads first holds together: README.md stays a front door (under
//! 12,000 bytes), and every relative link in README.md, docs/*.md and python/README.md resolves to
//! a file that exists and, where it names one, a heading in that file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md"), root().join("python/README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code blocks).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut fenced = false;
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.insert(slug(line.trim_start_matches('#')));
        }
    }
    out
}

/// Every `[text](target)` link outside code blocks and inline code, with its line number.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join("");
        let mut rest = line.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((n + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn the_readme_is_a_front_door_under_twelve_thousand_bytes() {
    let size = std::fs::metadata(root().join("README.md")).unwrap().len();
    assert!(size < 12_000, "README.md is {size} bytes: move the detail to a guide in docs/");
}

#[test]
fn every_link_in_the_readme_and_the_guides_resolves_to_a_file_and_heading_that_exist() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for (line, target) in links(&text) {
            if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, anchor) = target.split_once('#').map_or((target.as_str(), None), |(f, a)| (f, Some(a)));
            let path = if file.is_empty() { doc.clone() } else { doc.parent().unwrap().join(file) };
            let here = format!("{}:{line}: `{target}`", doc.strip_prefix(root()).unwrap_or(&doc).display());
            if !path.exists() {
                broken.push(format!("{here}: no file {}", path.display()));
                continue;
            }
            if let Some(anchor) = anchor {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if !anchors(&text).contains(anchor) {
                    broken.push(format!("{here}: no heading #{anchor} in {}", Path::new(file).display()));
                }
            }
        }
    }
    assert!(checked > 30, "the guides link to each other: {checked} links");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_heading_anchor_is_made_as_github_makes_it() {
    assert_eq!(slug(" 3.3.7 Pay and quotas (mechanism 7; `pay.rs`)"), "337-pay-and-quotas-mechanism-7-payrs");
    assert_eq!(slug(" What the test command costs"), "what-the-test-command-costs");
}
