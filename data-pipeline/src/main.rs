//! `data-pipeline`: see `cli::USAGE`.

use data_pipeline::cli;
use data_pipeline::error::Error;
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
    match cli::run(&args) {
        Ok(report) => {
            println!("{report}");
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
