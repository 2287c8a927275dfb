//! A runtime's engine is reached only through [`with_engine`], which keeps a Rust panic from
//! unwinding out of it: the N-API layer turns the [`Failure`] into a JS error. Kept apart from
//! the binding so that `cargo test` (which cannot link N-API) checks it.

use std::cell::RefCell;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::engine::{Engine, EngineError};

/// Why an engine operation was not carried out.
#[derive(Debug)]
pub enum Failure {
    /// The engine refused the operation (an unknown node, a second settle, ...).
    Engine(EngineError),
    /// The operation panicked; the panic stopped here.
    Panicked,
    /// The operation was started while another one on this thread was still running.
    Reentered,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Engine(error) => write!(f, "ferrobird engine: {error}"),
            Failure::Panicked => {
                f.write_str("ferrobird engine panicked; the promise operation was not carried out")
            }
            Failure::Reentered => f.write_str("ferrobird engine re-entered"),
        }
    }
}

/// Runs `op` on the engine in `cell`.
pub fn with_engine<T>(
    cell: &RefCell<Engine>,
    op: impl FnOnce(&mut Engine) -> Result<T, EngineError>,
) -> Result<T, Failure> {
    let outcome = catch_unwind(AssertUnwindSafe(|| match cell.try_borrow_mut() {
        Ok(mut engine) => op(&mut engine).map_err(Failure::Engine),
        Err(_) => Err(Failure::Reentered),
    }));
    outcome.unwrap_or(Err(Failure::Panicked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_an_operation_becomes_a_failure_and_the_engine_stays_usable() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let cell = RefCell::new(Engine::new());
        let outcome: Result<u32, Failure> = with_engine(&cell, |_| panic!("deliberate"));
        std::panic::set_hook(quiet);
        assert!(matches!(outcome, Err(Failure::Panicked)));
        let id = with_engine(&cell, |engine| engine.create()).expect("the engine still works");
        assert!(with_engine(&cell, |engine| engine.discard(id)).is_ok());
    }

    #[test]
    fn an_engine_error_comes_back_named() {
        let cell = RefCell::new(Engine::new());
        let failure = with_engine(&cell, |engine| engine.discard(12345)).expect_err("no such node");
        assert!(
            failure.to_string().starts_with("ferrobird engine:"),
            "{failure}"
        );
    }

    #[test]
    fn an_operation_started_inside_another_is_refused() {
        let cell = RefCell::new(Engine::new());
        let inner = with_engine(&cell, |_| Ok(with_engine(&cell, |engine| engine.create())));
        assert!(matches!(inner, Ok(Err(Failure::Reentered))));
    }
}
