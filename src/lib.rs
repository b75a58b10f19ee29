//! nkict: a terminal dashboard over North Korea's ICT, every figure traced to
//! the sentence it came from.

pub mod data;
pub mod model;
