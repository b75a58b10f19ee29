//! Where each item of a dataset file starts: found while loading, used to
//! point every validation problem at its line and column.

/// A 1-based line and column (in characters).
pub type Position = (usize, usize);

/// Where each item starts in the file, by list.
#[derive(Debug, Default)]
pub struct Positions {
    pub schema_version: Option<Position>,
    /// The `dataset` section's.
    pub dataset: Option<Position>,
    pub sources: Vec<Position>,
    pub indicators: Vec<Position>,
    pub entities: Vec<Position>,
    pub records: Vec<Position>,
    pub dashboard: DashboardPositions,
}

/// Where each id of the `dashboard` section is.
#[derive(Debug, Default)]
pub struct DashboardPositions {
    pub headline: Vec<Position>,
    pub key_figures: Vec<Position>,
}
