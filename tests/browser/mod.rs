//! Headless Chromium driven over the DevTools protocol, shared by the tests that open pages in a
//! real browser (`tests/web_view.rs`: the live view; `tests/game_browser.rs`: the workshop game).
//! [`Browser::launch`] gives one page connected directly to its target, as a single-page test
//! needs; [`Chromium::page_in_new_context`] gives pages that each live in their own browser
//! context (their own cookies and session storage, like separate people's browsers), all spoken
//! to over the browser's one DevTools socket with flattened sessions. Chromium and its profile
//! directory are removed when dropped, whatever failed.
#![allow(dead_code)] // each test uses part of the driver

use serde_json::{Value, json};
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// A port free on 127.0.0.1 now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port()
}

/// A child process killed when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A directory under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!("salesim-web-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        TempDir(d)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A plain HTTP GET (the DevTools target list).
pub fn http_get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("DevTools HTTP");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()
}

/// One DevTools websocket: its message ids and the events pages asked to keep.
struct Socket {
    ws: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    /// (session, method) of the events to keep; the others are skipped.
    wanted: Vec<(Option<String>, String)>,
    kept: Vec<(Option<String>, Value)>,
}

impl Socket {
    fn connect(port: u16, url: &str) -> Socket {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let (ws, _) = tungstenite::client(url, stream).expect("DevTools websocket");
        Socket { ws, next_id: 0, wanted: Vec::new(), kept: Vec::new() }
    }

    /// Call `method` (in `session`, or on the socket's own target) and return its result; events
    /// read meanwhile are kept if wanted.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(tungstenite::Message::text(msg.to_string())).expect("send");
        loop {
            let reply = self.ws.read().expect("DevTools reply");
            let Ok(text) = reply.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
            if let Some(m) = v["method"].as_str() {
                let from = v["sessionId"].as_str().map(str::to_string);
                if self.wanted.iter().any(|(s, w)| *s == from && w == m) {
                    self.kept.push((from, v));
                }
            }
        }
    }
}

/// Headless Chromium (software WebGL through SwiftShader), killed when dropped.
pub struct Chromium {
    /// The browser target's socket, for contexts and their pages.
    socket: Rc<RefCell<Socket>>,
    port: u16,
    _child: Killed,
    _profile: TempDir,
}

impl Chromium {
    pub fn launch() -> Chromium {
        let profile = TempDir::new("profile");
        // Owned (and so killed) from the start, whatever fails below.
        let mut child = Killed(
            Command::new("chromium")
                .args([
                    "--headless=new",
                    "--no-sandbox",
                    "--use-angle=swiftshader",
                    "--enable-unsafe-swiftshader",
                    "--ignore-gpu-blocklist",
                    "--no-first-run",
                    "--remote-debugging-port=0",
                    "--window-size=1600,900",
                ])
                .arg(format!("--user-data-dir={}", profile.0.display()))
                .arg("about:blank")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("chromium not found: run scripts/setup_tests.sh (installs Debian's chromium)"),
        );
        let stderr = BufReader::new(child.0.stderr.take().unwrap());
        let mut endpoint = None;
        for line in stderr.lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("DevTools listening on ") {
                endpoint = Some(url.trim().to_string());
                break;
            }
        }
        let endpoint = endpoint.expect("Chromium printed no DevTools address");
        let port = endpoint
            .strip_prefix("ws://127.0.0.1:")
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse::<u16>().ok())
            .expect("a DevTools port");
        let socket = Rc::new(RefCell::new(Socket::connect(port, &endpoint)));
        Chromium { socket, port, _child: child, _profile: profile }
    }

    /// The page Chromium opened at start, on a socket of its own.
    pub fn first_page(&self) -> Page {
        // The page target shows in the list once the browser has opened it.
        let deadline = Instant::now() + Duration::from_secs(30);
        let page = loop {
            let targets: Value = serde_json::from_str(&http_get(self.port, "/json/list")).unwrap_or(Value::Null);
            let page = targets
                .as_array()
                .and_then(|t| t.iter().find(|t| t["type"] == "page"))
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
                .map(str::to_string);
            if let Some(p) = page {
                break p;
            }
            assert!(Instant::now() < deadline, "Chromium listed no page target");
            std::thread::sleep(Duration::from_millis(200));
        };
        Page { socket: Rc::new(RefCell::new(Socket::connect(self.port, &page))), session: None }
    }

    /// A new blank page in a browser context of its own (`Target.createBrowserContext`).
    pub fn page_in_new_context(&self) -> Page {
        let mut s = self.socket.borrow_mut();
        let context = s.call(None, "Target.createBrowserContext", json!({ "disposeOnDetach": true }));
        let context = context["browserContextId"].as_str().expect("a browser context").to_string();
        let target = s.call(None, "Target.createTarget", json!({ "url": "about:blank", "browserContextId": context }));
        let target = target["targetId"].as_str().expect("a target").to_string();
        let attached = s.call(None, "Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        let session = attached["sessionId"].as_str().expect("a session").to_string();
        drop(s);
        Page { socket: self.socket.clone(), session: Some(session) }
    }
}

impl Drop for Chromium {
    /// Close the browser as a person would (`Browser.close`), so that it takes its helper
    /// processes with it and stops writing to its profile; then the child is killed (if it is
    /// still there) and the profile removed.
    fn drop(&mut self) {
        if let Ok(mut s) = self.socket.try_borrow_mut() {
            s.next_id += 1;
            let close = json!({ "id": s.next_id, "method": "Browser.close" }).to_string();
            let _ = s.ws.send(tungstenite::Message::text(close));
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && matches!(self._child.0.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// One page (tab) of the browser.
pub struct Page {
    socket: Rc<RefCell<Socket>>,
    session: Option<String>,
}

impl Page {
    /// Call a DevTools method on this page and return its result (events in between are skipped
    /// unless [`Page::keep`] asked for them).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.socket.borrow_mut().call(self.session.as_deref(), method, params)
    }

    /// Evaluate a JavaScript expression in the page; its value (null if it threw).
    pub fn eval(&mut self, expr: &str) -> Value {
        let r =
            self.call("Runtime.evaluate", json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }));
        r["result"]["value"].clone()
    }

    /// Save a PNG of what the page shows now (the whole page, `full`) at `path`.
    pub fn screenshot(&mut self, path: &std::path::Path, full: bool) {
        use base64::Engine;
        let r = self.call("Page.captureScreenshot", json!({ "format": "png", "captureBeyondViewport": full }));
        let data = r["data"].as_str().unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD.decode(data).expect("a base64 screenshot");
        std::fs::write(path, bytes).expect("the screenshot is written");
    }

    /// Set the page's viewport (CSS pixels, one device pixel each).
    pub fn viewport(&mut self, w: u32, h: u32) {
        let p = json!({ "width": w, "height": h, "deviceScaleFactor": 1, "mobile": false });
        self.call("Emulation.setDeviceMetricsOverride", p);
    }

    /// Keep this page's events named `method` from now on (read them with [`Page::events`]).
    pub fn keep(&mut self, method: &str) {
        self.socket.borrow_mut().wanted.push((self.session.clone(), method.to_string()));
    }

    /// The kept events of this page named `method` so far (their `params`), taken out.
    pub fn events(&mut self, method: &str) -> Vec<Value> {
        self.call("Runtime.evaluate", json!({ "expression": "0" })); // reads what has arrived
        let mut s = self.socket.borrow_mut();
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut s.kept)
            .into_iter()
            .partition(|(from, v)| *from == self.session && v["method"] == method);
        s.kept = rest;
        mine.into_iter().map(|(_, v)| v["params"].clone()).collect()
    }

    /// Go to `url` (again, if the page is there: a reload) and wait until the new document has
    /// loaded.
    pub fn navigate(&mut self, url: &str) {
        self.eval("window.__leaving = true");
        self.call("Page.navigate", json!({ "url": url }));
        let loaded = "!window.__leaving && document.readyState === 'complete' && location.href !== 'about:blank'";
        self.wait_until(&format!("{url} to load"), 30, loaded);
    }

    /// Poll `expr` until it is truthy (not false, null, 0 or ""); its value then.
    pub fn wait_until(&mut self, what: &str, timeout_s: u64, expr: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(timeout_s);
        loop {
            let v = self.eval(expr);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what} (`{expr}` is {v})");
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// The centre of the element `selector` in viewport pixels, scrolled into view first.
    pub fn centre(&mut self, selector: &str) -> (f64, f64) {
        let js = format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, r.width * r.height]; }})()",
            sel = json!(selector)
        );
        let v = self.eval(&js);
        let at = v.as_array().unwrap_or_else(|| panic!("no element {selector} on the page"));
        assert!(at[2].as_f64().unwrap_or(0.0) > 0.0, "{selector} is not visible");
        (at[0].as_f64().unwrap(), at[1].as_f64().unwrap())
    }

    /// Click the element `selector` with the mouse, as a person would (move, press, release).
    pub fn click(&mut self, selector: &str) {
        let (x, y) = self.centre(selector);
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            let p = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
            self.call("Input.dispatchMouseEvent", p);
        }
    }

    /// Press one key (`key` as KeyboardEvent.key, `code`, Windows virtual key code).
    pub fn key(&mut self, key: &str, code: &str, vk: u32) {
        for kind in ["rawKeyDown", "keyUp"] {
            let p = json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk });
            self.call("Input.dispatchKeyEvent", p);
        }
    }

    /// Replace the text of the input `selector` by typing: click it, select all, type `text`.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        self.click(selector);
        let select_all = json!({ "type": "rawKeyDown", "key": "a", "code": "KeyA", "windowsVirtualKeyCode": 65,
                                 "modifiers": 2, "commands": ["selectAll"] });
        self.call("Input.dispatchKeyEvent", select_all);
        self.call("Input.dispatchKeyEvent", json!({ "type": "keyUp", "key": "a", "code": "KeyA", "modifiers": 2 }));
        self.call("Input.insertText", json!({ "text": text }));
        let got = self.eval(&format!("document.querySelector({}).value", json!(selector)));
        assert_eq!(got.as_str(), Some(text), "typing into {selector}");
    }

    /// Choose the option `value` of the select `selector` with the keyboard: focus it (Tab from
    /// the control before it would do the same) and press the arrow keys.
    pub fn choose(&mut self, selector: &str, value: &str) {
        let js = format!(
            "(() => {{ const e = document.querySelector({sel}); e.scrollIntoView({{block: 'center'}}); e.focus(); \
             const want = [...e.options].findIndex(o => o.value === {val}); return [e.selectedIndex, want]; }})()",
            sel = json!(selector),
            val = json!(value)
        );
        let v = self.eval(&js);
        let (now, want) = (v[0].as_i64().unwrap(), v[1].as_i64().unwrap());
        assert!(want >= 0, "{selector} has no option {value}");
        let (key, code, vk) = if want > now { ("ArrowDown", "ArrowDown", 40) } else { ("ArrowUp", "ArrowUp", 38) };
        for _ in 0..(want - now).abs() {
            self.key(key, code, vk);
        }
        let got = self.eval(&format!("document.querySelector({}).value", json!(selector)));
        assert_eq!(got.as_str(), Some(value), "choosing in {selector}");
    }
}

/// Chromium with its first page, for tests that need one page: derefs to that [`Page`].
pub struct Browser {
    page: Page,
    _chromium: Chromium,
}

impl Browser {
    pub fn launch() -> Browser {
        let chromium = Chromium::launch();
        Browser { page: chromium.first_page(), _chromium: chromium }
    }
}

impl std::ops::Deref for Browser {
    type Target = Page;
    fn deref(&self) -> &Page {
        &self.page
    }
}

impl std::ops::DerefMut for Browser {
    fn deref_mut(&mut self) -> &mut Page {
        &mut self.page
    }
}
