//! The column names of the dossier frames the pipeline passes between its
//! stages: the validated dossiers, which validation produces and computation
//! reads (contract sections 1–3), and the rejected rows ([`REASON`]).
//!
//! In the validated frame every column is an `i32` but [`DOSSIER_ID`] (text),
//! [`FILE`] and [`LINE`].
//! Days are day numbers (days since 1 January of year 1), months are month
//! indexes ([`crate::Month::index`]), and channels and ratings are small
//! integer codes. Only the pipeline reads frames; the names live here, with
//! the rest of the contract, so that no module spells them twice.

/// The dossier's id as given, trimmed and NFC-normalised: duplicates are found by it.
pub const DOSSIER_ID: &str = "dossier_id";
/// Index of the row's file among the files of its input (every input table has it).
pub const FILE: &str = "__file";
/// 1-based line of the row in its file, the header being line 1 (every input table has it).
pub const LINE: &str = "__line";
/// Index of the dossier's unit, in the order of `units.csv`.
pub const UNIT: &str = "unit";
/// Index of the dossier's procedure, in the order of `procedures.csv`.
pub const PROC: &str = "proc";
/// How the dossier was received (online, direct or postal), as an integer code.
pub const CHANNEL_CODE: &str = "channel_code";
/// The procedure's online level (1–4) on the day the dossier was received.
pub const LEVEL: &str = "level";
/// The day the dossier was received.
pub const RECV_DAY: &str = "recv_day";
/// The month the dossier was received.
pub const RECV_MONTH: &str = "recv_month";
/// The day the dossier is due.
pub const DUE_DAY: &str = "due_day";
/// The month the dossier is due.
pub const DUE_MONTH: &str = "due_month";
/// 1 when due on the last day of its month, else 0: the first month end that
/// finds the dossier overdue is that of month `due_month + due_end`.
pub const DUE_END: &str = "due_end";
/// The day the dossier was resolved; null while it is pending.
pub const RES_DAY: &str = "res_day";
/// The month the dossier was resolved; null while it is pending.
pub const RES_MONTH: &str = "res_month";
/// Whether an apology letter was issued: null (not said), 0 or 1.
pub const APOLOGY: &str = "apology";
/// The citizen's rating as an integer code; null when not rated.
pub const RATING_CODE: &str = "rating_code";
/// Why a dossier row was rejected, its reasons joined by `; ` (the rejected
/// rows kept aside by validation, and the last column of `rejected.csv`).
pub const REASON: &str = "reason";

/// The optional dossier columns of the 766 index, as the input names them
/// (`true`/`false`/empty): the counts of [`crate::index766::IndexCount`]
/// of the same names.
pub const FLAG_INPUTS: [&str; 6] = [
    "result_electronic",
    "digitised",
    "reused_data",
    "citizen_data",
    "synced",
    "paid_online",
];
/// The index flags of a dossier as one bit mask: bit `i` is
/// [`FLAG_INPUTS`]`[i]`, and bit [`FEE_BIT`] the procedure's `fee`. Only
/// in the frame when the input has one of them.
pub const FLAGS: &str = "flags";
/// The bit of [`FLAGS`] that says the dossier's procedure charges a fee.
pub const FEE_BIT: u32 = 6;
