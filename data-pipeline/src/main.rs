//! `data-pipeline`: parses the command line (see `cli::USAGE`), runs the
//! command, prints its report and exits with 0, 1 (input or I/O problem) or
//! 2 (usage).

use data_pipeline::cli::{self, Command};
use data_pipeline::error::Error;
use data_pipeline::{build, sample, units};
use std::io::Write;
use std::process::ExitCode;

/// jemalloc, as polars uses on Linux: polars allocates and frees large
/// buffers all the time; glibc's malloc hands each large one back to the
/// system, so the next one page-faults again (before this change and the
/// leaner validation, system time was half of a 10 M-dossier run's CPU).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: freed pages are kept for reuse
/// until the run ends instead of being handed back after a few seconds (a
/// run is short, and every page handed back page-faults again when the
/// next stage allocates it: this took a third off compute's time at 10 M).
#[used]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 36] = b"dirty_decay_ms:-1,muzzy_decay_ms:-1\0";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(&args).and_then(run) {
        Ok(report) => {
            // A closed pipe (`data-pipeline help | head`) is not an error
            // of the command: the report is simply not read to the end.
            let _ = writeln!(std::io::stdout(), "{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(match e {
                Error::Usage(_) => 2,
                _ => 1,
            })
        }
    }
}

/// Runs one command; the returned text is the report printed on success.
fn run(command: Command) -> Result<String, Error> {
    match command {
        Command::Build {
            input,
            out,
            options,
        } => build::build(&input, &out, &options),
        Command::Validate { input, options } => build::validate_only(&input, &options),
        Command::Sample {
            out,
            seed,
            size: None,
        } => sample::write_sample(&out, seed),
        Command::Sample {
            out,
            seed,
            size: Some(size),
        } => sample::scaled::write_scaled(&out, seed, &size),
        Command::Units {
            out,
            province,
            when,
        } => units::write_units(&out, province.as_deref(), when),
        Command::Help => Ok(cli::USAGE.into()),
    }
}
