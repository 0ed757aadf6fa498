//! What the user sees if the app itself fails: a panel in plain DOM (the reactive runtime
//! may be gone) that says what happened in Chinese and reloads the page, after which the
//! session comes back from the browser's storage.

use wasm_bindgen::prelude::*;

/// Installs the hook: the browser console still gets the Rust message, the page gets
/// the panel.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    expose_self_test();
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("panic-panel").is_some() {
        return;
    }
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("panic-panel");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "panic-panel");
    let _ = panel.set_attribute("class", "panic-panel");
    let heading = document.create_element("h2").ok();
    let text = document.create_element("p").ok();
    let code = document.create_element("pre").ok();
    let button = document.create_element("button").ok();
    if let Some(h) = &heading {
        h.set_text_content(Some("页面出现内部错误，已停止运行"));
    }
    if let Some(p) = &text {
        p.set_text_content(Some(
            "已载入的数据表、字段对应和目标已保存在本机浏览器中。请点击下方按钮重新载入页面，数据会自动恢复。若问题反复出现，请把下面的错误信息和出错的文件名告诉维护人员。",
        ));
    }
    if let Some(c) = &code {
        c.set_text_content(Some(detail));
    }
    if let Some(b) = &button {
        b.set_text_content(Some("重新载入页面"));
        let _ = b.set_attribute("class", "primary");
        let _ = b.set_attribute("data-testid", "panic-reload");
        // Plain JS: after a panic the wasm instance must not be called into again.
        let _ = b.set_attribute("onclick", "location.reload()");
    }
    for child in [heading, text, code, button].into_iter().flatten() {
        let _ = panel.append_child(&child);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&panel);
    }
}

/// `industryMonitorSelfTest.panic()` from the console (or a test) panics inside the
/// wasm, to check that the panel appears and the session survives the reload.
fn expose_self_test() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let object = js_sys::Object::new();
    let panic = Closure::<dyn Fn()>::new(|| panic!("自检：人为触发的内部错误 (self-test panic)"));
    let _ = js_sys::Reflect::set(&object, &"panic".into(), panic.as_ref());
    panic.forget();
    // The page's wasm memory in bytes (for the benchmark's memory report).
    let memory = Closure::<dyn Fn() -> f64>::new(super::bench::wasm_memory_bytes);
    let _ = js_sys::Reflect::set(&object, &"memory".into(), memory.as_ref());
    memory.forget();
    let _ = js_sys::Reflect::set(&window, &"industryMonitorSelfTest".into(), &object);
}
