//! Browser entry point. In the page: install the panic panel and mount the app. In the
//! Web Worker the page starts (the same wasm): serve load requests instead.

fn main() {
    if industry_monitor::app::worker::in_worker() {
        industry_monitor::app::worker::serve();
        return;
    }
    industry_monitor::app::install_panic_panel();
    leptos::mount::mount_to_body(industry_monitor::app::App);
}
