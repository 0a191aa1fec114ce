//! Reading one line with a length cap, so a 200 MB line never sits in memory.

use std::io::{self, BufRead};

/// What [`read_capped_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CappedLine {
    /// No bytes left.
    Eof,
    /// A line (without its `\n` or `\r\n`) is in the buffer.
    Line,
    /// The line was longer than the cap; it has been consumed and dropped.
    TooLong,
}

/// Reads the next line into `line` (cleared first), keeping at most `cap` bytes.
///
/// A longer line is consumed to its end without being buffered, so one bad line costs
/// no memory and the next call starts on the following line.
pub(crate) fn read_capped_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> io::Result<CappedLine> {
    line.clear();
    let mut saw_any = false;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        saw_any = true;
        let (chunk, found_newline) = match available.iter().position(|&byte| byte == b'\n') {
            Some(end) => (&available[..end], true),
            None => (available, false),
        };
        if !too_long {
            if line.len() + chunk.len() > cap {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(found_newline);
        reader.consume(used);
        if found_newline {
            break;
        }
    }
    if too_long {
        return Ok(CappedLine::TooLong);
    }
    if !saw_any {
        return Ok(CappedLine::Eof);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(CappedLine::Line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_and_reading_goes_on() {
        let input = format!("pendek\r\n{}\nlagi\nakhir", "x".repeat(100));
        let mut reader = io::BufReader::with_capacity(16, input.as_bytes());
        let mut line = Vec::new();
        let mut seen = Vec::new();
        loop {
            match read_capped_line(&mut reader, &mut line, 10).unwrap() {
                CappedLine::Eof => break,
                CappedLine::TooLong => seen.push("<too long>".to_string()),
                CappedLine::Line => seen.push(String::from_utf8(line.clone()).unwrap()),
            }
        }
        assert_eq!(seen, ["pendek", "<too long>", "lagi", "akhir"]);
    }
}
