//! The notice on the page of a unit that a reorganisation changed (the
//! overview and the public page): that units changed, what it was formed
//! from or what took it over (each a link, at a period of its own), and
//! what its figures across the change are.

use crate::history::{changed_units_sentence, combined_note, day_of, refusal, Reach};
use crate::i18n::Lang;
use crate::model::Model;
use crate::state::Ctx;
use contract::{Before, Month, Period};
use leptos::prelude::*;

/// Nothing for a unit valid throughout the data.
#[component]
pub fn UnitHistory() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || ctx.figures.get().ok().and_then(|m| notice(&m))
}

fn notice(m: &Model) -> Option<AnyView> {
    let unit = &m.unit;
    let formed = unit.valid_from.filter(|_| !unit.predecessors.is_empty());
    if formed.is_none() && unit.valid_to.is_none() {
        return None;
    }
    let lang = m.state.lang;
    let formed = formed.map(|from| {
        let day = day_of(from, lang);
        let lead = match lang {
            Lang::Vi => format!("Thành lập ngày {day} từ: "),
            Lang::En => format!("Formed on {day} from: "),
        };
        let links = links(m, &unit.predecessors, |u| u.valid_to);
        let figures = match &unit.before {
            Before::NotComparable { .. } => refusal(&m.base, unit, Reach::NotComparable, lang),
            _ => combined_note(&m.base, unit, lang),
        };
        view! { <p>{lead}{links}". "{figures}</p> }
    });
    let ended = unit.valid_to.map(|_| {
        let said = refusal(&m.base, unit, Reach::Ended, lang);
        let (lead, none) = match lang {
            Lang::Vi => ("Đơn vị kế thừa: ", "Hồ sơ còn tồn được tính ở cấp tỉnh."),
            Lang::En => (
                "Taken over by: ",
                "Its pending dossiers count at the province.",
            ),
        };
        let next = match unit.successors.is_empty() {
            true => none.into_any(),
            false => view! { {lead}{links(m, &unit.successors, |u| u.valid_from)}"." }.into_any(),
        };
        view! { <p>{said}" "{next}</p> }
    });
    let changed = changed_units_sentence(unit, lang);
    Some(view! { <aside class="unit-history" data-testid="unit-history"><p>{changed}</p>{formed}{ended}</aside> }.into_any())
}

/// Links to the units `ids`, each at the month `month_of` gives it (the
/// page keeps the period when the unit has no such month).
fn links(
    m: &Model,
    ids: &[String],
    month_of: impl Fn(&contract::UnitInfo) -> Option<Month>,
) -> Vec<AnyView> {
    let mut out = Vec::new();
    for unit in ids.iter().filter_map(|id| m.base.unit(id)) {
        if !out.is_empty() {
            out.push(", ".into_any());
        }
        let state = m.state.with_unit(&unit.id);
        let state = match month_of(unit) {
            Some(month) => state.with_period(Period::Month(month)),
            None => state,
        };
        out.push(view! { <a href=state.href()>{unit.name.clone()}</a> }.into_any());
    }
    out
}
