//! The command line: every command and flag, parsed into a [`Command`]. All
//! flags are defined here; running a command is `main`'s job (`build` and
//! `validate` are in [`crate::build`], `sample` in [`crate::sample`], `units`
//! in [`crate::units`]).

use crate::build::Options;
use crate::error::Error;
use crate::sample::scaled::{Format, Geography, Layout, Size};
use crate::units::When;
use crate::validate::dates::Latest;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage:
  data-pipeline build    --input DIR [--out DIR] [--quarantine] [--as-of YYYY-MM-DD] [--rules FILE] [--full]
                         read, validate, compute and write the snapshots (default --out public/data);
                         dossier files unchanged since the last build are not read again: their
                         validated rows are kept in DIR.state beside the output (--full reads all);
                         --quarantine sets invalid dossier rows aside in rejected.csv beside the
                         output instead of failing; a dossier received or resolved after today
                         (in Vietnam), or after --as-of, is an error; --rules replaces the bundled
                         scoring rules of the 766 index (a TOML file like rules/index-766.toml)
  data-pipeline validate --input DIR [--as-of YYYY-MM-DD] [--rules FILE]
                         the checks alone, with a summary; exit code 0 when the input is clean
  data-pipeline sample   --out DIR [--seed N]
                         write the demo input: fictional figures on one real province across
                         1 July 2025 (96 Cà Mau, 2024-01 to 2026-10, CSV)
  data-pipeline sample   --out DIR [--seed N] --scale national | SIZE… [--format csv|parquet]
                         write a sized sample for benchmarks; --scale national is the whole
                         country's real units across 1 July 2025, --start 2024-01 --months 34
                         --dossiers 10000000, and any of those flags alone starts from it;
                         --provinces/--districts/--communes N switch to made-up units (from
                         34/0/3321, valid for all time)
  data-pipeline units    --out DIR [--province CODE] [--at YYYY-MM-DD | --history]
                         write Vietnam's real units (lists embedded in the binary) as units.csv:
                         those in force on --at (default today in Vietnam): provinces, districts
                         and communes before 2025-07-01, provinces and communes from it;
                         --history writes every version with valid_from/valid_to and
                         unit_changes.csv (old units -> the new ones that took their territory),
                         and --province then names one of the 34 provinces of 2025-07-01";

/// A command with its flags.
#[derive(Debug)]
pub enum Command {
    /// Read, validate, compute and write the snapshots.
    Build {
        input: PathBuf,
        out: PathBuf,
        options: Options,
    },
    /// The checks alone.
    Validate { input: PathBuf, options: Options },
    /// The demo input (`size` is `None`) or a sized sample.
    Sample {
        out: PathBuf,
        seed: u64,
        size: Option<Size>,
    },
    /// Real unit catalogues, of one province or all.
    Units {
        out: PathBuf,
        province: Option<String>,
        when: When,
    },
    /// The usage text.
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, Error> {
    let (command, flags) = args
        .split_first()
        .ok_or_else(|| Error::Usage(USAGE.into()))?;
    let flags = Flags(flags);
    match command.as_str() {
        "build" => Ok(Command::Build {
            input: flags.required_path(command, "--input")?,
            out: flags
                .path("--out")
                .unwrap_or_else(|| PathBuf::from("public/data")),
            options: Options {
                quarantine: flags.has("--quarantine"),
                as_of: flags.date("--as-of")?,
                rules: flags.path("--rules"),
                full: flags.has("--full"),
            },
        }),
        "validate" => Ok(Command::Validate {
            input: flags.required_path(command, "--input")?,
            options: Options {
                quarantine: false,
                as_of: flags.date("--as-of")?,
                rules: flags.path("--rules"),
                full: true,
            },
        }),
        "sample" => Ok(Command::Sample {
            out: flags.required_path(command, "--out")?,
            seed: flags.seed()?,
            size: sample_size(&flags)?,
        }),
        "units" => Ok(Command::Units {
            out: flags.required_path(command, "--out")?,
            province: flags.value("--province").cloned(),
            when: units_when(&flags)?,
        }),
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => Err(Error::Usage(format!("unknown command {other:?}\n{USAGE}"))),
    }
}

/// The flags of a command: `--name value` pairs and switches.
struct Flags<'a>(&'a [String]);

impl<'a> Flags<'a> {
    /// The value after the flag `name`, if it is given.
    fn value(&self, name: &str) -> Option<&'a String> {
        self.0
            .iter()
            .position(|f| f == name)
            .and_then(|i| self.0.get(i + 1))
    }

    /// Whether the switch `name` is given.
    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|f| f == name)
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        self.value(name).map(PathBuf::from)
    }

    /// A folder `command` cannot do without.
    fn required_path(&self, command: &str, name: &str) -> Result<PathBuf, Error> {
        self.path(name)
            .ok_or_else(|| Error::Usage(format!("{command} needs {name} DIR\n{USAGE}")))
    }

    /// A date in the contract's forms (`--as-of`).
    fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, Error> {
        self.value(name)
            .map(|text| {
                crate::validate::dates::parse_date(text)
                    .map_err(|reason| Error::Usage(format!("{name} {text:?}: {reason}")))
            })
            .transpose()
    }

    /// `--seed`, 2024 when not given.
    fn seed(&self) -> Result<u64, Error> {
        match self.value("--seed") {
            Some(s) => s
                .parse()
                .map_err(|_| Error::Usage(format!("--seed must be a number, not {s:?}"))),
            None => Ok(2024),
        }
    }

    /// A whole number, with `_` allowed between digits (`10_000_000`).
    fn number(&self, name: &str) -> Result<Option<u64>, Error> {
        self.value(name)
            .map(|v| {
                v.replace('_', "")
                    .parse()
                    .map_err(|_| Error::Usage(format!("{name} must be a number, not {v:?}")))
            })
            .transpose()
    }
}

/// `units`: `--history`, or the day of `--at` (today in Vietnam when not
/// given, as a build's latest day is).
fn units_when(flags: &Flags) -> Result<When, Error> {
    match (flags.has("--history"), flags.date("--at")?) {
        (true, Some(_)) => Err(Error::Usage(
            "--at and --history exclude each other: --history writes every version".into(),
        )),
        (true, None) => Ok(When::History),
        (false, at) => Ok(When::On(Latest::new(at).day)),
    }
}

/// The flags that lay out made-up units.
const LAYOUT: [&str; 3] = ["--provinces", "--districts", "--communes"];
/// The flags that size a sample.
const SIZES: [&str; 6] = [
    LAYOUT[0],
    LAYOUT[1],
    LAYOUT[2],
    "--months",
    "--dossiers",
    "--start",
];

/// The size of a `sample`: `None` (the bundled demo sample) unless
/// `--scale` or a size flag is given; size flags override the preset.
fn sample_size(flags: &Flags) -> Result<Option<Size>, Error> {
    let scale = flags.value("--scale");
    if scale.is_none() && SIZES.iter().all(|f| flags.value(f).is_none()) {
        return match flags.value("--format") {
            Some(_) => Err(Error::Usage(
                "--format applies to a sized sample: add --scale national or a size flag".into(),
            )),
            None => Ok(None),
        };
    }
    let mut size = match scale.map(String::as_str) {
        None | Some("national") => Size::national(),
        Some(other) => {
            return Err(Error::Usage(format!(
                "unknown --scale {other:?} (known: national)"
            )))
        }
    };
    sized(&mut size, flags)?;
    Ok(Some(size))
}

/// Applies the size flags and `--format` to the preset `size`; a layout
/// flag makes its units made-up ones.
fn sized(size: &mut Size, flags: &Flags) -> Result<(), Error> {
    if LAYOUT.iter().any(|f| flags.value(f).is_some()) {
        let mut layout = Layout::TWO_TIER;
        let counts = [
            &mut layout.provinces,
            &mut layout.districts,
            &mut layout.communes,
        ];
        for (name, field) in LAYOUT.iter().zip(counts) {
            if let Some(n) = flags.number(name)? {
                *field = n as usize;
            }
        }
        size.geography = Geography::Synthetic(layout);
    }
    if let Some(n) = flags.number("--months")? {
        size.months = n as usize;
    }
    if let Some(n) = flags.number("--dossiers")? {
        size.dossiers = n;
    }
    if let Some(start) = flags.value("--start") {
        size.start = contract::Month::parse(start)
            .ok_or_else(|| Error::Usage(format!("--start must be YYYY-MM, not {start:?}")))?;
    }
    if let Some(format) = flags.value("--format") {
        size.format = Format::parse(format).ok_or_else(|| {
            Error::Usage(format!("--format must be csv or parquet, not {format:?}"))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parsed(line: &str) -> Result<Command, String> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args).map_err(|e| e.to_string())
    }

    #[test]
    fn build_and_validate_take_folders_and_a_switch() {
        let Ok(Command::Build {
            input,
            out,
            options,
        }) = parsed("build --input in --quarantine")
        else {
            panic!("a build");
        };
        assert_eq!((input, out), ("in".into(), "public/data".into()));
        assert!(options.quarantine && options.as_of.is_none());
        let error = parsed("build --out x").unwrap_err();
        assert!(
            error.starts_with("build needs --input DIR\nusage:"),
            "{error}"
        );
        let Ok(Command::Validate { input, options }) =
            parsed("validate --input in --as-of 31/12/2025")
        else {
            panic!("a validate");
        };
        assert_eq!(input, Path::new("in"));
        assert_eq!(options.as_of, chrono::NaiveDate::from_ymd_opt(2025, 12, 31));
        let error = parsed("build --input in --as-of 2025-13-01").unwrap_err();
        assert!(
            error.starts_with("--as-of \"2025-13-01\": not a valid date"),
            "{error}"
        );
        assert_eq!(parsed("").unwrap_err(), USAGE);
        assert!(parsed("make")
            .unwrap_err()
            .starts_with("unknown command \"make\""));
        assert!(matches!(parsed("help"), Ok(Command::Help)));
    }

    #[test]
    fn units_take_a_day_or_the_history() {
        let Ok(Command::Units {
            out,
            province,
            when,
        }) = parsed("units --out u --province 25 --at 01/07/2025")
        else {
            panic!("units");
        };
        assert_eq!((out, province), ("u".into(), Some("25".into())));
        assert_eq!(
            when,
            When::On(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        );
        assert!(matches!(
            parsed("units --out u --history"),
            Ok(Command::Units {
                when: When::History,
                province: None,
                ..
            })
        ));
        let Ok(Command::Units { when, .. }) = parsed("units --out u") else {
            panic!("units");
        };
        assert_eq!(when, When::On(Latest::new(None).day));
        assert_eq!(
            parsed("units --out u --history --at 2025-07-01").unwrap_err(),
            "--at and --history exclude each other: --history writes every version"
        );
        assert!(parsed("units --history")
            .unwrap_err()
            .starts_with("units needs --out DIR"));
    }

    #[test]
    fn size_flags_start_from_the_national_preset() {
        let Ok(Command::Sample {
            seed,
            size: Some(size),
            ..
        }) = parsed("sample --out o --seed 7 --dossiers 1_000 --start 2024-01 --format parquet")
        else {
            panic!("a sized sample");
        };
        assert_eq!(seed, 7);
        assert_eq!(size.dossiers, 1000);
        assert_eq!(size.start, contract::Month::new(2024, 1).unwrap());
        assert_eq!(size.geography, Size::national().geography);
        assert_eq!(size.format, Format::Parquet);
        let Ok(Command::Sample {
            size: Some(size), ..
        }) = parsed("sample --out o --districts 696 --months 12")
        else {
            panic!("a sized sample");
        };
        let layout = Layout {
            districts: 696,
            ..Layout::TWO_TIER
        };
        assert_eq!(size.geography, Geography::Synthetic(layout));
        assert_eq!(size.months, 12);
        assert!(matches!(
            parsed("sample --out o"),
            Ok(Command::Sample {
                seed: 2024,
                size: None,
                ..
            })
        ));
        assert_eq!(
            parsed("sample --out o --format csv").unwrap_err(),
            "--format applies to a sized sample: add --scale national or a size flag"
        );
        assert_eq!(
            parsed("sample --out o --seed x").unwrap_err(),
            "--seed must be a number, not \"x\""
        );
        assert_eq!(
            parsed("sample --out o --scale huge").unwrap_err(),
            "unknown --scale \"huge\" (known: national)"
        );
    }
}
