//! One decision to remove text, and who made it.

/// Lines `start..end` (0-based, `end` exclusive) of a document, or with `span` a cut inside line `start`.
///
/// `span` counts characters (Unicode code points, as Python does), not bytes.
///
/// ```
/// use cleaner_engine::removal::Removal;
/// let r = Removal::lines("generic.ad-marker-line", 3, 4, "advertisement marker line", "Advertisement".into());
/// assert_eq!((r.start, r.end, r.span), (3, 4, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub rule: String,
    pub start: usize,
    pub end: usize,
    pub reason: String,
    pub span: Option<(usize, usize)>,
    pub text: String,
}

impl Removal {
    /// A removal of whole lines.
    pub fn lines(rule: &str, start: usize, end: usize, reason: &str, text: String) -> Self {
        Removal {
            rule: rule.to_string(),
            start,
            end,
            reason: reason.to_string(),
            span: None,
            text,
        }
    }

    /// A cut of characters `a..b` inside line `line`.
    ///
    /// ```
    /// use cleaner_engine::removal::Removal;
    /// assert_eq!(Removal::cut("x.y", 2, (4, 9), "why", "hello".into()).span, Some((4, 9)));
    /// ```
    pub fn cut(rule: &str, line: usize, span: (usize, usize), reason: &str, text: String) -> Self {
        Removal {
            rule: rule.to_string(),
            start: line,
            end: line + 1,
            reason: reason.to_string(),
            span: Some(span),
            text,
        }
    }
}
