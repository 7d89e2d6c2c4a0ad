//! Reading CSV back: the inverse of [`super::csv`]'s cells (quoted cells with commas, quotes and
//! line breaks, `""` for a quote, LF or CRLF rows), keeping each row's line and each cell's column
//! for error messages; whole texts ([`parse`]) or a stream read row by row in bounded memory
//! ([`RowReader`]). A leading byte-order mark (Excel's "CSV UTF-8") is not part of the first cell.

use std::io::{BufRead, Read};

/// One cell and the column (in characters, from 1) where it starts.
pub struct Cell {
    pub column: usize,
    pub text: String,
}

/// One row and the line (from 1) where it starts.
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A parse error's position and message.
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Split CSV text into rows of unquoted cells, skipping blank lines.
pub fn parse(text: &str) -> Result<Vec<Row>, ParseError> {
    parse_from(without_bom(text), 1)
}

/// `text` without a leading byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`parse`] for text that starts at line `line` of its file.
fn parse_from(text: &str, line: usize) -> Result<Vec<Row>, ParseError> {
    let mut p = Parser { chars: text.chars().peekable(), line, column: 1 };
    let mut rows = Vec::new();
    while p.chars.peek().is_some() {
        let row = p.row()?;
        if !(row.cells.len() == 1 && row.cells[0].text.is_empty()) {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The parser's position in the text.
struct Parser<'t> {
    chars: std::iter::Peekable<std::str::Chars<'t>>,
    line: usize,
    column: usize,
}

impl Parser<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> ParseError {
        ParseError { line, column, message: message.into() }
    }

    /// One row, up to and including its line break.
    fn row(&mut self) -> Result<Row, ParseError> {
        let mut row = Row { line: self.line, cells: Vec::new() };
        loop {
            let column = self.column;
            let text = if self.chars.peek() == Some(&'"') { self.quoted()? } else { self.plain() };
            row.cells.push(Cell { column, text });
            let (line, column) = (self.line, self.column);
            match self.bump() {
                Some(',') => continue,
                None | Some('\n') => return Ok(row),
                Some('\r') => {
                    self.chars.next_if_eq(&'\n');
                    self.line += 1;
                    self.column = 1;
                    return Ok(row);
                }
                Some(c) => return Err(self.error(line, column, format!("unexpected `{c}` after a quoted cell"))),
            }
        }
    }

    /// An unquoted cell: everything up to the next comma or line break.
    fn plain(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.chars.next_if(|c| !matches!(c, ',' | '\n' | '\r')) {
            self.column += 1;
            text.push(c);
        }
        text
    }

    /// A quoted cell, in which `""` stands for one quote.
    fn quoted(&mut self) -> Result<String, ParseError> {
        let (line, column) = (self.line, self.column);
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error(line, column, "quoted cell is never closed")),
                Some('"') if self.chars.next_if_eq(&'"').is_some() => {
                    self.column += 1;
                    text.push('"');
                }
                Some('"') => return Ok(text),
                Some(c) => text.push(c),
            }
        }
    }
}

/// The rows of a CSV stream, one at a time (blank lines skipped), each at most `max_bytes` long,
/// so a file of any size is read in memory bounded by its longest row; a longer row, text that is
/// not UTF-8 or a quote never closed is an error at its line.
pub struct RowReader<R> {
    input: R,
    /// The line the next row starts at.
    line: usize,
    max_bytes: usize,
    buf: Vec<u8>,
    /// The text of the row read last.
    text: String,
    /// After an error, no more rows.
    failed: bool,
}

impl<R: BufRead> RowReader<R> {
    pub fn new(input: R, max_bytes: usize) -> Self {
        RowReader { input, line: 1, max_bytes, buf: Vec::new(), text: String::new(), failed: false }
    }

    /// The text of the row returned last, as it is in the file, without its line break.
    pub fn text(&self) -> &str {
        self.text.trim_end_matches(['\n', '\r'])
    }

    /// Read the next row's text (its lines joined while a quoted cell is open); false at the end.
    fn next_text(&mut self) -> Result<bool, ParseError> {
        self.buf.clear();
        let at = |line: usize, message: String| ParseError { line, column: 1, message };
        loop {
            let room = (self.max_bytes + 1 - self.buf.len()) as u64;
            let read = (&mut self.input).take(room).read_until(b'\n', &mut self.buf);
            let n = read.map_err(|e| at(self.line, format!("cannot read: {e}")))?;
            if self.buf.len() > self.max_bytes {
                return Err(at(self.line, format!("a row longer than {} bytes", self.max_bytes)));
            }
            let open_quote = self.buf.iter().filter(|&&b| b == b'"').count() % 2 == 1;
            if n == 0 || !open_quote || !self.buf.ends_with(b"\n") {
                break;
            }
        }
        let text = std::str::from_utf8(&self.buf).map_err(|e| at(self.line, format!("not UTF-8 text: {e}")))?;
        self.text.clear();
        self.text.push_str(if self.line == 1 { without_bom(text) } else { text });
        Ok(!self.buf.is_empty())
    }
}

impl<R: BufRead> Iterator for RowReader<R> {
    type Item = Result<Row, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed {
            match self.next_text() {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
            let line = self.line;
            self.line += self.text.matches('\n').count();
            match parse_from(&self.text, line) {
                Ok(mut rows) if rows.len() <= 1 => match rows.pop() {
                    Some(row) => return Some(Ok(row)),
                    None => continue,
                },
                Ok(_) => {
                    self.failed = true;
                    let message = "a quote inside an unquoted cell".to_string();
                    return Some(Err(ParseError { line, column: 1, message }));
                }
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// The cells of one line, or `None` if it is not well-formed CSV (e.g. a torn last line).
pub fn split_line(line: &str) -> Option<Vec<String>> {
    let mut rows = parse(line).ok()?;
    match rows.len() {
        0 => Some(vec![String::new()]),
        1 => Some(rows.remove(0).cells.into_iter().map(|c| c.text).collect()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_splits_into_the_cells_the_writer_wrote() {
        let mut line = String::new();
        for (i, v) in ["plain", "a, b", "say \"hi\"", ""].iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            super::super::csv::Cell::cell(v, &mut line);
        }
        assert_eq!(split_line(&line).unwrap(), ["plain", "a, b", "say \"hi\"", ""]);
        assert_eq!(split_line("a,\"torn"), None);
    }

    fn streamed(text: &str, max_bytes: usize) -> Vec<Result<(usize, Vec<String>), String>> {
        RowReader::new(text.as_bytes(), max_bytes)
            .map(|r| {
                r.map(|row| (row.line, row.cells.into_iter().map(|c| c.text).collect()))
                    .map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            })
            .collect()
    }

    #[test]
    fn a_stream_reads_the_rows_a_whole_text_parses_with_their_lines() {
        let text = "\u{feff}a,b\r\n\n1,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n";
        let whole: Vec<(usize, Vec<String>)> = parse(text)
            .ok()
            .unwrap()
            .into_iter()
            .map(|r| (r.line, r.cells.into_iter().map(|c| c.text).collect()))
            .collect();
        let streamed: Vec<_> = streamed(text, 64).into_iter().map(Result::unwrap).collect();
        assert_eq!(streamed, whole);
        assert_eq!(streamed[0].1, ["a", "b"], "no byte-order mark in the first cell");
        assert_eq!(streamed[2].0, 5, "the row after a two-line cell starts at line 5");
    }

    #[test]
    fn a_row_longer_than_the_bound_is_an_error_at_its_line_and_nothing_more_is_read() {
        let text = format!("a,b\n1,2\n{}\n3,4\n", "x".repeat(100));
        let rows = streamed(&text, 50);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2].as_ref().unwrap_err(), "3:1: a row longer than 50 bytes");
        let endless = std::io::BufReader::new(std::io::repeat(b'0'));
        let mut reader = RowReader::new(endless, 1 << 20);
        assert!(reader.next().unwrap().is_err(), "an endless line stops at the bound");
        assert!(reader.next().is_none());
    }
}

/// Split a CSV line of our own; a malformed (torn) line reads as a single cell.
pub fn split_csv(line: &str) -> Vec<String> {
    crate::output::read::split_line(line).unwrap_or_else(|| vec![line.to_string()])
}
