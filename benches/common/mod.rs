//! A deterministic synthetic dataset for the benchmarks: the shape of the
//! real one (years, periods, undated records, entities with aliases and
//! Korean names), at any size.

use nkict::data::{
    AsOf, Category, Dataset, Entity, EntityKind, Indicator, InfoAsOf, PartialDate, Period, Qualifier, Record,
    RecordKind, SCHEMA_VERSION, Source, SourceKind,
};

/// A small deterministic generator (xorshift), so every run sees the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
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
];

/// Id, name, kind, Korean name, aliases.
type EntityRow = (
    &'static str,
    &'static str,
    EntityKind,
    Option<&'static str>,
    &'static [&'static str],
);

const ENTITIES: &[EntityRow] = &[
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

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(WORDS));
    }
    text
}

/// A dataset of `count` records: years 1950-2020, some periods, some
/// undated, every category, a few entities with aliases and Korean names.
pub fn synthetic(count: usize) -> Dataset {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let sources = (0..5)
        .map(|i| Source {
            authors: vec![format!("Author {i}")],
            container: "Bench".into(),
            published: Some(PartialDate::year(2000 + i)),
            // Some sources date their "at present", so some records are approximate.
            info_as_of: (i % 2 == 0).then_some(InfoAsOf::Year(2000 + i)),
            ..Source::new(
                format!("source-{i}"),
                format!("Source {i}"),
                SourceKind::ThinkTankReport,
            )
        })
        .collect();
    let indicators: Vec<Indicator> = (0..10)
        .map(|i| Indicator {
            id: format!("indicator-{i}"),
            name: format!("Indicator {i}"),
            unit: "units".into(),
            unit_singular: Some("unit".into()),
            description: "A synthetic indicator.".into(),
            category: Category::ALL[i % Category::ALL.len()],
        })
        .collect();
    let entities = ENTITIES
        .iter()
        .map(|&(id, name, kind, korean, aliases)| Entity {
            id: id.into(),
            name: name.into(),
            kind,
            korean: korean.map(Into::into),
            aliases: aliases.iter().map(|a| (*a).into()).collect(),
            note: None,
        })
        .collect();
    let records = (0..count)
        .map(|n| {
            let year = 1950 + rng.below(71) as i32;
            let (date, period, as_of) = match rng.below(20) {
                0..=2 => (None, None, Some(AsOf::Source)),
                3..=5 => {
                    let end = (year + rng.below(10) as i32).min(2020);
                    let period = Period {
                        start: PartialDate::year(year),
                        end: PartialDate::year(end),
                    };
                    (None, Some(period), None)
                }
                k => {
                    let month = (k % 2 == 0).then(|| 1 + rng.below(12) as u8);
                    let date = PartialDate {
                        year,
                        month,
                        day: month.map(|_| 1 + rng.below(28) as u8),
                    };
                    (Some(date), None, None)
                }
            };
            let observation = rng.below(3) == 0;
            let mut quote = sentence(&mut rng, 16);
            match rng.below(50) {
                0 => quote.push_str(" near Shinuiju"),
                1 => quote.push_str(" (고려링크)"),
                2 => quote.push_str(" at Kim Ch’aek University"),
                _ => {}
            }
            Record {
                id: format!("record-{n}"),
                kind: if observation {
                    RecordKind::Observation
                } else {
                    [RecordKind::Milestone, RecordKind::Fact][rng.below(2)]
                },
                category: Category::ALL[rng.below(Category::ALL.len())],
                title: sentence(&mut rng, 5),
                summary: sentence(&mut rng, 18),
                date,
                period,
                as_of,
                date_text: None,
                entities: {
                    // Up to two distinct entities; an observation has one at least.
                    let first = rng.below(ENTITIES.len());
                    let second = (first + 1 + rng.below(ENTITIES.len() - 1)) % ENTITIES.len();
                    [first, second][..rng.below(3).max(usize::from(observation))]
                        .iter()
                        .map(|&e| ENTITIES[e].0.to_owned())
                        .collect()
                },
                indicator: observation.then(|| format!("indicator-{}", rng.below(10))),
                value: observation.then(|| rng.below(100_000) as f64),
                low: None,
                high: None,
                qualifier: observation.then_some(Qualifier::Approx),
                amount_text: None,
                status: None,
                source: format!("source-{}", rng.below(5)),
                locator: format!("Section {}", rng.below(12)),
                quote,
                note: None,
                tags: vec![rng.pick(WORDS).to_owned()],
            }
        })
        .collect();
    Dataset {
        schema_version: SCHEMA_VERSION,
        metadata: None,
        dashboard: None,
        sources,
        indicators,
        entities,
        records,
    }
}
