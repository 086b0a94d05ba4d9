//! The `passforge-service` binary: `serve`, `check-config`, `demo`, `openapi`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use passforge_service::{check_config, config, demo, server, service::Service};

/// The passforge reference password-reset service.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the API on the configured listener.
    #[command(
        after_help = "Example:\n  passforge-service serve --config /etc/passforge/service.toml\n\n\
        Every key can be overridden with PASSFORGE_<SECTION>__<KEY> (lists: PASSFORGE_CLIENTS__0__PERIOD)."
    )]
    Serve {
        /// The configuration file (TOML).
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Checks a configuration: the file, every directory and its policy. Prints every
    /// problem; exit 0 clean, 1 problems, 2 unreadable.
    CheckConfig {
        /// The configuration file (TOML).
        #[arg(long, short)]
        config: PathBuf,
        /// Warnings count as problems too (exit 1).
        #[arg(long)]
        strict: bool,
    },
    /// Starts a demo on embedded defaults: plain HTTP on 127.0.0.1, demo users, SQLite.
    Demo {
        /// The port.
        #[arg(long, short, default_value_t = 8080)]
        port: u16,
        /// Where the state and the demo tokens live.
        #[arg(long, default_value = "./passforge-demo")]
        state_dir: PathBuf,
    },
    /// Prints the OpenAPI document.
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async move {
        match cli.command {
            Command::CheckConfig { config, strict } => {
                ExitCode::from(check_config::run(&config, strict).await as u8)
            }
            Command::Openapi => {
                println!("{}", passforge_service::http::openapi_json());
                ExitCode::SUCCESS
            }
            Command::Serve { config } => {
                passforge_service::init_logging();
                let settings = match config::load(&config) {
                    Ok((settings, problems)) => {
                        for p in problems.all() {
                            eprintln!("{p}");
                        }
                        settings
                    }
                    Err(failure) => {
                        eprint!("{}", failure.problems);
                        return ExitCode::from(2);
                    }
                };
                run(settings, None).await
            }
            Command::Demo { port, state_dir } => {
                passforge_service::init_logging();
                match demo::prepare(&state_dir, port) {
                    Ok((settings, files)) => run(settings, Some(files)).await,
                    Err(problems) => {
                        eprint!("{problems}");
                        ExitCode::from(2)
                    }
                }
            }
        }
    })
}

async fn run(settings: config::Settings, demo_files: Option<demo::DemoFiles>) -> ExitCode {
    let service = match Service::build(settings).await {
        Ok(s) => s,
        Err(problems) => {
            eprint!("{problems}");
            return ExitCode::from(2);
        }
    };
    let tls = service.settings.tls.is_some();
    let result = server::serve(service, move |addr| {
        let url = format!("{}://{addr}", if tls { "https" } else { "http" });
        match &demo_files {
            Some(files) => eprintln!("{}", demo::banner(&url, files)),
            None => tracing::info!(%url, "listening"),
        }
    })
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
