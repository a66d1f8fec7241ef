//! Leaked page code: a page's script or style sheet that the dump picked up as text (port of `generic/code.py`).
//!
//! Text browsers print the content of `<script>`, `<style>` and `<noscript>` blocks on some pages
//! (w3m does when a page hides them badly), and a minified script or style sheet then sits in the dump as
//! long lines of code. Nobody wrote them for the reader, and their length makes them look like the densest
//! "prose" of the page, pulling the story region away from the article.
//!
//! Code an author shows in a tutorial stays: it is written for people, spaced and indented, and its lines
//! are short. Only long lines with the shape of minified code go.

use crate::ctx::Ctx;
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;

/// A leaked script or style line is long: minifiers join a whole file into few lines.
pub const CODE_MIN_CHARS: usize = 120;
/// Minified script has almost no spaces; prose in any spaced script has about one in six characters.
pub const MINIFIED_MAX_SPACE_SHARE: f64 = 0.08;
/// ...and is dense in the syntax characters of code, which prose hardly uses.
pub const MINIFIED_MIN_SYNTAX_SHARE: f64 = 0.06;
/// A style sheet on one line: several `selector { property: value; }` rules.
pub const STYLE_MIN_RULES: usize = 3;

/// Whether `line` is minified script or style-sheet code rather than text.
///
/// ```
/// use cleaner_engine::code::is_leaked_code;
/// assert!(is_leaked_code(&"function(e,t){return e&&t?(e.x=t,void 0):null},window.a=function(n){var r=n||{};".repeat(2)));
/// assert!(is_leaked_code(&".nav { display: none; } .nav a { color: #333; padding: 4px; } .nav li { margin: 0; } ".repeat(2)));
/// assert!(!is_leaked_code(&"The council (which met on Monday) said the plan = a tax rise; others disagreed. ".repeat(2)));
/// assert!(!is_leaked_code("os.path.join(os.path.dirname(__file__), 'static')"));
/// ```
pub fn is_leaked_code(line: &str) -> bool {
    // Most lines are short: a byte length under the bound means a code-point length under it too
    // (the stripped text's code points are counted below, once).
    if line.len() < CODE_MIN_CHARS {
        return false;
    }
    let text = pystr::strip(line);
    if !may_be_code(text) {
        return false;
    }
    let (mut n, mut spaces, mut syntax) = (0usize, 0usize, 0usize);
    let (mut open, mut close, mut semi, mut colon) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        n += 1;
        match c {
            ' ' => spaces += 1,
            '{' => open += 1,
            '}' => close += 1,
            ';' => semi += 1,
            ':' => colon += 1,
            _ => {}
        }
        if matches!(c, '{' | '}' | '(' | ')' | ';' | '=') {
            syntax += 1;
        }
    }
    if n < CODE_MIN_CHARS {
        return false;
    }
    let n = n as f64;
    if (spaces as f64) / n < MINIFIED_MAX_SPACE_SHARE && (syntax as f64) / n > MINIFIED_MIN_SYNTAX_SHARE {
        return true;
    }
    open.min(close).min(semi).min(colon) >= STYLE_MIN_RULES
}

/// Whether `text` (stripped) can pass either test of [`is_leaked_code`], by two byte counts the
/// compiler vectorises: a long prose line is spaced and has no `{`, and a full read of its
/// characters, several times slower, would only confirm it.
fn may_be_code(text: &str) -> bool {
    // Both counts in one pass over the bytes, in byte-wide counters over runs of up to 255 bytes: the
    // compiler then compares and adds many bytes a step (word-wide counters took about 4 instructions
    // a byte, on every line of 120 bytes or more).
    let (mut open, mut spaces) = (0usize, 0usize);
    for run in text.as_bytes().chunks(usize::from(u8::MAX)) {
        let (mut o, mut s) = (0u8, 0u8);
        for &b in run {
            o += u8::from(b == b'{');
            s += u8::from(b == b' ');
        }
        open += usize::from(o);
        spaces += usize::from(s);
    }
    if open >= STYLE_MIN_RULES {
        return true;
    }
    // A text has no more code points than bytes: spaced enough by its bytes, it is by its code points,
    // which are counted only otherwise.
    let spaces = spaces as f64;
    if spaces / (text.len() as f64) >= MINIFIED_MAX_SPACE_SHARE {
        return false;
    }
    let n = pystr::len(text);
    n >= CODE_MIN_CHARS && spaces / (n as f64) < MINIFIED_MAX_SPACE_SHARE
}

/// Minified script or style-sheet lines.
pub const LEAKED_CODE: Heuristic = Heuristic {
    id: "generic.leaked-code",
    reason: "script or style code leaked into the text",
    doc: "Drops a long line of minified script or style-sheet code that the dump picked up from the page \
source (a text browser printing a `<script>` or `<style>` block): at least 120 characters with \
almost no spaces and dense in `{}();=`, or several `selector { property: value; }` rules on one \
line. Short or spaced code lines, such as a tutorial's examples, stay.",
    example: "0?(a.parentElement&&e.body.removeChild(a),setTimeout(function(){r(o)},100)):(a.parentElement&&e.body.\
removeChild(a),t())}if(\"loading\"===e.readyState){",
    decide: Decide::Line(test_leaked_code),
};

fn test_leaked_code(_cx: &Ctx, line: &str) -> bool {
    is_leaked_code(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::test;

    #[test]
    fn example() {
        assert!(test(&LEAKED_CODE, LEAKED_CODE.example));
    }

    #[test]
    fn long_lines_are_counted_across_runs_of_bytes() {
        // 300 bytes of code: three runs of the byte counters, its braces in the second and third.
        let style = format!("{}{}", "x".repeat(250), ".a{b:c;} ".repeat(6).trim_end());
        assert!(style.len() > 255 && may_be_code(&style) && is_leaked_code(&style));
        // Spaced enough (30 spaces in 340 bytes) by the spaces after its first 255 bytes.
        let spaced = format!("{}{}", "x".repeat(250), " ab".repeat(30));
        assert!(!may_be_code(&spaced));
        // Over 255 bytes with one space in 20: the spaces of every run count.
        let dense = "abcdefghijklmnopqrs ".repeat(20);
        assert!(may_be_code(pystr::strip(&dense)));
    }
}
