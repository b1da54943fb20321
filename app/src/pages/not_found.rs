//! The page for any path the app does not know: the header and a link
//! back to the overview.

use crate::i18n::Text;
use crate::parts::layout::Header;
use crate::state::Ctx;
use leptos::prelude::*;

/// Any path other than `/`, `/unit/:code`, `/public` and `/briefing`.
#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang();
    view! {
        <Header/>
        <main id="main" class="page">
            <div class="error" role="alert" data-testid="error">
                <p>{Text::NotFound.get(lang)}</p>
                <p><a href="./">{Text::BackHome.get(lang)}</a></p>
            </div>
        </main>
    }
}
