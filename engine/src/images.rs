//! Image labels: a line that is only what a text browser printed for images, no text of the page.
//!
//! w3m prints an image as its alt text in brackets. Where the page gave an image a real description,
//! the label has words (`[A protester holds a sign]`) and may be the story's caption; where it gave a file
//! name, an id or one word, the label is one token (`[AP_1912660]`, `[gif]`, `[p0792688]`, `[spacer]`).
//! A line of such tokens alone holds nothing a reader wrote, and inside the story it splits the
//! sentences around it from each other. Labels with spaces stay, as does a label that opens a line of
//! text (the shape of a line reads past it, [`crate::shape::shape`]).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::removal::Removal;

/// List markers a label line may start with (w3m's bullets and the common ones).
const BULLETS: &str = "•◦▪▫■□●○◆◇►▶▸‣⁃∙·*+-–—";

/// Whether `line` is one or more one-token image labels and nothing else (a list marker aside).
///
/// ```
/// use cleaner_engine::images::is_image_label_line;
/// assert!(is_image_label_line("[AP_1912660]"));
/// assert!(is_image_label_line("  • [p00vzhlm]"));
/// assert!(is_image_label_line("[btn_home][btn_blog] [btn_contact]"));
/// assert!(!is_image_label_line("[A protester holds a sign]"));
/// assert!(!is_image_label_line("[photo] The council met on Monday."));
/// assert!(!is_image_label_line("[    ]"));
/// assert!(!is_image_label_line("Results [1]"));
/// ```
pub fn is_image_label_line(line: &str) -> bool {
    let mut rest = pystr::strip(line);
    // A label line opens with its bracket or a bullet, never with a letter or digit (most lines do).
    if rest.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    if let Some(c) = rest.chars().next().filter(|&c| BULLETS.contains(c)) {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        let text = after.trim_start_matches(pystr::is_regex_space);
        if text.len() == after.len() {
            // A marker needs a space after it: `-[x]` is not a bullet.
            return false;
        }
        rest = text;
    }
    let mut labels = 0usize;
    while !rest.is_empty() {
        let Some(label) = rest.strip_prefix('[') else {
            return false;
        };
        let Some(close) = label.find(']') else {
            return false;
        };
        let token = label.get(..close).unwrap_or("");
        if token.is_empty() || token.contains('[') || token.chars().any(pystr::is_regex_space) {
            return false;
        }
        labels += 1;
        rest = label
            .get(close + 1..)
            .unwrap_or("")
            .trim_start_matches(pystr::is_regex_space);
    }
    labels > 0
}

/// File name endings of images, lower case, with their dot.
const IMAGE_EXTENSIONS: [&str; 7] = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif"];

/// Whether `line` is only an image's file name or id as w3m prints an image's title or link text:
/// one token of letters, digits, `_`, `.` and `-` (a list marker aside) that ends in an image's file
/// extension (`tom-under-tree.jpg`, `RUU_1693.JPG`) or holds both `_` and a digit (`IMG_6516`,
/// `Us_state_avg_speed_q1_2012`): a camera's or a CMS's name, not a word of the story. A word with a
/// digit (`IBN7`, a channel's name in a story's credit) or an identifier with no digit (`end_time`,
/// a line of a code listing) stays.
///
/// ```
/// use cleaner_engine::images::is_file_name_line;
/// assert!(is_file_name_line("IMG_6516"));
/// assert!(is_file_name_line("windows-8-network-connections.JPG"));
/// assert!(is_file_name_line("  • 2012-08-09_12h03_43"));
/// assert!(!is_file_name_line("IBN7"));
/// assert!(!is_file_name_line("end_time"));
/// assert!(!is_file_name_line("See IMG_6516"));
/// assert!(!is_file_name_line(".jpg"));
/// ```
pub fn is_file_name_line(line: &str) -> bool {
    let Some(token) = after_bullet(pystr::strip(line)) else {
        return false;
    };
    // The name's ending and its `_` first, by the memchr crate's search: most lines have neither, and
    // reading each byte or character of a long line with no space (a line of Chinese) costs more.
    let image = IMAGE_EXTENSIONS.iter().any(|ext| {
        token.len() > ext.len()
            && token
                .get(token.len() - ext.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(ext))
    });
    let underscore = memchr::memchr(b'_', token.as_bytes()).is_some();
    (image || underscore)
        && token.bytes().any(|b| b.is_ascii_alphabetic())
        && token
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && (image || token.bytes().any(|b| b.is_ascii_digit()))
}

/// Different words a doubled alt text's copy needs: a shorter repeat (`Bora Bora`, `New York, New York`)
/// is a name, and a line of one or two words over and over (`ha ha ha ha`) is no picture printed twice.
const DOUBLED_MIN_WORDS: usize = 3;

/// Whether `line` is one text printed twice, glued or one space apart, as w3m prints a lazily loaded
/// picture: the alt text of the `<img>` and that of its `<noscript>` copy side by side (`Business focus:
/// a camera lensBusiness focus: a camera lens`). Chromium prints neither; no text of a page reads so.
///
/// ```
/// use cleaner_engine::images::is_doubled_alt_line;
/// assert!(is_doubled_alt_line("A camera lens on a deskA camera lens on a desk"));
/// assert!(is_doubled_alt_line("  • Stairs leading upward Stairs leading upward"));
/// assert!(!is_doubled_alt_line("New York New York"));
/// assert!(!is_doubled_alt_line("A camera lens on a desk. A camera lens."));
/// ```
pub fn is_doubled_alt_line(line: &str) -> bool {
    let stripped = pystr::strip(line);
    // Most lines open with a letter or digit, no bullet: the list of bullets is not asked.
    let text = if stripped.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        stripped
    } else {
        let Some(text) = after_bullet(stripped) else {
            return false;
        };
        text
    };
    let n = text.len();
    let (first, second) = if n % 2 == 0 {
        (text.get(..n / 2), text.get(n / 2..))
    } else if text.as_bytes().get(n / 2) == Some(&b' ') {
        (text.get(..n / 2), text.get(n / 2 + 1..))
    } else {
        return false;
    };
    match (first, second) {
        (Some(a), Some(b)) => a == b && a.chars().any(char::is_alphabetic) && different_words(a, DOUBLED_MIN_WORDS),

        _ => false,
    }
}

/// Whether `text` holds `n` different words or more (case aside); stops at the `n`-th.
fn different_words(text: &str, n: usize) -> bool {
    let mut seen: Vec<String> = Vec::with_capacity(n);
    for word in text.split(pystr::is_space).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if !seen.contains(&word) {
            seen.push(word);
            if seen.len() >= n {
                return true;
            }
        }
    }
    false
}

/// `line` (stripped) past a leading list marker and the space after it; `None` when a marker has no
/// space after it (`-[x]` is not a bullet).
pub(crate) fn after_bullet(line: &str) -> Option<&str> {
    // Most lines open with a letter or digit, no bullet: the list of bullets is not searched.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return Some(line);
    }
    let Some(c) = line.chars().next().filter(|&c| BULLETS.contains(c)) else {
        return Some(line);
    };
    let after = line.get(c.len_utf8()..).unwrap_or("");
    let text = after.trim_start_matches(pystr::is_regex_space);
    (text.len() != after.len()).then_some(text)
}

/// Whether `line` is one of the two shapes the story region reads as a picture: bracketed one-token
/// labels or a bare image file name.
pub(crate) fn is_label(line: &str) -> bool {
    is_image_label_line(line) || is_file_name_line(line)
}

/// Whether `line` is one of the shapes this heuristic takes: a picture's label ([`is_label`]) or an alt
/// text printed twice. The second stays out of the region's pictures: a teaser printed twice (its link
/// and its heading) has the shape too, and read as a picture it let the story run into a teaser box.
fn is_taken(line: &str) -> bool {
    is_label(line) || is_doubled_alt_line(line)
}

/// The kept lines of `doc` that are only one-token image labels or image file names, below its first
/// line of text.
///
/// Labels above every line of text stay: the first kept line is read as the headline (by `cleaner eval`,
/// which scores the body without it), and a leading label taken away would make the real headline that
/// line. Measured on the dev sets: three pages lost 0.04-0.14 F1 that way, none gained.
///
/// ```
/// use cleaner_engine::{doc::Document, images::image_label_lines};
/// let d = Document::from_text("[logo]\nThe river rose.\n[AP_1912660]\n[A flooded street]\nIMG_6516\nIt fell again.");
/// assert_eq!(image_label_lines(&d).iter().map(|r| r.start).collect::<Vec<_>>(), vec![2, 4]);
/// ```
pub fn image_label_lines(doc: &Document) -> Vec<Removal> {
    labels_among(doc, &doc.kept_indices())
}

/// [`image_label_lines`] of `doc` whose kept lines are `kept` ([`Document::kept_indices`]).
fn labels_among(doc: &Document, kept: &[usize]) -> Vec<Removal> {
    let first_text = kept
        .iter()
        .position(|&i| !is_taken(&doc.lines[i]))
        .unwrap_or(kept.len());
    kept.iter()
        .skip(first_text)
        .filter(|&&i| is_taken(&doc.lines[i]))
        .map(|&i| IMAGE_LABEL.remove_lines(i, i + 1, None))
        .collect()
}

/// Lines of one-token image labels. Run once the page has settled (a pass where the other heuristics
/// removed nothing): the labels are short lines the story region and the blocks around it are read
/// with, and a page read without them may be read differently.
pub const IMAGE_LABEL: Heuristic = Heuristic {
    id: "generic.image-label",
    reason: "image label with no text of the page",
    doc: "Drops a line made only of one-token image labels, as w3m prints an image whose alt text is a \
file name, an id or one word (`[AP_1912660]`, `[gif]`, `[btn_home][btn_blog]`), or a line that is only \
an image's file name or camera id (`RUU_1693.JPG`, `IMG_6516`), or an alt text printed twice side by \
side (a lazily loaded picture and its `<noscript>` copy): nothing a reader wrote, and inside the \
story it splits the sentences around it. A label with spaces (a real description) \
stays, as do a label opening a line of text and labels above the page's first line of text. Runs \
once the page has settled (a pass where no other heuristic removed a line), so that the story region \
is found as before.",
    example: "[AP_1912660]",
    decide: Decide::Settled(decide_image_label),
};

fn decide_image_label(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    // The kept lines of the bound document's state: on the pass it runs, the heuristics before it removed
    // nothing, so the state's list is made already.
    labels_among(doc, &cx.kept(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, starts};

    #[test]
    fn example_goes_and_text_around_it_stays() {
        let t = format!(
            "The river rose.\n\n{}\n\n[A flooded street]\nIt fell again.",
            IMAGE_LABEL.example
        );
        let r = run(&IMAGE_LABEL, &t);
        assert_eq!(
            r,
            vec![(
                2,
                3,
                IMAGE_LABEL.reason.to_string(),
                None,
                IMAGE_LABEL.example.to_string()
            )]
        );
    }

    #[test]
    fn the_quick_answers_agree_with_the_tests_read_in_full() {
        // The tests as they read before their quick answers (a letter or digit first: no bullet, no label;
        // a file name's ending asked before its characters): the same verdict on every shape of line.
        let bullet = |t: &str| t.chars().next().filter(|&c| BULLETS.contains(c));
        let label_in_full = |line: &str| {
            let mut rest = pystr::strip(line);
            if let Some(c) = bullet(rest) {
                let after = &rest[c.len_utf8()..];
                let text = after.trim_start_matches(pystr::is_regex_space);
                if text.len() == after.len() {
                    return false;
                }
                rest = text;
            }
            let mut labels = 0;
            while !rest.is_empty() {
                let Some(label) = rest.strip_prefix('[') else {
                    return false;
                };
                let Some(close) = label.find(']') else { return false };
                let token = &label[..close];
                if token.is_empty() || token.contains('[') || token.chars().any(pystr::is_regex_space) {
                    return false;
                }
                labels += 1;
                rest = label[close + 1..].trim_start_matches(pystr::is_regex_space);
            }
            labels > 0
        };
        let file_name_in_full = |line: &str| {
            let stripped = pystr::strip(line);
            let token = match bullet(stripped) {
                None => stripped,
                Some(c) => {
                    let after = &stripped[c.len_utf8()..];
                    let text = after.trim_start_matches(pystr::is_regex_space);
                    if text.len() == after.len() {
                        return false;
                    }
                    text
                }
            };
            if token.is_empty()
                || !token.bytes().any(|b| b.is_ascii_alphabetic())
                || !token
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
            {
                return false;
            }
            let image = IMAGE_EXTENSIONS
                .iter()
                .any(|ext| token.len() > ext.len() && token[token.len() - ext.len()..].eq_ignore_ascii_case(ext));
            image || (token.contains('_') && token.bytes().any(|b| b.is_ascii_digit()))
        };
        for line in [
            "",
            "    ",
            "          [AP_1912660]   ",
            "\t• [p00vzhlm]",
            "   IMG_6516",
            "IMG_6516 and more",
            "2012-08-09_12h03_43",
            "_1",
            "1_2.jpg",
            "photo.JPEG",
            ".jpg",
            "写真_2012.jpg",
            "東京の天気は晴れ_12",
            "東京の天気は晴れです。今日は暖かい一日になりそうです。",
            "• IMG_1",
            "•IMG_1",
            "9 [gif]",
            "a[gif]",
            "  - [COTY]",
            "-[gif]",
            "   « Back to blog",
            "The river rose overnight.",
        ] {
            assert_eq!(is_image_label_line(line), label_in_full(line), "{line:?}");
            assert_eq!(is_file_name_line(line), file_name_in_full(line), "{line:?}");
        }
    }

    #[test]
    fn on_a_bound_page_the_state_s_kept_lines_give_the_same_labels() {
        // The heuristic reads the kept lines the context keeps for the bound state; removals since the
        // binding (a label, the first text line, a blank between) are read as `image_label_lines` reads them.
        let cx = Ctx::new(crate::testkit::generic());
        let mut doc = Document::from_text("[logo]\n\nThe river rose.\n[gif]\n\nIMG_6516\nIt fell.\n[x] [y]\n");
        cx.bind(&doc);
        assert_eq!(starts(&decide_image_label(&cx, &doc)), [3, 5, 7]);
        for gone in [[3, 4], [2, 1]] {
            for i in gone {
                doc.alive[i] = false;
            }
            cx.changed();
            let by_state = starts(&decide_image_label(&cx, &doc));
            assert_eq!(by_state, starts(&image_label_lines(&doc)));
        }
        // The first text line gone, the labels under `[logo]` are the page's first lines: they stay too
        // until "It fell.".
        assert_eq!(starts(&decide_image_label(&cx, &doc)), [7]);
        cx.unbind();
    }

    #[test]
    fn labels_above_the_first_text_stay() {
        let r = run(&IMAGE_LABEL, "[logo]\n\n[banner]\nHeadline\n[gif]\nStory.\n[x] [y]");
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec![4, 6]);
        assert!(run(&IMAGE_LABEL, "[logo]\n[banner]").is_empty());
    }

    #[test]
    fn one_token_labels_go() {
        for line in [
            "[gif]",
            "[INS::INS]",
            " [1809210912] ",
            "- [COTY]",
            "[bla] [001]",
            "• [a][b]",
        ] {
            assert!(is_image_label_line(line), "{line:?}");
        }
    }

    #[test]
    fn descriptions_text_and_odd_brackets_stay() {
        for line in [
            "",
            "   ",
            "[]",
            "[ ]",
            "[Image: a flooded street]",
            "[gif] The river rose overnight.",
            "The river rose [gif]",
            "[gif",
            "gif]",
            "[[gif]]",
            "-[gif]",
            "•",
            "[a] b [c]",
        ] {
            assert!(!is_image_label_line(line), "{line:?}");
        }
    }

    #[test]
    fn image_file_names_go_words_and_identifiers_stay() {
        for line in [
            "RUU_1693.JPG",
            "tom-under-tree-in-driveway.jpg",
            "□ AP_19115488620320.jpg",
            "IMG_6516",
            "Us_state_avg_connection_speed_q1_2012",
            "photo.webp",
        ] {
            assert!(is_file_name_line(line), "{line:?}");
        }
        for line in [
            "",
            "IBN7",
            "Safaripark5",
            "end_time",
            "my_variable = 2",
            "jpg",
            ".png",
            "-IMG_6516",
            "IMG_6516 shows the river",
            "example.com/IMG_6516.jpg",
            "2012_08",
            "file_1(2).jpg",
        ] {
            assert!(!is_file_name_line(line), "{line:?}");
        }
        let r = run(&IMAGE_LABEL, "Headline\nThe river rose.\nIMG_6516\nIt fell again.");
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn an_alt_text_printed_twice_goes_and_repeats_in_prose_stay() {
        for line in [
            "Business focus: a camera lensBusiness focus: a camera lens",
            "Stairs leading upward Stairs leading upward",
            "  □ A folded duvet on a dresserA folded duvet on a dresser",
        ] {
            assert!(is_doubled_alt_line(line), "{line:?}");
        }
        for line in [
            "",
            "Bora Bora",
            "New York, New York",
            "A camera lensA camera lens. It was sharp.",
            "A camera lens  A camera lens",
            "1 2 3 1 2 3",
            "the word the word the word the word",
            "Home Home Home Home Home Home",
            "•",
        ] {
            assert!(!is_doubled_alt_line(line), "{line:?}");
        }
        let r = run(
            &IMAGE_LABEL,
            "Headline\nThe river rose.\nA flooded main streetA flooded main street\nIt fell again.",
        );
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2]);
        // The region does not read it as a picture (a teaser printed twice has the shape).
        assert!(!is_label("A flooded main streetA flooded main street"));
    }

    #[test]
    fn in_the_pipeline_labels_go_once_the_page_has_settled() {
        use crate::pipeline::{clean, Options};
        let story = "The council approved the new budget on Monday after a long debate in the hall.";
        let text = format!("Budget passes\n\nAdvertisement\n\n{story}\n[gif]\n\n{story} Again.\n");
        let out = clean(crate::testkit::generic(), &text, &Options::default(), false, None).unwrap();
        assert_eq!(out.text, format!("Budget passes\n\n{story}\n\n{story} Again.\n"));
        let rules: Vec<&str> = out.removed.iter().map(|r| r.rule.as_str()).collect();
        // The ad marker goes on the first pass; the label on the next, where nothing else went.
        assert_eq!(rules, ["generic.ad-marker-line", "generic.image-label"]);
        assert_eq!(out.removed[1].start, 5);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let long = "[x]".repeat(100_000);
        assert!(is_image_label_line(&long));
        for line in [
            "[\u{0301}]",
            "•\u{a0}[é]",
            "[\u{2028}]",
            "[",
            "]",
            "•",
            "éa é",
            "a\u{e9}\u{e9}a",
        ] {
            let _ = is_image_label_line(line);
            let _ = is_doubled_alt_line(line);
        }
        assert!(!is_doubled_alt_line(&"é".repeat(100_001)));
    }
}
