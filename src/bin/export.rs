//! `export`: writes the catalogue as a folder of static help-center pages
//! (an index, one page per entry, a stylesheet, a sitemap), rendered with
//! Yew SSR from the components in `errlens::ui::pages`.
//!
//! ```sh
//! cargo run --release --bin export -- --out DIR [--host-catalogue FILE.json] [--base-url URL] [--loader URL]
//! ```
//!
//! It must never write outside `--out` and never stop on a bad host entry:
//! those are printed with their messages and the rest is exported. It only
//! runs natively; the wasm build (which Cargo makes of every binary) is a stub.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::rc::Rc;

    use errlens::catalogue::Catalogue;
    use errlens::ui::pages::{self, PageCatalogue, Site};

    const USAGE: &str = "\
usage: export --out DIR [--host-catalogue FILE.json] [--base-url URL] [--loader URL]

  --out DIR                 folder to write index.html, <id>.html, style.css, sitemap.xml into
  --host-catalogue FILE     the host's JSON entries ({\"entries\": [...]}); bad entries are reported and skipped
  --base-url URL            where the folder is published, e.g. https://help.example.com/errors/
                            (canonical links and sitemap.xml need it to be absolute)
  --loader URL              the widget loader the pages include (default /errlens/errlens.js)";

    /// The command line, parsed.
    struct Args {
        out: PathBuf,
        host_catalogue: Option<PathBuf>,
        base_url: String,
        loader: String,
    }

    fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut out, mut host_catalogue, mut base_url, mut loader) = (None, None, String::new(), None);
        while let Some(flag) = argv.next() {
            // Accept both `--flag value` and `--flag=value`.
            let (name, inline) = match flag.split_once('=') {
                Some((name, value)) if name.starts_with("--") => (name.to_string(), Some(value.to_string())),
                _ => (flag.clone(), None),
            };
            if name == "--help" || name == "-h" {
                return Err(String::new());
            }
            let value = match inline.or_else(|| argv.next()) {
                Some(value) => value,
                None => return Err(format!("{name} needs a value")),
            };
            match name.as_str() {
                "--out" => out = Some(PathBuf::from(value)),
                "--host-catalogue" => host_catalogue = Some(PathBuf::from(value)),
                "--base-url" => base_url = value,
                "--loader" => loader = Some(value),
                _ => return Err(format!("unknown option {name}")),
            }
        }
        let out = out.ok_or("pass --out DIR, the folder to write the pages into")?;
        Ok(Args { out, host_catalogue, base_url, loader: loader.unwrap_or_else(|| pages::DEFAULT_LOADER.to_string()) })
    }

    pub fn main() -> ExitCode {
        let args = match parse(std::env::args().skip(1)) {
            Ok(args) => args,
            Err(message) => {
                if !message.is_empty() {
                    eprintln!("export: {message}\n");
                }
                eprintln!("{USAGE}");
                return if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
            }
        };
        match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("export: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn run(args: &Args) -> Result<(), String> {
        let mut catalogue = Catalogue::builtin();
        if let Some(path) = &args.host_catalogue {
            let json = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the host catalogue {}: {e}", path.display()))?;
            let problems = catalogue.extend_from_json(&json);
            for problem in &problems {
                eprintln!("skipped host entry: {problem}");
            }
            println!(
                "host catalogue {}: {} entries in force, {} skipped",
                path.display(),
                catalogue.n_host(),
                problems.len()
            );
        }
        if args.base_url.is_empty() {
            eprintln!("note: no --base-url, so canonical links and sitemap.xml hold relative URLs; pass the published URL");
        }
        let site = Rc::new(Site::new(&args.base_url, &args.loader));
        let catalogue = Rc::new(PageCatalogue::new(&catalogue));

        std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
        let mut written = Written::default();
        written.file(&args.out, pages::STYLE_FILE, pages::STYLE_CSS, false)?;
        written.file(&args.out, pages::ENHANCE_FILE, pages::ENHANCE_JS, false)?;
        written.file(&args.out, pages::INDEX_FILE, &pages::render_index(&site, &catalogue), true)?;
        for entry in &catalogue.entries {
            // Ids are validated kebab-case; this guard keeps a file name from
            // ever leaving the folder should that rule change.
            if !errlens::catalogue::validate::is_kebab_case(&entry.id) {
                eprintln!("skipped entry `{}`: its id is not a safe file name", entry.id);
                continue;
            }
            let Some(html) = pages::render_entry(&site, &catalogue, &entry.id) else { continue };
            written.file(&args.out, &pages::file_name(&entry.id), &html, true)?;
        }
        written.file(&args.out, "sitemap.xml", &pages::sitemap(&site, &catalogue), false)?;
        println!(
            "exported {} pages (index + {} entries) and 3 support files to {}: {} files, {} bytes ({:.1} KB) in total",
            written.pages,
            written.pages.saturating_sub(1),
            args.out.display(),
            written.files,
            written.bytes,
            written.bytes as f64 / 1024.0
        );
        Ok(())
    }

    /// What has been written so far, for the closing count.
    #[derive(Default)]
    struct Written {
        pages: usize,
        files: usize,
        bytes: u64,
    }

    impl Written {
        fn file(&mut self, dir: &Path, name: &str, content: &str, is_page: bool) -> Result<(), String> {
            let path = dir.join(name);
            std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            self.files += 1;
            self.pages += usize::from(is_page);
            self.bytes += content.len() as u64;
            Ok(())
        }
    }
}
