//! The project's own documents (docs/口径说明.md) as HTML for the page: the small part of
//! Markdown they use — headings, paragraphs, lists, tables, code, bold — with every
//! character of text escaped.

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `code`, **bold** and [text](link) → text, inside an escaped line.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("**") {
            if let Some(end) = r.find("**") {
                out += &format!("<strong>{}</strong>", escape(&r[..end]));
                rest = &r[end + 2..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix('`') {
            if let Some(end) = r.find('`') {
                out += &format!("<code>{}</code>", escape(&r[..end]));
                rest = &r[end + 1..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix('[') {
            if let Some((label, after)) = r.split_once("](") {
                if let Some(end) = after.find(')') {
                    out += &escape(label);
                    rest = &after[end + 1..];
                    continue;
                }
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out += &escape(&ch.to_string());
        rest = &rest[ch.len_utf8()..];
    }
    out
}

pub fn to_html(markdown: &str) -> String {
    let mut out = String::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_end();
        if t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix("## ") {
            out += &format!("<h4>{}</h4>", inline(h));
        } else if let Some(h) = t.strip_prefix("# ") {
            out += &format!("<h3>{}</h3>", inline(h));
        } else if t.starts_with("```") {
            let mut code = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code += l;
                code.push('\n');
            }
            out += &format!("<pre>{}</pre>", escape(&code));
        } else if t.starts_with('|') {
            let mut rows = vec![t.to_string()];
            while let Some(l) = lines.next_if(|l| l.trim_start().starts_with('|')) {
                rows.push(l.trim_end().to_string());
            }
            out += "<table class=\"data\">";
            for (i, row) in rows.iter().enumerate() {
                if row.replace(['|', '-', ' ', ':'], "").is_empty() {
                    continue;
                }
                let cell = if i == 0 { "th" } else { "td" };
                out += "<tr>";
                for c in row.trim_matches('|').split('|') {
                    out += &format!("<{cell}>{}</{cell}>", inline(c.trim()));
                }
                out += "</tr>";
            }
            out += "</table>";
        } else if let Some(first) = t.strip_prefix("- ") {
            out += "<ul>";
            let mut item = first.to_string();
            loop {
                match lines.peek() {
                    Some(l) if l.starts_with("  ") && !l.trim().is_empty() => {
                        item += l.trim();
                        lines.next();
                    }
                    Some(l) if l.starts_with("- ") => {
                        out += &format!("<li>{}</li>", inline(&item));
                        item = l.trim_start_matches("- ").to_string();
                        lines.next();
                    }
                    _ => break,
                }
            }
            out += &format!("<li>{}</li></ul>", inline(&item));
        } else {
            let mut para = t.to_string();
            while let Some(l) = lines.next_if(|l| {
                let l = l.trim();
                !l.is_empty() && !l.starts_with(['#', '|', '-']) && !l.starts_with("```")
            }) {
                para += l.trim();
            }
            out += &format!("<p>{}</p>", inline(&para));
        }
    }
    out
}

/// docs/口径说明.md, as the page's footer shows it.
pub fn definitions_html() -> String {
    to_html(include_str!("../../docs/口径说明.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_the_docs_use_becomes_escaped_html() {
        let html = to_html("# 口径\n\n- **企业**：<b>x</b>\n  续行\n- 乙\n\n| a | b |\n| --- | --- |\n| 1 | `x` |\n\n段落\n续\n");
        assert_eq!(
            html,
            "<h3>口径</h3><ul><li><strong>企业</strong>：&lt;b&gt;x&lt;/b&gt;续行</li><li>乙</li></ul><table class=\"data\"><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><code>x</code></td></tr></table><p>段落续</p>"
        );
        let defs = definitions_html();
        assert!(defs.contains("<h3>口径说明</h3>") && defs.contains("累计产值同比"));
        assert!(!defs.contains("<script"));
    }
}
