//! The briefing's fixed strings in both languages (the rest of the app's
//! are in `i18n::Text`): kept with the page, which only the second build
//! of the app compiles.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    ServicesShort,
    Briefing,
    SlideNumber,
    PreviousSlide,
    NextSlide,
    FullScreen,
    PresenterNotes,
    ExitBriefing,
    SaveSlide,
    BriefingKeys,
    MissedTitle,
    SampleShort,
}

impl Words {
    pub fn get(self, lang: Lang) -> &'static str {
        use Words::*;
        let (vi, en) = match self {
            ServicesShort => ("DVC trực tuyến được dùng", "Online services used"),
            Briefing => (
                "Trình chiếu — Ban chỉ đạo CCHC",
                "Briefing — PAR steering committee",
            ),
            SlideNumber => ("Trang chiếu", "Slide"),
            PreviousSlide => ("Trang trước", "Previous slide"),
            NextSlide => ("Trang sau", "Next slide"),
            FullScreen => ("Toàn màn hình (F)", "Full screen (F)"),
            PresenterNotes => ("Ghi chú (N)", "Notes (N)"),
            ExitBriefing => ("Thoát", "Exit"),
            SaveSlide => ("Lưu trang chiếu (PNG)", "Save the slide (PNG)"),
            BriefingKeys => (
                "Phím: → ← PageUp PageDown, Home End, số + Enter, F toàn màn hình, N ghi chú",
                "Keys: → ← PageUp PageDown, Home End, number + Enter, F full screen, N notes",
            ),
            MissedTitle => ("Đơn vị chưa đạt chỉ tiêu", "Units that missed a target"),
            SampleShort => ("Dữ liệu mẫu (hư cấu)", "Sample (fictional) data"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
