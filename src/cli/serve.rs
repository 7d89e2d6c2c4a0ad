//! `salesim serve` (the workshop game's server) and `salesim bot` (a team played by a bot).

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on. The default serves this machine only; `--bind 0.0.0.0` opens the
    /// game to the room's network (teams' phones and laptops).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Port (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Folder of the session store (game.sqlite), the facilitator key and each game's scenario
    /// and session files. A restarted server resumes every game in it.
    #[arg(long, default_value = "games")]
    pub data: PathBuf,
    /// Folder of the scenarios a facilitator can start a game on (those with `firms`).
    #[arg(long, default_value = "scenarios")]
    pub scenarios: PathBuf,
    /// The live view's web build (`bash scripts/build_web.sh`), served at / without `?game`.
    #[arg(long, default_value = "web/dist")]
    pub web: PathBuf,
    /// The facilitator key (default: the one kept in DATA/key, made on first start). Whoever has
    /// it can create games; it is printed in the facilitator's link.
    #[arg(long)]
    pub key: Option<String>,
}

#[derive(Args, Debug)]
pub struct BotArgs {
    /// The server, e.g. http://127.0.0.1:8080 (or its ws:// address).
    #[arg(long)]
    pub server: String,
    /// The firm's join code (from the facilitator's console).
    #[arg(long)]
    pub code: String,
    /// The team name it plays under.
    #[arg(long, default_value = "Bot")]
    pub name: String,
    /// Give up after this many seconds if the game has not ended.
    #[arg(long, default_value_t = 7200)]
    pub max_secs: u64,
}

pub fn serve(args: ServeArgs) -> i32 {
    let opts = crate::game::server::Options {
        bind: args.bind,
        port: args.port,
        data: args.data,
        scenarios: args.scenarios,
        web: args.web,
        key: args.key,
    };
    match crate::game::server::run(opts) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            super::EXIT_INVALID
        }
    }
}

pub fn bot(args: BotArgs) -> i32 {
    crate::game::bot::run(&args.server, &args.code, &args.name, args.max_secs)
}
