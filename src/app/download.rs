//! Files the page hands to the user, as blob: URLs: nothing goes over a network.

/// A blob: URL for `bytes` of the given MIME type.
pub fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const TEXT_MIME: &str = "text/plain;charset=utf-8";

pub const CSV_MIME: &str = "text/csv;charset=utf-8";
pub const ZIP_MIME: &str = "application/zip";

/// Hands `bytes` to the browser as a download named `name`, built when asked for (an
/// enterprise table can be megabytes).
pub fn save(bytes: &[u8], name: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let Some(url) = blob_url(bytes, mime) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Ok(anchor) = document.create_element("a") {
        let _ = anchor.set_attribute("href", &url);
        let _ = anchor.set_attribute("download", name);
        let _ = anchor.set_attribute("hidden", "");
        // In the document while clicked: a detached anchor's download is ignored by some
        // kernels (an SVG then opened in place of being saved, or nothing happened).
        let body = document.body();
        if let Some(body) = &body {
            let _ = body.append_child(&anchor);
        }
        anchor.unchecked_ref::<web_sys::HtmlElement>().click();
        anchor.remove();
    }
    // The URL is revoked once the browser has surely read it: revoked at once, a large
    // file's or a slow kernel's download fails.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
}
