//! A UTF-8 dump's bytes as the engine reads them and its output's bytes as they are written back.
//!
//! What `cleaner/textio.py`'s `decode_bytes` and `Decoded.encode` do for a UTF-8 file, without making a
//! Python `str`: a binding call given the file's bytes cleans it and returns the bytes to write, with the
//! GIL released throughout (see bench/README.md, "bytes in, bytes out"). Anything else (another
//! encoding, a NUL byte, a second byte-order mark) is left to the Python path, which knows it.

use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A UTF-8 dump: its text with newlines normalised to `\n`, and what writing it back needs.
#[derive(Debug, PartialEq)]
pub struct Utf8Dump<'a> {
    /// The text without its byte-order mark, `\r\n` and lone `\r` turned into `\n`.
    pub text: Cow<'a, str>,
    /// Whether the file began with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The file's newline: `"\n"`, `"\r\n"` or `"\r"`.
    pub newline: &'static str,
}

/// `raw` read as `decode_bytes` reads a UTF-8 file, or None when the Python path must read it: not UTF-8,
/// a NUL byte (a binary file, or text the Python path decides on), or a second byte-order mark after the
/// first (which `decode_bytes` keeps in the text but the cleaner drops before cleaning).
///
/// ```
/// use cleaner_engine::dump::utf8_dump;
/// let d = utf8_dump(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap();
/// assert_eq!((d.text.as_ref(), d.bom, d.newline), ("a\nb\n", true, "\r\n"));
/// assert!(utf8_dump(b"caf\xE9").is_none());
/// ```
pub fn utf8_dump(raw: &[u8]) -> Option<Utf8Dump<'_>> {
    let (bom, body) = match raw.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    if body.starts_with(BOM) || body.contains(&0) {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    if !body.contains(&b'\r') {
        return Some(Utf8Dump {
            text: Cow::Borrowed(text),
            bom,
            newline: "\n",
        });
    }
    let newline = newline_of(body);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Some(Utf8Dump {
        text: Cow::Owned(text),
        bom,
        newline,
    })
}

/// The newline a text with a `\r` in it is written back with: `textio._newline_of`.
fn newline_of(body: &[u8]) -> &'static str {
    let crlf = body.windows(2).filter(|w| w == b"\r\n").count();
    let lf = body.iter().filter(|&&b| b == b'\n').count();
    if crlf > 0 && crlf >= lf - crlf {
        "\r\n"
    } else if lf == 0 {
        "\r"
    } else {
        "\n"
    }
}

impl Utf8Dump<'_> {
    /// Cleaned `text` (`\n` newlines) as the file's bytes: its byte-order mark and newlines (`Decoded.encode`).
    ///
    /// ```
    /// use cleaner_engine::dump::utf8_dump;
    /// assert_eq!(utf8_dump(b"x\ry\r").unwrap().encode("y\n"), b"y\r");
    /// ```
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(BOM);
        }
        if self.newline == "\n" {
            out.extend_from_slice(text.as_bytes());
        } else {
            out.extend_from_slice(text.replace('\n', self.newline).as_bytes());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &[u8]) -> Option<(String, bool, &'static str)> {
        utf8_dump(raw).map(|d| (d.text.into_owned(), d.bom, d.newline))
    }

    #[test]
    fn plain_utf8_is_borrowed_as_it_is() {
        let d = utf8_dump("Título\n\nstory\n".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed("Título\n\nstory\n")));
        assert_eq!((d.bom, d.newline), (false, "\n"));
    }

    #[test]
    fn newlines_are_told_as_the_python_path_tells_them() {
        assert_eq!(parts(b"a\r\nb\r\n"), Some(("a\nb\n".into(), false, "\r\n")));
        // As many CRLF as lone LF: CRLF wins; fewer: LF.
        assert_eq!(parts(b"a\r\nb\nc"), Some(("a\nb\nc".into(), false, "\r\n")));
        assert_eq!(parts(b"a\r\nb\nc\n"), Some(("a\nb\nc\n".into(), false, "\n")));
        assert_eq!(parts(b"a\rb\r"), Some(("a\nb\n".into(), false, "\r")));
        assert_eq!(parts(b"a\rb\n"), Some(("a\nb\n".into(), false, "\n")));
    }

    #[test]
    fn what_the_python_path_decides_is_left_to_it() {
        assert_eq!(parts(b"a\xff"), None);
        assert_eq!(parts(b"a\x00b"), None);
        assert_eq!(parts(b"\xEF\xBB\xBF\xEF\xBB\xBFa"), None);
        assert_eq!(parts(b"\xff\xfea\x00"), None); // UTF-16 with its byte-order mark
        assert_eq!(parts(b"\xEF\xBB\xBF"), Some((String::new(), true, "\n")));
        assert_eq!(parts(b""), Some((String::new(), false, "\n")));
    }

    #[test]
    fn encoding_puts_back_the_mark_and_the_newlines() {
        let d = utf8_dump(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap();
        assert_eq!(d.encode("a\n"), b"\xEF\xBB\xBFa\r\n");
        assert_eq!(utf8_dump(b"a\n").unwrap().encode("b\n"), b"b\n");
    }
}
