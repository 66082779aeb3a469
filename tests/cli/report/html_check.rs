//! A small HTML checker for the summary: tags balanced and in order, attributes quoted, no raw markup characters in text.

/// A tag-balance check: every non-void element closed, in order; every
/// attribute quoted; no `<` or `&` in text that is not markup or an entity.
pub(super) fn check_html(html: &str) -> Result<(), String> {
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html.strip_prefix("<!DOCTYPE html>").ok_or("no doctype")?;
    while let Some(at) = rest.find(['<', '&']) {
        check_text(&rest[..at])?;
        rest = &rest[at..];
        if rest.starts_with('&') {
            let end = rest
                .find(';')
                .filter(|e| *e <= 10)
                .ok_or_else(|| format!("a bare & at {:?}", &rest[..rest.len().min(20)]))?;
            let name = &rest[1..end];
            let ok = name
                .strip_prefix("#x")
                .is_some_and(|h| u32::from_str_radix(h, 16).is_ok())
                || name
                    .strip_prefix('#')
                    .is_some_and(|d| d.parse::<u32>().is_ok())
                || ["amp", "lt", "gt", "quot"].contains(&name);
            if !ok {
                return Err(format!("unknown entity &{name};"));
            }
            rest = &rest[end + 1..];
            continue;
        }
        let end = tag_end(rest)
            .ok_or_else(|| format!("unclosed tag at {:?}", &rest[..rest.len().min(40)]))?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name => {}
                top => return Err(format!("</{name}> closes {top:?}")),
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if name.is_empty() {
            return Err(format!("a raw < in text: <{tag}>"));
        }
        check_attributes(&tag[name.len()..])?;
        if name == "style" {
            let close = rest.find("</style>").ok_or("unclosed <style>")?;
            if rest[..close].contains('<') {
                return Err("< inside <style>".into());
            }
            rest = &rest[close + "</style>".len()..];
        } else if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    check_text(rest)?;
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("never closed: {open:?}"))
    }
}

/// Text between tags: exovet escapes `>` and `"` too, so a raw one means text went out unescaped.
fn check_text(text: &str) -> Result<(), String> {
    if text.contains(['>', '"']) {
        return Err(format!("a raw > or \" in text: {text:?}"));
    }
    Ok(())
}

/// Where a tag ends, skipping `>` inside quoted attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quoted = false;
    tag.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        '>' if !quoted => Some(i),
        _ => None,
    })
}

/// `name="value"` pairs only, with no quote or `<` inside a value.
fn check_attributes(mut attrs: &str) -> Result<(), String> {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs
            .find('=')
            .ok_or_else(|| format!("attribute without value: {attrs:?}"))?;
        let name = &attrs[..eq];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("odd attribute name {name:?}"));
        }
        let value = attrs[eq + 1..]
            .strip_prefix('"')
            .ok_or_else(|| format!("unquoted attribute {name}"))?;
        let close = value.find('"').ok_or("unterminated attribute")?;
        if value[..close].contains('<') {
            return Err(format!("< inside attribute {name}"));
        }
        attrs = &value[close + 1..];
    }
}

#[test]
fn the_html_checker_catches_broken_pages() {
    let ok = "<!DOCTYPE html><html><body><p>a &amp; b<br></p></body></html>";
    assert_eq!(check_html(ok), Ok(()));
    for bad in [
        "<!DOCTYPE html><p><b>x</p></b>",
        "<!DOCTYPE html><p>x",
        "<!DOCTYPE html><p>1 < 2</p>",
        "<!DOCTYPE html><p>a & b</p>",
        "<!DOCTYPE html><p class=x>y</p>",
        "<!DOCTYPE html><p title=\"a\" onclick=\"b\">\"c</p>\"",
        "<!DOCTYPE html><p>a > b</p>",
    ] {
        assert!(check_html(bad).is_err(), "{bad}");
    }
}
