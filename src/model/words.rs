//! The words booklet prints by itself, per language: headings, the cover's
//! count, the outline's first entry, badge roles, month names and the form
//! of a date. A layout may still set its own headings (`labels:`).

/// One language's built-in words.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The outline's entry for the cover.
    pub cover: &'static str,
    /// The contents' title.
    pub contents: &'static str,
    /// The schedule's title.
    pub schedule: &'static str,
    /// The heading above an abstract.
    pub abstract_heading: &'static str,
    /// The heading above a biography.
    pub bio_heading: &'static str,
    /// The cover's line under the rule; `{n}` is the number of speakers.
    /// Worded so that no plural agreement is needed.
    pub programme: &'static str,
    /// Badge labels for speaker, keynote, chair, organiser.
    pub roles: [&'static str; 4],
    /// January to December, as written in a date.
    pub months: [&'static str; 12],
    /// A date: `{d}` day, `{m}` month name, `{n}` month number, `{y}` year.
    pub date: &'static str,
    /// The timetables' title.
    pub at_a_glance: &'static str,
    /// Before a session's chairs.
    pub chair: &'static str,
    /// A cross-reference to a person's biography; `{n}` is the page.
    pub see_page: &'static str,
    /// The index of speakers' title.
    pub index: &'static str,
}

/// English, and the words of every language without its own.
pub const EN: Words = Words {
    cover: "Cover",
    contents: "Contents",
    schedule: "Schedule",
    abstract_heading: "Abstract",
    bio_heading: "About the speaker",
    programme: "Programme · {n} speakers",
    roles: ["Speaker", "Keynote", "Chair", "Organiser"],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "At a glance",
    chair: "Chair",
    see_page: "see page {n}",
    index: "Index of speakers",
};

/// German.
pub const DE: Words = Words {
    cover: "Titelseite",
    contents: "Inhalt",
    schedule: "Programm",
    abstract_heading: "Zusammenfassung",
    bio_heading: "Zur Person",
    programme: "Programm · {n} Vortragende",
    roles: ["Vortrag", "Keynote", "Vorsitz", "Organisation"],
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    date: "{d}. {m} {y}",
    at_a_glance: "Auf einen Blick",
    chair: "Vorsitz",
    see_page: "siehe Seite {n}",
    index: "Verzeichnis der Vortragenden",
};

/// French.
pub const FR: Words = Words {
    cover: "Couverture",
    contents: "Sommaire",
    schedule: "Programme",
    abstract_heading: "Résumé",
    bio_heading: "À propos de l’intervenant",
    programme: "Programme · intervenants : {n}",
    roles: [
        "Intervenant",
        "Conférence invitée",
        "Présidence",
        "Organisation",
    ],
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "En un coup d’œil",
    chair: "Présidence",
    see_page: "voir page {n}",
    index: "Index des intervenants",
};

/// Spanish.
pub const ES: Words = Words {
    cover: "Portada",
    contents: "Índice",
    schedule: "Programa",
    abstract_heading: "Resumen",
    bio_heading: "Sobre la persona ponente",
    programme: "Programa · ponentes: {n}",
    roles: [
        "Ponente",
        "Conferencia plenaria",
        "Moderación",
        "Organización",
    ],
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    date: "{d} de {m} de {y}",
    at_a_glance: "De un vistazo",
    chair: "Moderación",
    see_page: "véase la página {n}",
    index: "Índice de ponentes",
};

/// Italian.
pub const IT: Words = Words {
    cover: "Copertina",
    contents: "Indice",
    schedule: "Programma",
    abstract_heading: "Sommario",
    bio_heading: "Chi è",
    programme: "Programma · relatori: {n}",
    roles: ["Relatore", "Keynote", "Moderatore", "Organizzazione"],
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "In sintesi",
    chair: "Moderatore",
    see_page: "vedi pagina {n}",
    index: "Indice dei relatori",
};

/// Dutch.
pub const NL: Words = Words {
    cover: "Omslag",
    contents: "Inhoud",
    schedule: "Programma",
    abstract_heading: "Samenvatting",
    bio_heading: "Over de spreker",
    programme: "Programma · sprekers: {n}",
    roles: ["Spreker", "Keynote", "Voorzitter", "Organisatie"],
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "In één oogopslag",
    chair: "Voorzitter",
    see_page: "zie pagina {n}",
    index: "Register van sprekers",
};

/// Portuguese.
pub const PT: Words = Words {
    cover: "Capa",
    contents: "Índice",
    schedule: "Programa",
    abstract_heading: "Resumo",
    bio_heading: "Sobre o orador",
    programme: "Programa · oradores: {n}",
    roles: ["Orador", "Palestra principal", "Moderação", "Organização"],
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    date: "{d} de {m} de {y}",
    at_a_glance: "Em resumo",
    chair: "Moderação",
    see_page: "ver página {n}",
    index: "Índice de oradores",
};

/// Polish.
pub const PL: Words = Words {
    cover: "Okładka",
    contents: "Spis treści",
    schedule: "Program",
    abstract_heading: "Streszczenie",
    bio_heading: "O prelegencie",
    programme: "Program · prelegenci: {n}",
    roles: [
        "Prelegent",
        "Wykład plenarny",
        "Przewodniczący",
        "Organizator",
    ],
    months: [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "W skrócie",
    chair: "Przewodniczący",
    see_page: "zob. s. {n}",
    index: "Indeks prelegentów",
};

/// Russian.
pub const RU: Words = Words {
    cover: "Обложка",
    contents: "Содержание",
    schedule: "Расписание",
    abstract_heading: "Аннотация",
    bio_heading: "О докладчике",
    programme: "Программа · докладчиков: {n}",
    roles: [
        "Докладчик",
        "Пленарный доклад",
        "Председатель",
        "Организатор",
    ],
    months: [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    date: "{d} {m} {y} г.",
    at_a_glance: "Кратко",
    chair: "Председатель",
    see_page: "см. с. {n}",
    index: "Указатель докладчиков",
};

/// Ukrainian.
pub const UK: Words = Words {
    cover: "Обкладинка",
    contents: "Зміст",
    schedule: "Розклад",
    abstract_heading: "Анотація",
    bio_heading: "Про доповідача",
    programme: "Програма · доповідачів: {n}",
    roles: ["Доповідач", "Пленарна доповідь", "Голова", "Організатор"],
    months: [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    date: "{d} {m} {y} р.",
    at_a_glance: "Коротко",
    chair: "Голова",
    see_page: "див. с. {n}",
    index: "Покажчик доповідачів",
};

/// Greek.
pub const EL: Words = Words {
    cover: "Εξώφυλλο",
    contents: "Περιεχόμενα",
    schedule: "Πρόγραμμα",
    abstract_heading: "Περίληψη",
    bio_heading: "Για τον ομιλητή",
    programme: "Πρόγραμμα · ομιλητές: {n}",
    roles: ["Ομιλητής", "Κεντρική ομιλία", "Πρόεδρος", "Οργάνωση"],
    months: [
        "Ιανουαρίου",
        "Φεβρουαρίου",
        "Μαρτίου",
        "Απριλίου",
        "Μαΐου",
        "Ιουνίου",
        "Ιουλίου",
        "Αυγούστου",
        "Σεπτεμβρίου",
        "Οκτωβρίου",
        "Νοεμβρίου",
        "Δεκεμβρίου",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "Με μια ματιά",
    chair: "Πρόεδρος",
    see_page: "βλ. σελίδα {n}",
    index: "Ευρετήριο ομιλητών",
};

/// Chinese.
pub const ZH: Words = Words {
    cover: "封面",
    contents: "目录",
    schedule: "日程",
    abstract_heading: "摘要",
    bio_heading: "讲者简介",
    programme: "会议手册 · 讲者 {n} 位",
    roles: ["讲者", "主旨演讲", "主持", "组委会"],
    months: [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ],
    date: "{y}年{n}月{d}日",
    at_a_glance: "日程总览",
    chair: "主持",
    see_page: "见第 {n} 页",
    index: "讲者索引",
};

/// Japanese.
pub const JA: Words = Words {
    cover: "表紙",
    contents: "目次",
    schedule: "プログラム",
    abstract_heading: "概要",
    bio_heading: "講演者紹介",
    programme: "プログラム · 講演者 {n} 名",
    roles: ["講演者", "基調講演", "座長", "実行委員"],
    months: [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ],
    date: "{y}年{n}月{d}日",
    at_a_glance: "プログラム一覧",
    chair: "座長",
    see_page: "{n} ページ参照",
    index: "講演者索引",
};

/// Korean.
pub const KO: Words = Words {
    cover: "표지",
    contents: "목차",
    schedule: "일정",
    abstract_heading: "초록",
    bio_heading: "연사 소개",
    programme: "프로그램 · 연사 {n}명",
    roles: ["연사", "기조연설", "좌장", "조직위원회"],
    months: [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ],
    date: "{y}년 {n}월 {d}일",
    at_a_glance: "한눈에 보기",
    chair: "좌장",
    see_page: "{n}쪽 참조",
    index: "연사 색인",
};

/// Arabic.
pub const AR: Words = Words {
    cover: "الغلاف",
    contents: "المحتويات",
    schedule: "الجدول",
    abstract_heading: "الملخص",
    bio_heading: "عن المتحدث",
    programme: "البرنامج · عدد المتحدثين: {n}",
    roles: ["متحدث", "كلمة رئيسية", "رئيس الجلسة", "المنظمون"],
    months: [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "نظرة عامة",
    chair: "رئيس الجلسة",
    see_page: "انظر الصفحة {n}",
    index: "فهرس المتحدثين",
};

/// Hebrew.
pub const HE: Words = Words {
    cover: "כריכה",
    contents: "תוכן העניינים",
    schedule: "לוח זמנים",
    abstract_heading: "תקציר",
    bio_heading: "על הדובר",
    programme: "תוכנית · מספר דוברים: {n}",
    roles: ["דובר", "הרצאה מרכזית", "יושב ראש", "מארגנים"],
    months: [
        "בינואר",
        "בפברואר",
        "במרץ",
        "באפריל",
        "במאי",
        "ביוני",
        "ביולי",
        "באוגוסט",
        "בספטמבר",
        "באוקטובר",
        "בנובמבר",
        "בדצמבר",
    ],
    date: "{d} {m} {y}",
    at_a_glance: "במבט חטוף",
    chair: "יושב ראש",
    see_page: "ראו עמוד {n}",
    index: "מפתח הדוברים",
};

impl Words {
    /// A date in this language's form.
    pub fn date(&self, year: u16, month: u8, day: u8) -> String {
        let m = usize::from(month.clamp(1, 12)) - 1;
        self.date
            .replace("{d}", &day.to_string())
            .replace("{m}", self.months[m])
            .replace("{n}", &month.to_string())
            .replace("{y}", &year.to_string())
    }

    /// A cross-reference to page `page`.
    pub fn see(&self, page: usize) -> String {
        self.see_page.replace("{n}", &page.to_string())
    }

    /// The cover's count of speakers.
    pub fn programme(&self, speakers: usize) -> String {
        self.programme.replace("{n}", &speakers.to_string())
    }
}
