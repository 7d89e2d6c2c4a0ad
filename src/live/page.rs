//! The page's files in the browser build: scenario files the facilitator opens from the computer
//! (kept by name until loaded) and downloads. Below the view's state, so that reading and saving
//! files (`files.rs`) needs nothing above it.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by the page: offers `bytes` as a download named `name`.
    #[wasm_bindgen(js_name = salesimDownload)]
    fn salesim_download(name: &str, bytes: &[u8]);
    /// Defined by the page: opens its file picker; the file comes back through `openScenario`.
    #[wasm_bindgen(js_name = salesimPickFile)]
    pub fn pick_file();
}

thread_local! {
    /// Files opened in the page, by name (a browser has one thread: no locking needed).
    static OPENED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// Opened files not loaded yet.
    static PENDING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Offer `bytes` as a download.
pub fn download(name: &str, bytes: &[u8]) {
    salesim_download(name, bytes);
}

/// The text of a file opened in the page.
pub fn opened_file(name: &str) -> Option<String> {
    OPENED.with(|o| o.borrow().iter().rev().find(|(n, _)| n == name).map(|(_, t)| t.clone()))
}

/// The names of the files opened since the last call, to load.
pub fn take_opened() -> Vec<String> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Called by the page with a scenario file the facilitator picked: loaded as world A next frame.
/// Refused (with the reason) above the size any scenario file may have.
#[wasm_bindgen(js_name = openScenario)]
pub fn open_scenario(name: String, text: String) -> Result<(), JsValue> {
    let limit = crate::scenario::load::MAX_FILE_BYTES;
    if text.len() as u64 > limit {
        return Err(JsValue::from_str(&format!(
            "{name}: file is {} bytes; input files are at most {limit}",
            text.len()
        )));
    }
    OPENED.with(|o| o.borrow_mut().push((name.clone(), text)));
    PENDING.with(|p| p.borrow_mut().push(name));
    Ok(())
}
