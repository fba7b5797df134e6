//! The static help-center export: the index and entry pages rendered with Yew
//! SSR (every category with its entries, every entry with its fixes in order,
//! title, meta description, canonical link, JSON-LD), escaping of host text,
//! and the `export` binary end to end on a temporary folder.
//!
//! Native only; it never touches the network or any folder but its own
//! temporary one.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;
use std::rc::Rc;

use errlens::catalogue::{Catalogue, Category};
use errlens::ui::pages::{self, PageCatalogue, Site};

const BASE: &str = "https://help.example.com/errors/";

fn site() -> Rc<Site> {
    Rc::new(Site::new(BASE, pages::DEFAULT_LOADER))
}

fn builtin() -> Rc<PageCatalogue> {
    Rc::new(PageCatalogue::new(&Catalogue::builtin()))
}

/// Asserts that each of `parts` occurs in `html`, each after the one before.
#[track_caller]
fn check(html: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match html.get(from..).and_then(|rest| rest.find(part)) {
            Some(at) => from += at + part.len(),
            None => panic!("`{part}` is missing, or out of order, after byte {from} of:\n{}", excerpt(html, from)),
        }
    }
}

fn excerpt(html: &str, from: usize) -> &str {
    let end = (from + 600).min(html.len());
    html.get(from..end).unwrap_or(html)
}

/// The text content of an HTML fragment: tags dropped, Yew's escapes undone.
fn text_of(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in fragment.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&amp;", "&")
}

/// The part of `html` between `start` (included) and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("`{start}` not found"));
    let rest = &html[from..];
    let to = rest.find(end).unwrap_or_else(|| panic!("`{end}` not found after `{start}`"));
    &rest[..to]
}

/// The `<li>` texts of the first list that starts with `start`.
fn list_items(html: &str, start: &str, end: &str) -> Vec<String> {
    between(html, start, end).split("<li>").skip(1).map(|li| text_of(li.trim_end_matches("</li>"))).collect()
}

/// The parsed JSON of the first `<script type="{kind}"...>` block.
fn json_block(html: &str, kind: &str) -> serde_json::Value {
    let open = format!("<script type=\"{kind}\"");
    let block = between(html, &open, "</script>");
    let body = &block[block.find('>').expect("script tag closes") + 1..];
    serde_json::from_str(body).unwrap_or_else(|e| panic!("the {kind} block is not JSON ({e}): {body}"))
}

#[test]
fn the_index_lists_every_category_in_order_with_its_entries() {
    let catalogue = builtin();
    let html = pages::render_index(&site(), &catalogue);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "a complete document");
    // The taxonomy, in the help center's order.
    let labels: Vec<String> =
        Category::ALL.iter().map(|c| format!("id=\"{}\"", pages::section_id(*c))).collect();
    check(&html, &labels.iter().map(String::as_str).collect::<Vec<_>>());
    check(&html, &[
        "Account and billing", "Integration: connection", "Integration: extraction", "Destination: connection",
        "Destination: loading", "Platform and runtime", "Network and security", "Integration states and lifecycle",
        "Support",
    ]);
    for category in Category::ALL {
        let section = between(&html, &format!("id=\"{}\"", pages::section_id(*category)), "</section>");
        let members: Vec<_> = catalogue.entries.iter().filter(|e| e.category == *category).collect();
        assert!(!members.is_empty(), "{} has entries", category.label());
        assert_eq!(section.matches("class=\"hc-item\"").count(), members.len(), "{} lists its entries once", category.label());
        for entry in members {
            let item = between(section, &format!("data-entry=\"{}\"", entry.id), "</li>");
            check(item, &[&format!("href=\"{}.html\"", entry.id)]);
            assert_eq!(
                text_of(between(item, "<a", "</a>")),
                entry.title,
                "{}: the linked title",
                entry.id
            );
            let summary = text_of(between(item, "<span class=\"hc-item-summary\">", "</span>"));
            assert_eq!(summary, entry.summary.replace('`', ""), "{}: the summary", entry.id);
        }
    }
    check(&html, &[
        "<title>Troubleshooting integration errors · Integration error help</title>",
        &format!("<link rel=\"canonical\" href=\"{BASE}\">"),
        "<link rel=\"stylesheet\" href=\"style.css\">",
        "<script type=\"module\" src=\"/errlens/errlens.js\"></script>",
        "<err-lens mode=\"page\" id=\"errlens-index\"",
        "<h1 class=\"hc-title\">Troubleshooting integration errors</h1>",
    ]);
    let ld = json_block(&html, "application/ld+json");
    assert_eq!(ld["@type"], "CollectionPage");
    assert_eq!(ld["mainEntity"]["numberOfItems"], catalogue.entries.len());
}

#[test]
fn every_entry_page_has_its_fixes_in_order_and_its_metadata() {
    let catalogue = builtin();
    let site = site();
    for entry in &catalogue.entries {
        let html = pages::render_entry(&site, &catalogue, &entry.id).expect("a page for a known id");
        let url = format!("{BASE}{}.html", entry.id);
        let title = text_of(between(&html, "<title>", "</title>"));
        assert_eq!(title, format!("{} · Integration error help", entry.title), "{}", entry.id);
        let description = between(&html, "<meta name=\"description\" content=\"", "\">");
        assert_eq!(text_of(description.trim_start_matches("<meta name=\"description\" content=\"")), entry.summary, "{}", entry.id);
        check(&html, &[
            &format!("<link rel=\"canonical\" href=\"{url}\">"),
            "<script type=\"module\" src=\"errlens-page.js\"></script>",
            "<script type=\"module\" src=\"/errlens/errlens.js\"></script>",
            &format!("<err-lens mode=\"page\" id=\"errlens-{0}\" entry=\"{0}\"", entry.id),
            "aria-label=\"Breadcrumb\"",
            "<a href=\"index.html\">",
            &format!("<a href=\"index.html#{}\">", pages::section_id(entry.category)),
            "<h1 class=\"hc-entry-title\">",
            "How to fix it",
            "What it means",
            "Common causes",
        ]);
        let fixes = list_items(&html, "<ol data-testid=\"hc-fixes\"", "</ol>");
        let expected: Vec<String> = entry.fixes.iter().map(|f| f.replace('`', "")).collect();
        assert_eq!(fixes, expected, "{}: the fixes, in order", entry.id);
        for related in entry.related.iter() {
            check(&html, &[&format!("<li><a href=\"{related}.html\" data-entry=\"{related}\">")]);
        }

        let ld = json_block(&html, "application/ld+json");
        let graph = ld["@graph"].as_array().expect("an @graph");
        let of_type = |t: &str| graph.iter().find(|n| n["@type"] == t).unwrap_or_else(|| panic!("{}: no {t}", entry.id));
        let article = of_type("TechArticle");
        assert_eq!(article["headline"], entry.title.as_ref());
        assert_eq!(article["description"], entry.summary.as_ref());
        assert_eq!(article["url"], url);
        let steps: Vec<&str> = of_type("HowTo")["step"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
        let fixes: Vec<&str> = entry.fixes.iter().map(|f| f.as_ref()).collect();
        assert_eq!(steps, fixes, "{}: HowTo steps are the fixes in order", entry.id);
        assert_eq!(of_type("BreadcrumbList")["itemListElement"][0]["item"], BASE);
    }
    assert!(pages::render_entry(&site, &catalogue, "no-such-entry").is_none());
}

// A host entry's text must not be able to end the JSON-LD script, inject
// markup, or break an attribute; the live widget gets the host entries too.
const HOSTILE: &str = r#"{"entries": [
  {"id": "acme-sync-quota", "title": "Acme </script><script>alert(1)</script> & \"quota\"",
   "category": "account_billing", "kind": "payment", "error_type": "sync", "layer": "account",
   "summary": "Your Acme plan's <b>monthly</b> sync quota is used up \u2028 until the 1st.",
   "meaning": "Acme counts rows synced per month.", "causes": ["A backfill"],
   "fixes": ["Upgrade the plan", "Wait for the <reset>"], "action": "contact_support",
   "retryable": "no", "severity": "error", "related": ["http-429"]},
  {"id": "Bad Id", "title": "x"}
]}"#;

fn with_host() -> Rc<PageCatalogue> {
    let mut catalogue = Catalogue::builtin();
    let problems = catalogue.extend_from_json(HOSTILE);
    assert_eq!(problems.len(), 1, "the bad entry is rejected: {problems:?}");
    Rc::new(PageCatalogue::new(&catalogue))
}

#[test]
fn host_text_is_escaped_everywhere() {
    let catalogue = with_host();
    assert_eq!(catalogue.host.len(), 1);
    let html = pages::render_entry(&site(), &catalogue, "acme-sync-quota").expect("the host entry has a page");
    for forbidden in ["<script>alert", "<b>", "<reset>"] {
        assert!(!html.contains(forbidden), "`{forbidden}` reached the page raw");
    }
    check(&html, &[
        "<title>Acme &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quota\" · Integration error help</title>",
        "content=\"Your Acme plan's &lt;b&gt;monthly&lt;/b&gt; sync quota",
        "<li><span class=\"hc-fix\">Wait for the &lt;reset&gt;</span></li>",
        "<li><a href=\"http-429.html\" data-entry=\"http-429\">429 Too Many Requests</a></li>",
    ]);
    assert_eq!(html.matches("</script>").count(), 4, "JSON-LD, host catalogue, enhancement and loader scripts only");
    let raw_ld = between(&html, "<script type=\"application/ld+json\">", "</script>");
    assert!(!raw_ld.contains('\u{2028}') && raw_ld.contains("\\u2028"), "U+2028 is escaped in JSON-LD");
    let ld = json_block(&html, "application/ld+json");
    assert_eq!(ld["@graph"][0]["headline"], "Acme </script><script>alert(1)</script> & \"quota\"");
    let host = json_block(&html, "application/json");
    assert_eq!(host["entries"][0]["id"], "acme-sync-quota");
    assert_eq!(host["entries"][0]["fixes"][1], "Wait for the <reset>");
}

#[test]
fn host_entries_join_the_index_and_the_sitemap() {
    let catalogue = with_host();
    let site = site();
    let index = pages::render_index(&site, &catalogue);
    let section = between(&index, "id=\"cat-account_billing\"", "</section>");
    check(section, &["data-entry=\"acme-sync-quota\"", "href=\"acme-sync-quota.html\""]);
    let sitemap = pages::sitemap(&site, &catalogue);
    check(&sitemap, &[
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
        &format!("<loc>{BASE}</loc>"),
        &format!("<loc>{BASE}http-429.html</loc>"),
        &format!("<loc>{BASE}acme-sync-quota.html</loc>"),
    ]);
    assert_eq!(sitemap.matches("<url>").count(), catalogue.entries.len() + 1);
}

#[test]
fn catalogue_backticks_become_code() {
    let entry = errlens::catalogue::builtin().iter().find(|e| e.id == "http-429").expect("http-429 is built in");
    let html = pages::render_entry(&site(), &builtin(), &entry.id).unwrap();
    assert!(entry.fixes.iter().any(|f| f.contains("`Retry-After`")), "the fixture still has a marked name");
    check(&html, &["<ol data-testid=\"hc-fixes\"", "<code>Retry-After</code>"]);
}

/// A fresh folder under the target dir's temporary area, for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder under the target dir");
    dir
}

#[test]
fn the_binary_exports_every_page_and_reports_bad_host_entries() {
    let dir = scratch("bin");
    let host = dir.join("host.json");
    std::fs::write(&host, HOSTILE).unwrap();
    let out = dir.join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_export"))
        .args(["--out", out.to_str().unwrap(), "--host-catalogue", host.to_str().unwrap()])
        .args(["--base-url", "https://help.example.com/errors", "--loader=/assets/errlens.js"])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "export failed: {stderr}");
    check(&stderr, &["skipped host entry: entry `Bad Id`"]);
    let n_entries = errlens::catalogue::builtin().len() + 1;
    check(&stdout, &[&format!("exported {} pages (index + {n_entries} entries)", n_entries + 1), "bytes"]);

    let mut pages_written = 0;
    let mut bytes = 0;
    for file in std::fs::read_dir(&out).unwrap().flatten() {
        bytes += file.metadata().unwrap().len();
        pages_written += usize::from(file.path().extension().is_some_and(|e| e == "html"));
    }
    assert_eq!(pages_written, n_entries + 1);
    check(&stdout, &[&format!(" {bytes} bytes")]);
    let page = std::fs::read_to_string(out.join("acme-sync-quota.html")).unwrap();
    check(&page, &[
        "<link rel=\"canonical\" href=\"https://help.example.com/errors/acme-sync-quota.html\">",
        "<script type=\"module\" src=\"/assets/errlens.js\"></script>",
    ]);
    for support in ["style.css", "errlens-page.js", "sitemap.xml", "index.html"] {
        assert!(out.join(support).is_file(), "{support} written");
    }
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    assert!(css.contains("@media print"), "print styles");

    let bad = Command::new(env!("CARGO_BIN_EXE_export")).args(["--base-url", "x"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "missing --out is a usage error");
    check(&String::from_utf8_lossy(&bad.stderr), &["pass --out DIR", "usage: export"]);
    let _ = std::fs::remove_dir_all(&dir);
}
