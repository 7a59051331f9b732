//! Markdown written by members, rendered to HTML that is safe to put in a page: headings, lists,
//! links, emphasis and quotes. Raw HTML is shown as text, images become their description, and
//! the result goes through ammonia's allow-list anyway, so nothing a member types can run.
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Page headings belong to the page: a member's `# Title` renders as a level-2 heading at most.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H2,
        HeadingLevel::H3 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

fn without_raw_html_and_images(event: Event<'_>) -> Option<Event<'_>> {
    match event {
        // Written HTML is the member's text, not markup: show it as typed.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    }
}

fn sanitizer() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "a",
        "em",
        "strong",
        "blockquote",
        "code",
        "pre",
        "hr",
    ]
    .into_iter()
    .collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"))
        .strip_comments(true);
    builder
}

/// Safe HTML for `markdown`.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
        .filter_map(without_raw_html_and_images);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn renders_the_allowed_elements() {
        let html = to_safe_html("# Title\n\n## Steps\n\n- one\n- *two*\n\n1. **three**\n\n> quote");
        assert!(html.contains("<h2>Title</h2>"), "{html}");
        assert!(html.contains("<h2>Steps</h2>"), "{html}");
        assert!(html.contains("<li><em>two</em></li>"), "{html}");
        assert!(html.contains("<ol>"), "{html}");
        assert!(html.contains("<strong>three</strong>"), "{html}");
        assert!(html.contains("<blockquote>"), "{html}");
    }

    #[test]
    fn links_are_marked_as_user_content() {
        let html = to_safe_html("[site](https://example.org)");
        assert!(
            html.contains(r#"<a href="https://example.org" rel="nofollow ugc noopener">site</a>"#),
            "{html}"
        );
    }

    #[test]
    fn hostile_markup_never_survives() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<svg onload=alert(1)><circle/></svg>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![x](https://evil.example/track.png)",
            "<iframe src=https://evil.example></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "[x](\u{202e}javascript:alert(1))",
        ];
        for input in hostile {
            let html = to_safe_html(input).to_lowercase();
            // What the member typed may show as escaped text; only real tags could run.
            for tag in tags_of(&html) {
                let name = tag.split_whitespace().next().unwrap_or_default();
                assert!(
                    ["p", "/p", "a", "/a", "em", "/em"].contains(&name),
                    "{input:?} gave the tag <{tag}>"
                );
                for forbidden in ["javascript:", "data:", "on", "style", "src"] {
                    let attributes = tag.trim_start_matches(name);
                    assert!(
                        !attributes.contains(&format!(" {forbidden}"))
                            && !attributes.contains(&format!("\"{forbidden}")),
                        "{input:?} gave the tag <{tag}>"
                    );
                }
            }
        }
    }

    /// The inside of every tag of `html` (text `<` is always escaped, so each `<` opens one).
    fn tags_of(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            .collect()
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            to_safe_html("<b>bold</b>").trim(),
            "<p>&lt;b&gt;bold&lt;/b&gt;</p>"
        );
    }
}
