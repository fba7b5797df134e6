//! The widget's shared engine: the catalogue in force, its search index and
//! the host context. One per page (a thread-local), shared by every mounted
//! widget and by the JS API, so a host extension shows up everywhere at once.
//! It holds no DOM and never panics.

use std::cell::RefCell;
use std::rc::Rc;

use crate::catalogue::{Catalogue, Problem};
use crate::search::Index;
use crate::ticket::Context;

/// The catalogue, its index and the host context.
#[derive(Debug)]
pub struct Engine {
    /// The catalogue in force (built-in plus host entries).
    pub catalogue: Catalogue,
    /// The index over `catalogue`; rebuilt whenever it changes.
    pub index: Index,
    /// What the host told us about where the user is.
    pub context: Context,
    /// E-mail address for "open as e-mail" on tickets.
    pub support_email: Option<String>,
    /// False when the host turned draft persistence off.
    pub persist: bool,
}

impl Default for Engine {
    fn default() -> Self {
        let catalogue = Catalogue::builtin();
        let index = Index::build(&catalogue);
        Engine { catalogue, index, context: Context::default(), support_email: None, persist: true }
    }
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// The engine, built on first use.
pub fn engine() -> Rc<Engine> {
    ENGINE.with(|slot| slot.borrow_mut().get_or_insert_with(|| Rc::new(Engine::default())).clone())
}

/// Replaces the engine with a changed copy (catalogue extension, context...).
pub fn update(change: impl FnOnce(&mut Engine)) -> Rc<Engine> {
    let current = engine();
    let mut next = Engine {
        catalogue: current.catalogue.clone(),
        index: current.index.clone(),
        context: current.context.clone(),
        support_email: current.support_email.clone(),
        persist: current.persist,
    };
    change(&mut next);
    let next = Rc::new(next);
    ENGINE.with(|slot| *slot.borrow_mut() = Some(next.clone()));
    next
}

/// Adds or overrides host entries from JSON; returns the entries that were rejected.
pub fn extend_catalogue(value: serde_json::Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    update(|engine| {
        problems = engine.catalogue.extend_from_value(value);
        engine.index = Index::build(&engine.catalogue);
    });
    problems
}
