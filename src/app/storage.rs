//! Small values kept in localStorage: whether the demo was seen, the user's column
//! mapping corrections. Browsers may refuse storage (file:// in some, private mode);
//! then nothing is remembered and nothing fails.

use leptos::prelude::window;
use serde::{de::DeserializeOwned, Serialize};

pub fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// A JSON value, or `None` when absent or written by an incompatible version.
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&get(key)?).ok()
}

pub fn set_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        set(key, &text);
    }
}

/// Removes every key this app wrote (all start with "industry-monitor."), leaving other
/// pages' keys alone: on file:// all local pages share one storage.
pub fn remove_ours() {
    let Some(s) = local() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("industry-monitor."))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}
