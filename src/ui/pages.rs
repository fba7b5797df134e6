//! Help-center pages rendered on the server (Yew SSR): the taxonomy index and
//! one page per catalogue entry, as plain HTML documents that read well with
//! JavaScript off and enhance into the live page widget when the loader runs.
//!
//! The two pure components, [`CategoryIndex`] and [`EntryArticle`], take all
//! their data as props (no store, no browser call), so the page mode widget can
//! render the same markup. The document components wrap them with what a
//! search engine and a printer need: title, meta description, canonical link,
//! JSON-LD, breadcrumbs and a stylesheet.
//!
//! Never write raw text into the markup: every text goes through Yew's
//! escaping, and the only raw blocks (JSON-LD and the host catalogue) are
//! serialized by `serde_json` with `<`, `>` and `&` escaped, so no entry text
//! can close the script element it sits in.

use std::rc::Rc;

use yew::prelude::*;

use super::i18n::t;
use crate::catalogue::{self, Catalogue, Category, Entry};

/// How entry links are written: as `#errlens/<id>` inside the widget, or as
/// `<id>.html` between static pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// `#errlens/<id>`: deep links the loader turns into widget navigation.
    Hash,
    /// `<id>.html`: files side by side in the exported folder.
    Files,
}

impl Links {
    /// The href of the entry `id`.
    pub fn entry(self, id: &str) -> String {
        match self {
            Links::Hash => format!("#errlens/{id}"),
            Links::Files => file_name(id),
        }
    }

    /// The href of a category's section in the index.
    pub fn category(self, category: Category) -> String {
        match self {
            Links::Hash => format!("#{}", section_id(category)),
            Links::Files => format!("{INDEX_FILE}#{}", section_id(category)),
        }
    }
}

/// The exported index's file name.
pub const INDEX_FILE: &str = "index.html";
/// The exported stylesheet's file name.
pub const STYLE_FILE: &str = "style.css";
/// The exported enhancement module's file name (see [`ENHANCE_JS`]).
pub const ENHANCE_FILE: &str = "errlens-page.js";
/// The loader URL the pages include unless told otherwise.
pub const DEFAULT_LOADER: &str = "/errlens/errlens.js";

/// The exported file of entry `id`. Ids are validated kebab-case, so they are
/// safe as file names.
pub fn file_name(id: &str) -> String {
    format!("{id}.html")
}

/// The HTML id of a category's section, stable because the category names are.
pub fn section_id(category: Category) -> String {
    format!("cat-{}", category.as_str())
}

/// Where the pages are published and what they load.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Absolute URL of the published folder, ending in `/`; empty when
    /// unknown, and then canonical links and the sitemap are relative.
    pub base_url: String,
    /// URL of the widget loader (`errlens.js`) each page includes.
    pub loader: String,
}

impl Default for Site {
    fn default() -> Self {
        Site { base_url: String::new(), loader: DEFAULT_LOADER.to_string() }
    }
}

impl Site {
    /// A site at `base_url` (a trailing `/` is added when missing).
    pub fn new(base_url: &str, loader: &str) -> Site {
        let mut base_url = base_url.trim().to_string();
        if !base_url.is_empty() && !base_url.ends_with('/') {
            base_url.push('/');
        }
        Site { base_url, loader: loader.to_string() }
    }

    /// The canonical URL of a file of the folder (`""` for the index).
    pub fn url(&self, file: &str) -> String {
        match (self.base_url.is_empty(), file.is_empty()) {
            (true, true) => INDEX_FILE.to_string(),
            (true, false) => file.to_string(),
            (false, _) => format!("{}{file}", self.base_url),
        }
    }
}

/// The catalogue as the pages need it: every entry in catalogue order, the
/// host's entries apart (the live widget must receive them too), and the version.
#[derive(Clone, Debug, PartialEq)]
pub struct PageCatalogue {
    /// Every entry, built-in first, then host additions.
    pub entries: Vec<Entry>,
    /// The entries that came from (or were changed by) the host.
    pub host: Vec<Entry>,
    /// The catalogue version, as tickets state it.
    pub version: String,
}

impl PageCatalogue {
    /// Takes the entries of `catalogue`, telling host entries from built-in ones.
    pub fn new(catalogue: &Catalogue) -> PageCatalogue {
        let builtin = catalogue::builtin();
        let host = catalogue
            .entries()
            .iter()
            .filter(|e| builtin.iter().find(|b| b.id == e.id) != Some(*e))
            .cloned()
            .collect();
        PageCatalogue { entries: catalogue.entries().to_vec(), host, version: catalogue.version() }
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// `(id, title)` of each related entry that exists, in the entry's order.
    pub fn related(&self, entry: &Entry) -> Vec<(AttrValue, AttrValue)> {
        entry
            .related
            .iter()
            .filter_map(|id| self.get(id))
            .map(|r| (AttrValue::from(r.id.to_string()), AttrValue::from(r.title.to_string())))
            .collect()
    }
}

/// Catalogue text as markup: spans between backticks (`Retry-After`) become
/// `<code>`, the way the entries' authors mark header and field names. An
/// unpaired backtick stays as it is.
pub fn rich_text(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    let paired = parts.len() % 2 == 1;
    let last = parts.len().saturating_sub(1);
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, part)| {
                if i % 2 == 1 && (paired || i < last) {
                    html! { <code>{ part.to_string() }</code> }
                } else if i % 2 == 1 {
                    html! { { format!("`{part}") } }
                } else {
                    html! { { part.to_string() } }
                }
            }) }
        </>
    }
}

/// A heading of level `level` (clamped to 1..=6), so one component can sit
/// under a page's `h1` or inside the widget's `h2`.
fn heading(level: u8, class: &'static str, content: Html) -> Html {
    let tag = format!("h{}", level.clamp(1, 6));
    html! { <@{tag} class={class}>{ content }</@> }
}

#[derive(Properties, PartialEq)]
pub struct CategoryIndexProps {
    /// The entries to list, in catalogue order.
    pub entries: Rc<Vec<Entry>>,
    pub links: Links,
    /// Level of the category headings.
    #[prop_or(2)]
    pub level: u8,
    /// The index's `data-testid`.
    #[prop_or(AttrValue::Static("hc-index"))]
    pub testid: AttrValue,
    /// In the live widget: opens entry `id` in place instead of following the link.
    #[prop_or_default]
    pub onentry: Option<Callback<String>>,
}

/// Every category of the taxonomy, in the help center's order, each with its
/// entries' linked titles and summaries. A category without entries still
/// appears, so the taxonomy reads the same whatever the catalogue holds.
#[component]
pub fn CategoryIndex(props: &CategoryIndexProps) -> Html {
    html! {
        <div class="hc-index" data-testid={props.testid.clone()}>
            { for Category::ALL.iter().map(|c| {
                let members: Vec<&Entry> = props.entries.iter().filter(|e| e.category == *c).collect();
                let title = html! { <>{ c.label() }<span class="hc-count">{ members.len() }</span></> };
                html! {
                    <section class="hc-section" id={section_id(*c)} data-category={c.as_str()}>
                        { heading(props.level, "hc-section-title", title) }
                        if members.is_empty() {
                            <p class="hc-empty">{ "No entries yet." }</p>
                        } else {
                            <ul class="hc-list">
                                { for members.into_iter().map(|e| {
                                    let onclick = props.onentry.clone().map(|onentry| {
                                        let id = e.id.to_string();
                                        Callback::from(move |click: MouseEvent| {
                                            click.prevent_default();
                                            onentry.emit(id.clone());
                                        })
                                    });
                                    html! {
                                        <li class="hc-item" data-entry={e.id.to_string()}>
                                            <a class="hc-item-title" href={props.links.entry(&e.id)} {onclick}>{ e.title.to_string() }</a>
                                            <span class="hc-item-summary">{ rich_text(&e.summary) }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        }
                    </section>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EntryArticleProps {
    pub entry: Entry,
    /// `(id, title)` of the related entries, resolved by the caller from the
    /// catalogue in force (ids it does not know are left out).
    #[prop_or_default]
    pub related: Vec<(AttrValue, AttrValue)>,
    pub links: Links,
    /// Level of the title; section headings are one below.
    #[prop_or(1)]
    pub level: u8,
    /// The article's `data-testid`.
    #[prop_or(AttrValue::Static("hc-entry"))]
    pub testid: AttrValue,
    /// The live widget's parts; `None` on a static page.
    #[prop_or_default]
    pub live: Option<Live>,
}

/// What the live widget adds to the same article: the "what to do now"
/// button, a control after each fix (the "tried it" box), and in-widget
/// navigation for entry links.
#[derive(Clone, PartialEq)]
pub struct Live {
    pub onaction: Callback<()>,
    /// The control shown after fix number `i`.
    pub fix_control: Callback<usize, Html>,
    /// Opens entry `id` inside the widget.
    pub onentry: Callback<String>,
}

/// One entry as a readable article: title, chips, summary, what to do now,
/// the fixes in order, meaning, causes, related entries and references. The
/// static pages and the widget render this same markup; the widget adds its
/// [`Live`] parts.
#[component]
pub fn EntryArticle(props: &EntryArticleProps) -> Html {
    let entry = &props.entry;
    let sub = props.level.saturating_add(1);
    let live = props.live.as_ref();
    let entry_link = |id: &AttrValue, title: &AttrValue| {
        let onclick = live.map(|live| {
            let (onentry, id) = (live.onentry.clone(), id.to_string());
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                onentry.emit(id.clone());
            })
        });
        html! { <a href={props.links.entry(id)} data-entry={id.clone()} {onclick}>{ title.clone() }</a> }
    };
    html! {
        <article class="hc-entry" data-testid={props.testid.clone()} data-entry={entry.id.to_string()}>
            { heading(props.level, "hc-entry-title", html! { { entry.title.to_string() } }) }
            <p class="hc-chips">
                if live.is_some() {
                    <span class="hc-chip">{ entry.category.label() }</span>
                } else {
                    <a class="hc-chip" href={props.links.category(entry.category)}>{ entry.category.label() }</a>
                }
                <span class="hc-chip">{ entry.kind.label() }</span>
                <span class="hc-chip">{ format!("{}: {}", t("entry.whose"), entry.layer.label()) }</span>
                if !entry.codes.is_empty() {
                    <span class="hc-codes">{ for entry.codes.iter().map(|c| html! { <code>{ c.to_string() }</code> }) }</span>
                }
            </p>
            <p class="hc-summary">{ rich_text(&entry.summary) }</p>
            <p class="hc-now">
                <strong class="hc-now-label">{ format!("{}: ", t("entry.now")) }</strong>
                if let Some(live) = live {
                    <button type="button" class="el-button el-primary" part="primary-button" data-testid="errlens-action"
                        data-action={entry.action.as_str()} onclick={live.onaction.reform(|_| ())}>{ entry.action.label() }</button>
                } else {
                    <span data-action={entry.action.as_str()}>{ entry.action.label() }</span>
                }
                <span class="hc-retry">{ format!(" · {}", entry.retryable.label()) }</span>
            </p>
            <section class="hc-part">
                { heading(sub, "", html! { { t("entry.fixes") } }) }
                <ol class="hc-fixes" data-testid="hc-fixes">
                    { for entry.fixes.iter().enumerate().map(|(i, f)| html! {
                        <li><span class="hc-fix">{ rich_text(f) }</span>{ live.map(|l| l.fix_control.emit(i)).unwrap_or_default() }</li>
                    }) }
                </ol>
            </section>
            <section class="hc-part">
                { heading(sub, "", html! { { t("entry.meaning") } }) }
                <p>{ rich_text(&entry.meaning) }</p>
            </section>
            <section class="hc-part">
                { heading(sub, "", html! { { t("entry.causes") } }) }
                <ul>{ for entry.causes.iter().map(|c| html! { <li>{ rich_text(c) }</li> }) }</ul>
            </section>
            if !props.related.is_empty() {
                <section class="hc-part hc-related">
                    { heading(sub, "", html! { { t("entry.related") } }) }
                    <ul>
                        { for props.related.iter().map(|(id, title)| html! { <li>{ entry_link(id, title) }</li> }) }
                    </ul>
                </section>
            }
            if !entry.references.is_empty() {
                <section class="hc-part hc-refs">
                    { heading(sub, "", html! { { t("entry.references") } }) }
                    <ul>{ for entry.references.iter().map(|r| html! { <li>{ r.to_string() }</li> }) }</ul>
                </section>
            }
        </article>
    }
}

/// JSON for a `<script>` element: `<`, `>` and `&` become `\u003c`... escapes,
/// which JSON allows inside strings (the only place they can occur), so no
/// text can end the element or open a comment.
pub fn script_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line and paragraph separators end a line in older script parsers.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(ch),
        }
    }
    out
}

fn json_script(kind: &'static str, extra: &'static str, value: &serde_json::Value) -> Html {
    Html::from_html_unchecked(AttrValue::from(format!(
        "<script type=\"{kind}\"{extra}>{}</script>",
        script_json(value)
    )))
}

/// Structured data of an entry page: the article, its fixes as a how-to,
/// and the breadcrumb trail.
pub fn entry_json_ld(site: &Site, entry: &Entry) -> serde_json::Value {
    let url = site.url(&file_name(&entry.id));
    let keywords: Vec<&str> = entry.codes.iter().chain(entry.aliases.iter()).map(|k| k.as_ref()).collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "TechArticle",
                "@id": format!("{url}#article"),
                "headline": entry.title,
                "description": entry.summary,
                "url": url,
                "inLanguage": "en",
                "articleSection": entry.category.label(),
                "keywords": keywords.join(", "),
                "proficiencyLevel": "Beginner",
            },
            {
                "@type": "HowTo",
                "@id": format!("{url}#fix"),
                "name": format!("{}: {}", t("entry.fixes"), entry.title),
                "description": entry.summary,
                "step": entry.fixes.iter().enumerate().map(|(i, fix)| serde_json::json!({
                    "@type": "HowToStep",
                    "position": i + 1,
                    "text": fix,
                })).collect::<Vec<_>>(),
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": HOME_TITLE, "item": site.url("")},
                    {"@type": "ListItem", "position": 2, "name": entry.category.label(),
                     "item": site.url(&format!("{INDEX_FILE}#{}", section_id(entry.category)))},
                    {"@type": "ListItem", "position": 3, "name": entry.title, "item": url},
                ],
            },
        ],
    })
}

/// Structured data of the index: a collection page listing every entry.
pub fn index_json_ld(site: &Site, catalogue: &PageCatalogue) -> serde_json::Value {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": HOME_TITLE,
        "description": index_description(catalogue),
        "url": site.url(""),
        "inLanguage": "en",
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": catalogue.entries.len(),
            "itemListElement": catalogue.entries.iter().enumerate().map(|(i, e)| serde_json::json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": e.title,
                "url": site.url(&file_name(&e.id)),
            })).collect::<Vec<_>>(),
        },
    })
}

/// The help center's name, in the title of every page and the breadcrumbs.
pub const HOME_TITLE: &str = "Integration error help";

fn index_description(catalogue: &PageCatalogue) -> String {
    format!(
        "What {} integration errors mean and how to fix them: account and billing, connections, extraction, \
         loading, runtime, network and security, lifecycle and support.",
        catalogue.entries.len()
    )
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    site: Rc<Site>,
    catalogue: Rc<PageCatalogue>,
    title: AttrValue,
    description: AttrValue,
    canonical: AttrValue,
    json_ld: Rc<serde_json::Value>,
    /// The entry the live widget opens on (entry pages only).
    #[prop_or_default]
    entry: Option<AttrValue>,
    /// Storage key of the live widget, so each page keeps its own draft.
    widget_id: AttrValue,
    children: Html,
}

/// The document around a page: head, site header, the `<err-lens mode="page">`
/// element wrapping the static content, and the footer.
///
/// The static content is the element's light DOM. When the loader runs, the
/// element gets a shadow root without a slot, so the live widget replaces the
/// static content on screen while it stays in the document (for readers
/// without JavaScript, crawlers and printing before the widget loads).
#[component]
fn Shell(props: &ShellProps) -> Html {
    let host_block = (!props.catalogue.host.is_empty()).then(|| {
        let value = serde_json::json!({ "entries": props.catalogue.host });
        json_script("application/json", " data-errlens-catalogue", &value)
    });
    html! {
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{ props.title.clone() }</title>
                <meta name="description" content={props.description.clone()} />
                <link rel="canonical" href={props.canonical.clone()} />
                <link rel="stylesheet" href={STYLE_FILE} />
                { json_script("application/ld+json", "", &props.json_ld) }
                { host_block.unwrap_or_default() }
                if props.entry.is_some() {
                    <script type="module" src={ENHANCE_FILE}></script>
                }
                <script type="module" src={props.site.loader.clone()}></script>
            </head>
            <body>
                <header class="hc-site">
                    <a class="hc-home" href={INDEX_FILE}>{ HOME_TITLE }</a>
                </header>
                <err-lens mode="page" id={props.widget_id.clone()} entry={props.entry.clone()} data-testid="hc-page">
                    <main class="hc-main" id="main">{ props.children.clone() }</main>
                </err-lens>
                <footer class="hc-foot">
                    <p>{ format!("Catalogue version {}. ", props.catalogue.version) }
                        <a href={INDEX_FILE}>{ "All errors by category" }</a></p>
                </footer>
            </body>
        </html>
    }
}

#[derive(Properties, PartialEq)]
pub struct IndexPageProps {
    pub site: Rc<Site>,
    pub catalogue: Rc<PageCatalogue>,
}

/// The help center's front page: every category with its entries.
#[component]
pub fn IndexPage(props: &IndexPageProps) -> Html {
    let description = index_description(&props.catalogue);
    let entries = Rc::new(props.catalogue.entries.clone());
    let n_categories = Category::ALL.len();
    html! {
        <Shell site={props.site.clone()} catalogue={props.catalogue.clone()}
            title={AttrValue::from(format!("Troubleshooting integration errors · {HOME_TITLE}"))}
            description={AttrValue::from(description)} canonical={AttrValue::from(props.site.url(""))}
            json_ld={Rc::new(index_json_ld(&props.site, &props.catalogue))} widget_id="errlens-index">
            <h1 class="hc-title">{ "Troubleshooting integration errors" }</h1>
            <p class="hc-lead">{ format!(
                "{} errors in {n_categories} categories: what each one means, why it happens and how to fix it.",
                props.catalogue.entries.len()
            ) }</p>
            <nav class="hc-toc" aria-label="Categories">
                <ul>
                    { for Category::ALL.iter().map(|c| html! {
                        <li><a href={format!("#{}", section_id(*c))}>{ c.label() }</a></li>
                    }) }
                </ul>
            </nav>
            <CategoryIndex entries={entries} links={Links::Files} level={2} />
        </Shell>
    }
}

#[derive(Properties, PartialEq)]
pub struct EntryPageProps {
    pub site: Rc<Site>,
    pub catalogue: Rc<PageCatalogue>,
    pub id: AttrValue,
}

/// One entry's page; renders nothing for an unknown id (the export only asks
/// for ids it has).
#[component]
pub fn EntryPage(props: &EntryPageProps) -> Html {
    let Some(entry) = props.catalogue.get(&props.id) else {
        return Html::default();
    };
    let related = props.catalogue.related(entry);
    html! {
        <Shell site={props.site.clone()} catalogue={props.catalogue.clone()}
            title={AttrValue::from(format!("{} · {HOME_TITLE}", entry.title))}
            description={AttrValue::from(entry.summary.to_string())}
            canonical={AttrValue::from(props.site.url(&file_name(&entry.id)))}
            json_ld={Rc::new(entry_json_ld(&props.site, entry))}
            entry={Some(AttrValue::from(entry.id.to_string()))}
            widget_id={AttrValue::from(format!("errlens-{}", entry.id))}>
            <nav class="hc-crumbs" aria-label="Breadcrumb">
                <ol>
                    <li><a href={INDEX_FILE}>{ HOME_TITLE }</a></li>
                    <li><a href={Links::Files.category(entry.category)}>{ entry.category.label() }</a></li>
                    <li aria-current="page">{ entry.title.to_string() }</li>
                </ol>
            </nav>
            <EntryArticle entry={entry.clone()} related={related} links={Links::Files} level={1} />
        </Shell>
    }
}

/// `sitemap.xml` for the folder: the index, then every entry page.
pub fn sitemap(site: &Site, catalogue: &PageCatalogue) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let urls = std::iter::once(site.url("")).chain(catalogue.entries.iter().map(|e| site.url(&file_name(&e.id))));
    for url in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Opens the live widget on the entry the static page shows. The loader picks
/// a page widget's entry from the `#errlens/<id>` hash, so the page writes its
/// own entry there (replacing the history entry, so Back still leaves the
/// page) before the widget mounts; later widget navigation pushes new hashes,
/// and Back returns here. Runs before the loader, as the first module script.
pub const ENHANCE_JS: &str = "\
// errlens static page: open the live page widget on this page's entry.
const page = document.querySelector(\"err-lens[mode=page][entry]\");
if (page && !location.hash) history.replaceState(history.state, \"\", \"#errlens/\" + page.getAttribute(\"entry\"));
";

/// The stylesheet of the static pages: readable type, the index grid, and
/// print styles that keep only the article.
pub const STYLE_CSS: &str = "\
:root{color-scheme:light dark;--hc-accent:#3346d3;--hc-muted:#5b6170;--hc-line:#d9dce3}
@media (prefers-color-scheme:dark){:root{--hc-accent:#9aa7ff;--hc-muted:#a5abb8;--hc-line:#3a3f4b}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",sans-serif}
a{color:var(--hc-accent)}
err-lens{display:block}
.hc-site,.hc-main,.hc-foot{max-width:52rem;margin:0 auto;padding:0 1rem}
.hc-site{padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--hc-line)}
.hc-home{font-weight:600;text-decoration:none}
.hc-foot{margin-top:3rem;padding-bottom:2rem;color:var(--hc-muted);font-size:.9rem;border-top:1px solid var(--hc-line)}
.hc-title,.hc-entry-title{line-height:1.2;margin:1.2rem 0 .5rem}
.hc-lead,.hc-summary{font-size:1.1rem}
.hc-toc ul{display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;list-style:none}
.hc-section{margin-top:2rem}
.hc-count{margin-left:.5rem;font-size:.8em;color:var(--hc-muted)}
.hc-count::before{content:\"(\"}.hc-count::after{content:\")\"}
.hc-list{list-style:none;padding:0;margin:0}
.hc-item{padding:.5rem 0;border-top:1px solid var(--hc-line)}
.hc-item-title{display:block;font-weight:600}
.hc-item-summary,.hc-empty{color:var(--hc-muted)}
.hc-crumbs ol{display:flex;flex-wrap:wrap;gap:.3rem;padding:0;margin:1rem 0 0;list-style:none;font-size:.9rem}
.hc-crumbs li+li::before{content:\"›\";margin-right:.3rem;color:var(--hc-muted)}
.hc-chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.3rem 0 1rem;font-size:.85rem}
.hc-chip{padding:.1rem .55rem;border:1px solid var(--hc-line);border-radius:999px;color:inherit;text-decoration:none}
.hc-codes code{margin-right:.35rem}
.hc-now{padding:.6rem .8rem;border-left:4px solid var(--hc-accent);background:color-mix(in srgb,var(--hc-accent) 8%,transparent)}
.hc-fixes li{margin:.35rem 0}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace}
@page{margin:1.8cm}
@media print{
  .hc-site,.hc-foot,.hc-crumbs,.hc-toc{display:none}
  body{font:11pt/1.45 Georgia,serif;color:#000;background:#fff}
  a{color:#000}
  .hc-main{max-width:none;padding:0}
  .hc-now{border-left-color:#000;background:none}
  .hc-section,.hc-part{break-inside:avoid}
  .hc-related a::after{content:\" (\" attr(href) \")\";font-size:.85em}
}
";

/// Runs a future to completion on this thread. Server rendering without
/// suspense finishes without waiting on anything, so a parking loop is all
/// the executor it needs (and the crate needs no async runtime for it).
#[cfg(not(target_arch = "wasm32"))]
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn document<C: BaseComponent>(props: C::Properties) -> String {
    let body = block_on(yew::LocalServerRenderer::<C>::with_props(props).hydratable(false).render());
    format!("<!DOCTYPE html>\n{body}\n")
}

/// The index page as a complete HTML document.
#[cfg(not(target_arch = "wasm32"))]
pub fn render_index(site: &Rc<Site>, catalogue: &Rc<PageCatalogue>) -> String {
    document::<IndexPage>(IndexPageProps { site: site.clone(), catalogue: catalogue.clone() })
}

/// The page of entry `id` as a complete HTML document; `None` for an unknown id.
#[cfg(not(target_arch = "wasm32"))]
pub fn render_entry(site: &Rc<Site>, catalogue: &Rc<PageCatalogue>, id: &str) -> Option<String> {
    catalogue.get(id)?;
    Some(document::<EntryPage>(EntryPageProps {
        site: site.clone(),
        catalogue: catalogue.clone(),
        id: AttrValue::from(id.to_string()),
    }))
}
