//! The pure core (`catalogue`, `search`, `diagnose`, `draft`, `redact`,
//! `ticket`, `text`) must build and test natively: it may not import a web crate. This
//! test reads the sources and fails on any such import or path.

use std::fs;
use std::path::{Path, PathBuf};

const CORE: &[&str] = &["catalogue", "search", "diagnose", "draft", "redact", "ticket", "text"];
const WEB_CRATES: &[&str] = &["yew", "web_sys", "wasm_bindgen", "js_sys", "gloo", "wasm_bindgen_futures", "serde_wasm_bindgen"];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("a readable source folder").flatten() {
            rust_files(&entry.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The web crate a line of Rust refers to, if any.
fn web_reference(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or("");
    WEB_CRATES.iter().copied().find(|krate| {
        code.contains(&format!("use {krate}")) || code.contains(&format!("{krate}::")) || code.contains(&format!("extern crate {krate}"))
    })
}

#[test]
fn core_modules_import_no_web_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in CORE {
        rust_files(&src.join(format!("{module}.rs")), &mut files);
        rust_files(&src.join(module), &mut files);
    }
    assert!(files.len() >= CORE.len(), "the core modules were not found under src/");
    let mut offences = Vec::new();
    for file in &files {
        for (n, line) in fs::read_to_string(file).unwrap().lines().enumerate() {
            if let Some(krate) = web_reference(line) {
                offences.push(format!("{}:{}: uses `{krate}`: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "the pure core imports web crates:\n{}", offences.join("\n"));
}

#[test]
fn the_check_catches_an_import() {
    assert_eq!(web_reference("use yew::prelude::*;"), Some("yew"));
    assert_eq!(web_reference("    let w = web_sys::window();"), Some("web_sys"));
    assert_eq!(web_reference("// web_sys:: is not used here"), None);
    assert_eq!(web_reference("use serde::Serialize;"), None);
}
