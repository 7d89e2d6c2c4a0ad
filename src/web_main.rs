//! `salesim-web`: the live workshop view in a web browser. Built for `wasm32-unknown-unknown` by
//! `scripts/build_web.sh` into `web/dist`; the page (`web/index.html`) starts it in its canvas.

fn main() {
    #[cfg(target_arch = "wasm32")]
    salesim::live::web::run();
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("salesim-web is the browser build of the live view: build it with scripts/build_web.sh");
        std::process::exit(2);
    }
}
