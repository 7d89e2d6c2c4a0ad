//! `salesim serve`: the workshop game's server. It holds the authoritative market of every game
//! (`hub.rs`, journalled in SQLite by `store.rs`), serves the page (`web/index.html`, whose
//! `?game` mode is `web/game.js`; the live view's wasm from `--web` when it is built) and talks to
//! browsers and bots over one WebSocket each (`/ws`, the protocol of `protocol.rs`). It binds to
//! 127.0.0.1 unless told otherwise. Each connection is checked message by message: size, rate
//! (a token bucket) and content; a connection that gives wrong codes too often is closed.

mod handle;
mod hub;
mod secrets;
pub mod store;

pub use hub::Hub;

use super::protocol::{self, ClientMsg, ErrorCode, Role, ServerMsg};
use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use handle::{GameHandle, Seat};
use hub::MAX_FAILED_LOGINS;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The page, built into the binary so the server needs no web build for the game.
const INDEX_HTML: &str = include_str!("../../../web/index.html");
const GAME_JS: &str = include_str!("../../../web/game.js");
/// Messages a connection may send at once, and per second after that.
const BURST: f64 = 20.0;
const PER_SECOND: f64 = 10.0;
/// Largest WebSocket frame read at all (larger ones close the connection); messages above
/// `protocol::MAX_MESSAGE_BYTES` up to this get a `too_large` error.
const MAX_FRAME_BYTES: usize = 64 * 1024;
/// How often the round clock looks for due rounds.
const CLOCK: Duration = Duration::from_millis(200);

/// What `salesim serve` was asked.
#[derive(Clone, Debug)]
pub struct Options {
    pub bind: String,
    pub port: u16,
    /// The session store and every game's files.
    pub data: PathBuf,
    /// Where the bundled scenarios are.
    pub scenarios: PathBuf,
    /// The live view's web build (`scripts/build_web.sh`), served if present.
    pub web: PathBuf,
    /// The facilitator key; none: the one stored in `DATA/key`, made on first start.
    pub key: Option<String>,
}

/// The facilitator key: given, or kept in `DATA/key` (readable by its owner only).
fn key(opts: &Options) -> Result<String, String> {
    if let Some(k) = &opts.key {
        return Ok(k.clone());
    }
    let path = opts.data.join("key");
    if let Ok(k) = std::fs::read_to_string(&path) {
        return Ok(k.trim().to_string());
    }
    std::fs::create_dir_all(&opts.data).map_err(|e| format!("{}: {e}", opts.data.display()))?;
    let k = secrets::token();
    crate::output::write_atomically(&path, k.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(k)
}

/// Serve until killed. Errors before serving (a bad store, a port in use) are returned.
pub fn run(opts: Options) -> Result<(), String> {
    let key = key(&opts)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let hub = Arc::new(Hub::open(&opts.data, &opts.scenarios, key.clone())?);
        let listener = tokio::net::TcpListener::bind((opts.bind.as_str(), opts.port))
            .await
            .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let clock = hub.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(CLOCK).await;
                clock.tick().await;
            }
        });
        let app = Router::new()
            .route("/", get(index))
            .route("/game.js", get(game_js))
            .route("/ws", get(upgrade))
            .route("/files/{game}/{file}", get(files))
            .route("/debrief/{game}", get(debrief))
            .route("/{file}", get(web_file))
            .with_state(Served { hub: hub.clone(), web: opts.web.clone() });
        println!("salesim serve: {} game(s) restored from {}", hub.game_count(), opts.data.display());
        println!("listening: http://{addr}/");
        println!("facilitator: http://{addr}/?game&key={key}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    })
}

#[derive(Clone)]
struct Served {
    hub: Arc<Hub>,
    web: PathBuf,
}

async fn index() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML)
}

async fn game_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], GAME_JS)
}

/// The live view's files (the wasm build), if built.
async fn web_file(State(s): State<Served>, UrlPath(file): UrlPath<String>) -> Response {
    let kind = match file.as_str() {
        "salesim-web.js" => "text/javascript",
        "salesim-web_bg.wasm" => "application/wasm",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match std::fs::read(s.web.join(&file)) {
        Ok(bytes) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "the live view is not built: bash scripts/build_web.sh").into_response(),
    }
}

/// A game's files for its facilitator: `scenario.ron`, `session.ron`.
async fn files(
    State(s): State<Served>,
    UrlPath((game, file)): UrlPath<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token = q.get("token").map_or("", String::as_str);
    let Some((scenario, session)) = s.hub.files(&game, token).await else {
        return (StatusCode::NOT_FOUND, "no such game for this token").into_response();
    };
    let body = match file.as_str() {
        "scenario.ron" => scenario,
        "session.ron" => session,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let disposition = format!("attachment; filename=\"{game}-{file}\"");
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)],
        body,
    )
        .into_response()
}

/// The debrief report of a game, for its facilitator.
async fn debrief(
    State(s): State<Served>,
    UrlPath(game): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token = q.get("token").map_or("", String::as_str).to_string();
    let undo = q.get("undo").and_then(|u| u.parse::<usize>().ok());
    let download = q.contains_key("download");
    match s.hub.with_game(&game, &token, |g| super::debrief::report(g, &game, &token, undo)).await {
        Some(html) if download => {
            let disposition = format!("attachment; filename=\"salesim-debrief-{game}.html\"");
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                html,
            )
                .into_response()
        }
        Some(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        None => (StatusCode::NOT_FOUND, "no such game for this token").into_response(),
    }
}

async fn upgrade(ws: WebSocketUpgrade, State(s): State<Served>) -> Response {
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| connection(socket, s.hub))
}

/// A token bucket: [`BURST`] at once, refilled at [`PER_SECOND`].
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * PER_SECOND).min(BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn send(socket: &mut WebSocket, text: &str) -> bool {
    socket.send(Message::Text(text.into())).await.is_ok()
}

async fn reply(socket: &mut WebSocket, msg: &ServerMsg) -> bool {
    send(socket, &msg.to_json()).await
}

/// Wait for the seat's game to change (forever without a seat).
async fn changed(rx: &mut Option<tokio::sync::watch::Receiver<u64>>) {
    let Some(r) = rx else { return std::future::pending().await };
    if r.changed().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// One browser tab or bot: log in, then act for the seat and follow its game's state.
async fn connection(mut socket: WebSocket, hub: Arc<Hub>) {
    let mut seat: Option<(Seat, Arc<GameHandle>)> = None;
    let mut rx = None;
    let mut bucket = Bucket { tokens: BURST, at: Instant::now() };
    let mut failed = 0;
    loop {
        let msg = tokio::select! {
            m = socket.recv() => m,
            () = changed(&mut rx) => {
                if let Some((s, h)) = &seat
                    && !send(&mut socket, &h.state_for(s)).await
                {
                    break;
                }
                continue;
            }
        };
        let text = match msg {
            Some(Ok(Message::Text(t))) => t.to_string(),
            Some(Ok(Message::Binary(_))) => {
                let e = ServerMsg::error(ErrorCode::BadMessage, "messages are JSON text", None);
                if !reply(&mut socket, &e).await {
                    break;
                }
                continue;
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
            Some(Ok(_)) => continue,
        };
        if !bucket.take() {
            let e = ServerMsg::error(ErrorCode::RateLimited, "too many messages: at most 10 a second", None);
            if !reply(&mut socket, &e).await {
                break;
            }
            continue;
        }
        let parsed = match protocol::parse(&text) {
            Ok(m) => m,
            Err(e) => {
                if !reply(&mut socket, &e).await {
                    break;
                }
                continue;
            }
        };
        let ok = match &seat {
            None if matches!(parsed, ClientMsg::Ping {}) => reply(&mut socket, &ServerMsg::Pong).await,
            None => match hub.login(parsed).await {
                Ok(s) => {
                    let Some(handle) = hub.game(&s.game) else { break };
                    let welcome = hub.welcome_for(&s);
                    if let (Role::Team, Some(f)) = (s.role, s.firm) {
                        handle.connection(f, true).await;
                    }
                    rx = Some(handle.changed.subscribe());
                    let state = handle.state_for(&s);
                    seat = Some((s, handle));
                    match welcome {
                        Some(w) => reply(&mut socket, &w).await && send(&mut socket, &state).await,
                        None => false,
                    }
                }
                Err(e) => {
                    failed += 1;
                    reply(&mut socket, &e).await && failed < MAX_FAILED_LOGINS
                }
            },
            Some((s, h)) => {
                let wants_state = matches!(parsed, ClientMsg::State {});
                let answer = hub.act(s, parsed).await;
                let mut ok = true;
                if let Some(a) = answer {
                    ok = reply(&mut socket, &a).await;
                }
                if wants_state {
                    ok = ok && send(&mut socket, &h.state_for(s)).await;
                }
                ok
            }
        };
        if !ok {
            break;
        }
    }
    if let Some((s, h)) = seat
        && let (Role::Team, Some(f)) = (s.role, s.firm)
    {
        h.connection(f, false).await;
    }
}
