//! A generator of realistic large datasets in the v2 format, shared by the
//! benchmarks and `examples/synth.rs`: dates from 1950 to 2025 at every
//! precision, periods, records placed by their source's "at present"
//! (approximate) and many undated ones (about 86%, as in the notes people
//! load), every category and record kind, every qualifier (ranges and vague
//! amounts included), long English and Korean text with quotes to escape,
//! and hundreds of sources, indicators and entities. Deterministic: the same
//! seed gives the same bytes. Every file it makes passes `nkict validate`.

use nkict::data::text::StaticText;
use nkict::data::{
    AsOf, Category, Dataset, Entity, EntityKind, Indicator, InfoAsOf, Metadata, PartialDate, Period, Qualifier, Record,
    RecordKind, SCHEMA_VERSION, Source, SourceKind, Status,
};

/// xorshift64*, seeded through splitmix64 so that any seed (0 too) works.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self((z ^ (z >> 31)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "network",
    "telephone",
    "lines",
    "computer",
    "software",
    "centre",
    "university",
    "students",
    "programmers",
    "exchange",
    "cable",
    "optical",
    "province",
    "government",
    "trade",
    "export",
    "mobile",
    "subscribers",
    "intranet",
    "research",
    "institute",
    "factory",
    "plan",
    "economic",
    "ministry",
    "engineers",
    "training",
    "joint",
    "venture",
    "satellite",
    "digital",
    "switching",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "was",
    "were",
    "by",
    "with",
    "for",
    "from",
    "which",
    "its",
    "said",
    "about",
    "more",
    "than",
    "Pyongyang",
    "Koryolink",
    "Kwangmyong",
    "Sinuiju",
    "Chinese",
    "Egyptian",
    "operators",
    "handsets",
    "base",
    "stations",
    "coverage",
    "bandwidth",
    "fibre",
    "link",
    "service",
    "users",
    "access",
    "restricted",
    "state",
    "officials",
    "reported",
    "estimated",
    "according",
    "sources",
    "defectors",
    "markets",
    "smuggled",
    "phones",
    "border",
];

/// Korean words for titles and quotes: text that is not ASCII, and wide on screen.
const KOREAN: &[&str] = &[
    "고려링크",
    "광명",
    "평양",
    "신의주",
    "조선콤퓨터센터",
    "손전화",
    "통신",
    "망",
    "이동통신",
    "가입자",
    "정보기술",
    "김책공업종합대학",
    "붉은별",
    "인트라넷",
    "광케이블",
];

/// Entities with their real names, Korean names and aliases; more are made up.
type KnownEntity = (
    &'static str,
    &'static str,
    EntityKind,
    Option<&'static str>,
    &'static [&'static str],
);

const KNOWN_ENTITIES: &[KnownEntity] = &[
    ("dprk", "North Korea", EntityKind::Country, Some("조선"), &["DPRK"]),
    ("sinuiju", "Sinuiju", EntityKind::Place, Some("신의주"), &["Shinuiju"]),
    ("koryolink", "Koryolink", EntityKind::Network, Some("고려링크"), &[]),
    (
        "pyongyang",
        "Pyongyang",
        EntityKind::Place,
        Some("평양"),
        &["P'yŏngyang"],
    ),
    (
        "kcc",
        "Korea Computer Center",
        EntityKind::Organization,
        Some("조선콤퓨터센터"),
        &["KCC"],
    ),
    (
        "kim-chaek",
        "Kim Chaek University of Technology",
        EntityKind::Organization,
        None,
        &["KCUT"],
    ),
    (
        "orascom",
        "Orascom",
        EntityKind::Organization,
        None,
        &["Orascom Telecom"],
    ),
    ("kwangmyong", "Kwangmyong", EntityKind::Network, Some("광명"), &[]),
    ("china", "China", EntityKind::Country, None, &["PRC"]),
    ("rason", "Rason", EntityKind::Place, None, &["Rajin-Sonbong"]),
    ("red-star", "Red Star OS", EntityKind::Product, Some("붉은별"), &[]),
];

const SOURCES: usize = 240;
const INDICATORS: usize = 150;
const ENTITIES: usize = 600;

const UNITS: &[&str] = &[
    "subscriptions",
    "lines",
    "people",
    "computers",
    "km",
    "%",
    "users",
    "base stations",
    "workers",
    "subscriptions per 100 people",
    "US dollars",
];

const VAGUE: &[(&str, Option<f64>, Option<f64>)] = &[
    ("millions", Some(1_000_000.0), None),
    ("several hundred", Some(200.0), Some(999.0)),
    ("a few thousand", None, None),
    ("tens of thousands", Some(10_000.0), Some(99_999.0)),
];

/// The generator: the lists are fixed by the seed, records are made one
/// at a time (`record`), so that a file of any size is written without
/// holding it.
pub struct Synth {
    rng: Rng,
    sources: Vec<Source>,
    indicators: Vec<Indicator>,
    entities: Vec<Entity>,
}

impl Synth {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let sources = (0..SOURCES).map(|i| source(&mut rng, i)).collect();
        let indicators = (0..INDICATORS).map(|i| indicator(&mut rng, i)).collect();
        let entities = (0..ENTITIES).map(|i| entity(&mut rng, i)).collect();
        Self {
            rng,
            sources,
            indicators,
            entities,
        }
    }

    /// The dataset without its records.
    pub fn lists(&self) -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION,
            metadata: Some(Metadata {
                title: Some("Synthetic nkict dataset".into()),
                description: Some("Made by examples/synth.rs for benchmarks: not real data.".into()),
                version: Some("synthetic".into()),
                ..Metadata::default()
            }),
            dashboard: None,
            sources: self.sources.clone(),
            indicators: self.indicators.clone(),
            entities: self.entities.clone(),
            records: Vec::new(),
        }
    }

    /// Record number `n` (ids are `r-N`), the next of the sequence.
    pub fn record(&mut self, n: usize) -> Record {
        let rng = &mut self.rng;
        let kind = match rng.below(100) {
            0..=29 => RecordKind::Milestone,
            30..=64 => RecordKind::Observation,
            _ => RecordKind::Fact,
        };
        let source = rng.below(SOURCES);
        let (date, period, as_of) = time(rng);
        let mut record = Record {
            id: format!("r-{n}").into(),
            kind,
            category: Category::ALL[rng.below(Category::ALL.len())],
            title: title(rng).into(),
            summary: {
                let words = 10 + rng.below(16);
                sentence(rng, words).into()
            },
            date,
            period,
            as_of,
            date_text: rng.chance(5).then(|| {
                let decade = 1950 + 10 * rng.below(7);
                format!("late {decade}s").into()
            }),
            entities: texts(self.entity_ids(kind == RecordKind::Observation)),
            indicator: None,
            value: None,
            low: None,
            high: None,
            qualifier: None,
            amount_text: None,
            status: None,
            source: self.sources[source].id.as_str().into(),
            locator: format!("Section {}.{}", 1 + self.rng.below(9), 1 + self.rng.below(20)).into(),
            quote: quote(&mut self.rng).into(),
            note: self.rng.chance(10).then(|| sentence(&mut self.rng, 12).into()),
            tags: texts(tags(&mut self.rng)),
        };
        if kind == RecordKind::Observation {
            self.figures(&mut record);
        }
        record
    }

    /// One to three distinct entities (an observation's first is its subject),
    /// or none for some milestones and facts.
    fn entity_ids(&mut self, observation: bool) -> Vec<String> {
        let count = self.rng.below(4).max(usize::from(observation));
        let mut ids: Vec<String> = Vec::with_capacity(count);
        while ids.len() < count {
            // Known entities are named far more often than the made-up ones.
            let at = if self.rng.chance(50) {
                self.rng.below(KNOWN_ENTITIES.len())
            } else {
                self.rng.below(ENTITIES)
            };
            let id = &self.entities[at].id;
            if !ids.iter().any(|known| known == id.as_str()) {
                ids.push(id.to_string());
            }
        }
        ids
    }

    fn figures(&mut self, record: &mut Record) {
        let rng = &mut self.rng;
        record.indicator = Some(self.indicators[rng.below(INDICATORS)].id.as_str().into());
        let value = (rng.below(2_000_000) + 1) as f64;
        let qualifier = match rng.below(100) {
            0..=39 => Qualifier::Exact,
            40..=64 => Qualifier::Approx,
            65..=74 => Qualifier::AtLeast,
            75..=82 => Qualifier::AtMost,
            83..=92 => Qualifier::Range,
            _ => Qualifier::Vague,
        };
        match qualifier {
            Qualifier::Range => {
                record.low = Some(value);
                record.high = Some(value + (rng.below(50_000) + 1) as f64);
            }
            Qualifier::Vague => {
                let (words, low, high) = VAGUE[rng.below(VAGUE.len())];
                record.amount_text = Some(words.into());
                record.low = low;
                record.high = high;
            }
            _ => {
                // Some figures are shares with decimals.
                record.value = Some(if rng.chance(20) { value / 1000.0 } else { value });
                if rng.chance(15) {
                    let word = rng.pick(WORDS);
                    record.amount_text = Some(format!("some {value} {word}").into());
                }
            }
        }
        record.qualifier = Some(qualifier);
        record.status = match rng.below(10) {
            0 => Some(Status::Estimate),
            1 => Some(Status::Unconfirmed),
            2 => Some(Status::Projection),
            _ => None,
        };
    }
}

/// A dataset of `count` records made by `Synth::new(seed)`.
pub fn dataset(count: usize, seed: u64) -> Dataset {
    let mut synth = Synth::new(seed);
    let mut dataset = synth.lists();
    dataset.records = (0..count).map(|n| synth.record(n)).collect();
    dataset
}

/// About 8% own dates at year, month or day precision, 2% periods, 8% that
/// speak of the present (placed by their source's date where it has one),
/// the rest undated: about 86% undated in all.
fn time(rng: &mut Rng) -> (Option<PartialDate>, Option<Period>, Option<AsOf>) {
    let year = 1950 + rng.below(76) as i32;
    match rng.below(100) {
        0..=7 => {
            let month = rng.chance(60).then(|| 1 + rng.below(12) as u8);
            let day = month.filter(|_| rng.chance(50)).map(|_| 1 + rng.below(28) as u8);
            (Some(PartialDate { year, month, day }), None, None)
        }
        8..=9 => {
            let end = (year + rng.below(12) as i32).min(2025);
            let period = Period {
                start: PartialDate::year(year),
                end: PartialDate::year(end),
            };
            (None, Some(period), None)
        }
        10..=17 => (None, None, Some(AsOf::Source)),
        _ => (None, None, Some(AsOf::Unknown)),
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::with_capacity(words * 8);
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        if rng.chance(3) {
            text.push_str(rng.pick(KOREAN));
        } else {
            text.push_str(rng.pick(WORDS));
        }
    }
    text.push('.');
    text
}

fn title(rng: &mut Rng) -> String {
    let words = 4 + rng.below(7);
    let mut title = sentence(rng, words);
    title.pop();
    if let Some(first) = title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    title
}

/// A long quote: some with typographic apostrophes, some with double
/// quotes and a line break that JSON must escape.
fn quote(rng: &mut Rng) -> String {
    let words = 14 + rng.below(26);
    let mut quote = sentence(rng, words);
    match rng.below(10) {
        0 => quote.push_str(" The network is \"restricted\" to officials."),
        1 => quote.push_str(" Kim Ch’aek University trains programmers."),
        2 => quote.push_str("\nTable 3: subscribers by province."),
        _ => {}
    }
    quote
}

/// A record's list of texts.
fn texts(list: Vec<String>) -> Vec<StaticText> {
    list.into_iter().map(StaticText::from).collect()
}

fn tags(rng: &mut Rng) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..rng.below(4) {
        let tag = rng.pick(WORDS).to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

fn source(rng: &mut Rng, i: usize) -> Source {
    let kind = SourceKind::ALL[rng.below(SourceKind::ALL.len())];
    let year = 1990 + rng.below(36) as i32;
    Source {
        authors: (0..rng.below(3)).map(|a| format!("Author {i}-{a}").into()).collect(),
        container: format!("Journal of {}", title(rng)).into(),
        published: Some(PartialDate {
            year,
            month: rng.chance(50).then(|| 1 + rng.below(12) as u8),
            day: None,
        }),
        url: rng
            .chance(70)
            .then(|| format!("https://example.org/documents/{i}").into()),
        publisher: rng.chance(40).then(|| {
            let n = rng.below(30);
            format!("Publisher {n}").into()
        }),
        // Sources that date their "at present" place some records approximately.
        info_as_of: match rng.below(10) {
            0..=3 => Some(InfoAsOf::Year(year)),
            4..=5 => Some(InfoAsOf::After(year)),
            _ => None,
        },
        note: rng.chance(30).then(|| sentence(rng, 10).into()),
        ..Source::new(format!("source-{i}"), title(rng), kind)
    }
}

fn indicator(rng: &mut Rng, i: usize) -> Indicator {
    Indicator {
        id: format!("indicator-{i}").into(),
        name: title(rng).into(),
        unit: rng.pick(UNITS).to_owned().into(),
        // None: a figure of one reads with the unit as written.
        unit_singular: None,
        description: sentence(rng, 12).into(),
        category: Category::ALL[rng.below(Category::ALL.len())],
    }
}

fn entity(rng: &mut Rng, i: usize) -> Entity {
    if let Some(&(id, name, kind, korean, aliases)) = KNOWN_ENTITIES.get(i) {
        return Entity {
            id: id.into(),
            name: name.into(),
            kind,
            korean: korean.map(Into::into),
            aliases: aliases.iter().map(|a| (*a).into()).collect(),
            note: None,
        };
    }
    Entity {
        id: format!("entity-{i}").into(),
        name: format!("{} {i}", title(rng)).into(),
        kind: EntityKind::ALL[rng.below(EntityKind::ALL.len())],
        korean: rng.chance(30).then(|| {
            let word = rng.pick(KOREAN);
            format!("{word}{i}").into()
        }),
        aliases: if rng.chance(20) {
            vec![format!("E{i}").into()]
        } else {
            Vec::new()
        },
        note: None,
    }
}
