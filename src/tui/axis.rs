//! Numbers along an axis: round steps between year labels and ticks, whole
//! decades around values for logarithmic scales, and compact labels.

/// The smallest round step (1, 2, 5, 10, 20, 25, 50... years) that is at
/// least `at_least`; 1000 at most.
pub fn round_step(at_least: usize) -> usize {
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&step| step >= at_least)
        .unwrap_or(1000)
}

/// The power of ten at or below a positive `value`: 1000 is decade 3, not 2.
pub fn decade_floor(value: f64) -> i32 {
    // log10(1000) may come out a hair below 3.
    (value.log10() + 1e-9).floor() as i32
}

/// The power of ten at or above a positive `value`.
pub fn decade_ceil(value: f64) -> i32 {
    (value.log10() - 1e-9).ceil() as i32
}

/// Axis labels: `10`, `100`, `1k`, `10k`, `2.5M`, `1B`, `0.1`.
pub fn compact(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (value / 1e9, "B")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    // Whole numbers and anything from ten up need no decimals.
    let text = if scaled.fract().abs() < 1e-9 || scaled.abs() >= 10.0 {
        format!("{scaled:.0}")
    } else {
        let t = format!("{scaled:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_never_below_what_is_asked() {
        let steps: Vec<usize> = [0, 1, 3, 6, 11, 21, 26, 101, 999, 5000].map(round_step).to_vec();
        assert_eq!(steps, [1, 1, 5, 10, 20, 25, 50, 200, 1000, 1000]);
    }

    #[test]
    fn decades_round_exact_powers_of_ten_to_themselves() {
        assert_eq!((decade_floor(1000.0), decade_ceil(1000.0)), (3, 3));
        assert_eq!((decade_floor(60.0), decade_ceil(60.0)), (1, 2));
        assert_eq!((decade_floor(0.5), decade_ceil(0.5)), (-1, 0));
    }

    #[test]
    fn compacts_axis_numbers() {
        let labels: Vec<String> = [0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e9, 2.5e6, 1500.0]
            .into_iter()
            .map(compact)
            .collect();
        assert_eq!(
            labels,
            [
                "0.1", "1", "10", "100", "1k", "10k", "100k", "1M", "10M", "1B", "2.5M", "1.5k"
            ]
        );
    }
}
