//! `warta serve`: the JSON API and the web interface over the store.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::{data_dir, exit};

#[derive(Args)]
pub struct ServeArgs {
    /// Store folder [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Address and port to listen on; 0.0.0.0 (or [::]) to serve other machines.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

pub fn run(args: ServeArgs) -> Result<u8> {
    let data = data_dir(args.data);
    let config = warta_serve::Config::new(data.clone(), args.addr);
    warta_serve::serve(config, |addr| {
        eprintln!(
            "warta serve: the store in {} at http://{addr}/ (API: /api/…, description: /openapi.json); Ctrl-C stops",
            data.display()
        );
    })?;
    Ok(exit::OK)
}
