//! Reading CSV back: the inverse of [`super::csv`]'s cells (quoted cells with commas, quotes and
//! line breaks, `""` for a quote, LF or CRLF rows), keeping each row's line and each cell's column
//! for error messages.

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
    let mut p = Parser { chars: text.chars().peekable(), line: 1, column: 1 };
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
}
