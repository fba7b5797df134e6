//! The widget's shared engine: the catalogue in force, its search index and
//! the host context. One per page (a thread-local), shared by every mounted
//! widget and by the JS API, so a host extension shows up everywhere at once.
//! It holds no DOM and never panics.

use std::cell::RefCell;
use std::rc::Rc;

use crate::catalogue::{Catalogue, Problem};
use crate::search::Index;
use crate::ticket::Context;

/// The catalogue, its index and the host context. The catalogue and index
/// are shared, not copied, by a change that leaves them alone (`setContext`).
#[derive(Debug)]
pub struct Engine {
    /// The catalogue in force (built-in plus host entries).
    pub catalogue: Rc<Catalogue>,
    /// The index over `catalogue`; rebuilt whenever it changes.
    pub index: Rc<Index>,
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
        let index = Rc::new(Index::build(&catalogue));
        Engine { catalogue: Rc::new(catalogue), index, context: Context::default(), support_email: None, persist: true }
    }
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// The engine, built on first use.
pub fn engine() -> Rc<Engine> {
    ENGINE.with(|slot| slot.borrow_mut().get_or_insert_with(|| Rc::new(Engine::default())).clone())
}

/// Replaces the engine with a changed copy (catalogue extension, context...);
/// the copy shares the catalogue and index until the change replaces them.
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
        let mut catalogue = Catalogue::clone(&engine.catalogue);
        problems = catalogue.extend_from_value(value);
        engine.index = Rc::new(Index::build(&catalogue));
        engine.catalogue = Rc::new(catalogue);
    });
    problems
}
