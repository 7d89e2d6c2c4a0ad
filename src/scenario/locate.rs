//! Maps between positions in a RON text and dotted field paths (`pay.bonuses[0].target`), so
//! every scenario error can name its file, line, column and field.

/// Walk `src`, calling `visit(path, byte_offset)` at every struct key and sequence element.
/// Enum variant names are not part of paths. `visit` returns true to stop. Stops before the first
/// token at or after `until`, returning the path of the innermost open struct or sequence there.
fn walk(src: &str, until: usize, mut visit: impl FnMut(&str, usize) -> bool) -> String {
    struct Frame {
        prefix: String,
        seq: bool,
        index: usize,
        key: Option<String>,
        element_pending: bool,
    }
    impl Frame {
        fn current(&self) -> String {
            if self.seq {
                format!("{}[{}]", self.prefix, self.index)
            } else {
                match &self.key {
                    Some(k) if self.prefix.is_empty() => k.clone(),
                    Some(k) => format!("{}.{}", self.prefix, k),
                    None => self.prefix.clone(),
                }
            }
        }
    }
    let b = src.as_bytes();
    let mut stack = vec![Frame { prefix: String::new(), seq: false, index: 0, key: None, element_pending: false }];
    let mut i = 0;
    while i < b.len() {
        if i >= until {
            break;
        }
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        let top = stack.last_mut().expect("root frame");
        if top.seq && top.element_pending && !matches!(c, b']' | b',') {
            top.element_pending = false;
            if visit(&top.current(), i) {
                break;
            }
        }
        match c {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'\'' => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                let prefix = stack.last().map(|f| f.current()).unwrap_or_default();
                stack.push(Frame { prefix, seq: c == b'[', index: 0, key: None, element_pending: c == b'[' });
                i += 1;
            }
            b')' | b']' | b'}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            b',' => {
                let top = stack.last_mut().expect("root frame");
                if top.seq {
                    top.index += 1;
                    top.element_pending = true;
                } else {
                    top.key = None;
                }
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let mut j = i;
                while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                if b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':') {
                    let top = stack.last_mut().expect("root frame");
                    if !top.seq {
                        top.key = Some(src[start..i].to_string());
                        if visit(&top.current(), start) {
                            break;
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    stack.last().map(|f| f.prefix.clone()).unwrap_or_default()
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (columns counted in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (n, l) in src.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return offset + l.char_indices().nth(col.saturating_sub(1)).map(|(o, _)| o).unwrap_or(l.len());
        }
        offset += l.len();
    }
    src.len()
}

/// The field path in force at `offset` (the innermost key or element started at or before it).
pub fn path_at(src: &str, offset: usize) -> String {
    let mut found = String::new();
    walk(src, usize::MAX, |path, at| {
        if at > offset {
            return true;
        }
        found = path.to_string();
        false
    });
    found
}

/// The path of the innermost struct or sequence open at `offset` (empty at the top level).
pub fn scope_at(src: &str, offset: usize) -> String {
    walk(src, offset, |_, _| false)
}

/// Position (line, column) of the field `path`, or of its nearest written ancestor.
pub fn locate(src: &str, path: &str) -> Option<(usize, usize)> {
    let mut target = path.to_string();
    loop {
        let mut hit = None;
        walk(src, usize::MAX, |p, at| {
            if p == target {
                hit = Some(at);
                return true;
            }
            false
        });
        if let Some(at) = hit {
            return Some(line_col(src, at));
        }
        let cut = target.rfind(['.', '['])?;
        target.truncate(cut);
    }
}

/// Positions (line, column) of many field paths, each as [`locate`] gives it, in one walk of
/// `src` and one sweep for the columns: linear in the file, whatever the number of paths.
pub fn locate_all(src: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    use std::collections::HashMap;
    let mut wanted: HashMap<String, Option<usize>> = HashMap::new();
    for p in paths {
        let mut target = p.to_string();
        loop {
            wanted.entry(target.clone()).or_insert(None);
            match target.rfind(['.', '[']) {
                Some(cut) => target.truncate(cut),
                None => break,
            }
        }
    }
    walk(src, usize::MAX, |p, at| {
        if let Some(slot @ None) = wanted.get_mut(p) {
            *slot = Some(at);
        }
        false
    });
    let offsets: Vec<Option<usize>> = paths
        .iter()
        .map(|p| {
            let mut target = p.to_string();
            loop {
                if let Some(Some(at)) = wanted.get(&target) {
                    return Some(*at);
                }
                target.truncate(target.rfind(['.', '['])?);
            }
        })
        .collect();
    let found: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut positions = line_cols(src, &found).into_iter();
    offsets.iter().map(|o| o.map(|_| positions.next().expect("one per offset"))).collect()
}

/// 1-based (line, column) of each byte offset, in one forward sweep over `src`.
fn line_cols(src: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut col) = (1usize, 1usize);
    let mut chars = src.char_indices().peekable();
    for i in order {
        let target = offsets[i].min(src.len());
        while let Some((_, ch)) = chars.next_if(|(o, _)| *o < target) {
            if ch == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        out[i] = (line, col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Scenario(\n  name: \"x\",\n  pay: (base_salary: 1.0, bonuses: [\n    (metric: Retention, target: 0.9),\n  ]),\n  timeline: [ (week: 3, event: ProductBroadening(complex_share: 2.0)) ],\n)";

    #[test]
    fn locates_nested_fields_and_elements() {
        assert_eq!(locate(SRC, "name"), Some((2, 3)));
        assert_eq!(locate(SRC, "pay.base_salary"), Some((3, 9)));
        assert_eq!(locate(SRC, "pay.bonuses[0].target"), Some((4, 25)));
        assert_eq!(locate(SRC, "timeline[0].event.complex_share"), Some((6, 50)));
        assert_eq!(locate(SRC, "pay.cap"), Some((3, 3)), "falls back to the section");
    }

    #[test]
    fn locating_many_paths_at_once_gives_what_locating_each_gives() {
        let paths = ["name", "pay.base_salary", "pay.bonuses[0].target", "timeline[0].event.complex_share", "pay.cap"];
        let each: Vec<_> = paths.iter().map(|p| locate(SRC, p)).collect();
        assert_eq!(locate_all(SRC, &paths), each);
        assert_eq!(locate_all("x", &["nothing.here"]), vec![locate("x", "nothing.here")]);
    }

    #[test]
    fn names_the_field_at_a_position() {
        let off = offset_of(SRC, 4, 34);
        assert_eq!(path_at(SRC, off), "pay.bonuses[0].target");
    }
}
