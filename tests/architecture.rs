//! The import graph of `src/` has no cycle: no file uses names from a file that (directly or
//! through others) uses names from it, so every name flows one way and each layer can be read
//! without the ones below it (docs/ARCHITECTURE.md). A file "uses" another when it names a path
//! (`crate::…`, `super::…`, `self::…`) that resolves to that file.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["sim", "deals", "close"]`) and the file that holds it.
type Modules = BTreeMap<Vec<String>, PathBuf>;

fn modules(src: &Path) -> Modules {
    let mut out = Modules::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                if parts == ["lib"] || parts == ["main"] {
                    parts.clear();
                }
                out.insert(parts, path);
            }
        }
    }
    out
}

/// The text without comments and with every string literal emptied.
fn strip(text: &str) -> String {
    let line_comments = Regex::new(r"//[^\n]*").unwrap();
    let block_comments = Regex::new(r"(?s)/\*.*?\*/").unwrap();
    let strings = Regex::new(r#""(?:\\.|[^"\\])*""#).unwrap();
    let text = line_comments.replace_all(text, "");
    let text = block_comments.replace_all(&text, "");
    strings.replace_all(&text, "\"\"").into_owned()
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, body: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    items.push(current);
    let join = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { format!("{a}::{b}") };
    let mut paths = Vec::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        match item.find('{') {
            Some(open) if item.ends_with('}') => {
                let head = item[..open].trim_end_matches("::");
                paths.extend(expand(&join(prefix, head), &item[open + 1..item.len() - 1]));
            }
            _ => paths.push(join(prefix, item.split(" as ").next().unwrap().trim())),
        }
    }
    paths
}

/// The file a path names from module `module`, if it names one of the crate's files.
fn resolve(modules: &Modules, module: &[String], path: &str) -> Option<Vec<String>> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<String> = match parts.first()? {
        &"crate" => {
            parts.remove(0);
            vec![]
        }
        &"super" | &"self" => module.to_vec(),
        _ => return None,
    };
    while let Some(&first) = parts.first() {
        match first {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        parts.remove(0);
    }
    (0..=parts.len())
        .map(|k| base.iter().cloned().chain(parts[..k].iter().map(|p| p.to_string())).collect::<Vec<_>>())
        .filter(|candidate| modules.contains_key(candidate))
        .last()
}

/// Which files each file uses.
fn edges(modules: &Modules) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let uses = Regex::new(r"\buse\s+((?:crate|super|self)\b[^;]*);").unwrap();
    let named = Regex::new(r"\b((?:crate|super|self)(?:::\w+)+)").unwrap();
    let space = Regex::new(r"\s+").unwrap();
    let mut out = BTreeMap::new();
    for (module, file) in modules {
        let text = strip(&std::fs::read_to_string(file).unwrap());
        let mut paths = Vec::new();
        for m in uses.captures_iter(&text) {
            paths.extend(expand("", &space.replace_all(&m[1], " ")));
        }
        paths.extend(named.captures_iter(&text).map(|m| m[1].to_string()));
        let targets = paths
            .iter()
            .filter_map(|p| resolve(modules, module, p))
            // naming the parent module's own items through `super::` is not a cycle by itself
            .filter(|t| t != module && !module.starts_with(t))
            .collect();
        out.insert(module.clone(), targets);
    }
    out
}

/// The strongly connected components of more than one file (Tarjan's algorithm).
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<Vec<String>, usize>,
        low: BTreeMap<Vec<String>, usize>,
        stack: Vec<Vec<String>>,
        on_stack: BTreeSet<Vec<String>>,
        found: Vec<Vec<Vec<String>>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: &Vec<String>) {
            let n = self.index.len();
            self.index.insert(v.clone(), n);
            self.low.insert(v.clone(), n);
            self.stack.push(v.clone());
            self.on_stack.insert(v.clone());
            for w in self.edges[v].iter() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v.clone(), low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v.clone(), low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(&w);
                    let done = &w == v;
                    component.push(w);
                    if done {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on_stack: BTreeSet::new(),
        found: vec![],
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_file_of_src_imports_from_a_file_that_imports_back_from_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    assert!(modules.len() > 100, "read the crate: {} files", modules.len());
    let found: Vec<Vec<String>> = cycles(&edges(&modules))
        .into_iter()
        .map(|c| {
            let mut files: Vec<String> =
                c.iter().map(|m| modules[m].strip_prefix(&src).unwrap().display().to_string()).collect();
            files.sort();
            files
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles between files of src/ (each a set of files that use each other): {found:?}"
    );
}

#[test]
fn a_cycle_through_two_files_is_found() {
    let m = |p: &str| p.split('/').map(String::from).collect::<Vec<_>>();
    let edges = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("a")])),
        (m("c"), BTreeSet::from([m("a")])),
    ]);
    assert_eq!(cycles(&edges).len(), 1);
    let modules = Modules::from([(m("sim/pay"), PathBuf::new()), (m("sim"), PathBuf::new())]);
    assert_eq!(resolve(&modules, &m("sim/books"), "super::pay::accrue_pay"), Some(m("sim/pay")));
    assert_eq!(expand("crate", "sim::{pay, deals::{close, hunt as h}}").len(), 3);
}
