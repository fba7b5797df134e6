//! The only `#[wasm_bindgen]` surface.
