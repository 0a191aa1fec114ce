//! `warta serve`: the JSON API and the web interface over the store.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::{data_dir, exit};

#[derive(Args)]
pub struct ServeArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Address and port to listen on; 0.0.0.0 (or [::]) to serve other machines.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Requests each client address may make per second, in bursts of three seconds'
    /// worth; more get 429. 0: no limit (a load test, or a proxy in front that limits).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub rate: u32,
    /// Searches and other store questions answered at once, each on a store handle of
    /// its own [default: two per core, so that a core never idles while one request
    /// hands over to the next].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub readers: Option<u16>,
}

pub fn run(args: ServeArgs) -> Result<u8> {
    let data = data_dir(args.data);
    let mut config = warta_serve::Config::new(data.clone(), args.addr);
    config.rate = (args.rate > 0).then(|| warta_serve::Rate::per_second(args.rate));
    if let Some(readers) = args.readers {
        config.readers = usize::from(readers);
    }
    warta_serve::serve(config, |addr| {
        eprintln!(
            "warta serve: the store in {} at http://{addr}/ (API: /api/…, description: /openapi.json); Ctrl-C stops",
            warta_store::shown(&data)
        );
    })?;
    Ok(exit::OK)
}
