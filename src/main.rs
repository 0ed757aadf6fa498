//! Browser entry point: install the panic panel and mount the app. Nothing else lives here.

fn main() {
    industry_monitor::app::install_panic_panel();
    leptos::mount::mount_to_body(industry_monitor::app::App);
}
