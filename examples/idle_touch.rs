//! Whether this machine makes memory slow to touch again after the process
//! has idled, with nothing of nkict involved: a block is written, then one
//! byte of each 4 KiB page of it is read at once and again after a sleep.
//! On the project's virtual machine the read after idling took several
//! times as long with no page fault counted, which is what the dashboard's
//! keys after 15 s idle show (README, "Performance").
//!
//!     cargo run --release --example idle_touch -- [MIB] [SECONDS] [ROUNDS]

use std::hint::black_box;
use std::thread::sleep;
use std::time::{Duration, Instant};

const PAGE: usize = 4096;

/// Milliseconds taken to read one byte of each page of `block`.
fn read_each_page(block: &[u8]) -> f64 {
    let started = Instant::now();
    let sum = block
        .iter()
        .step_by(PAGE)
        .fold(0u64, |sum, &byte| sum + u64::from(byte));
    black_box(sum);
    started.elapsed().as_secs_f64() * 1e3
}

fn argument(position: usize, default: u64) -> u64 {
    std::env::args()
        .nth(position)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let mib = argument(1, 1024) as usize;
    let idle = Duration::from_secs(argument(2, 15));
    let rounds = argument(3, 3);
    // Written, not just allocated: every page is mapped before the timing.
    let block = black_box(vec![1u8; mib << 20]);
    println!("{mib} MiB, one byte of each of its {} pages read", (mib << 20) / PAGE);
    for round in 1..=rounds {
        let at_once = read_each_page(&block);
        sleep(idle);
        let after_idle = read_each_page(&block);
        println!(
            "round {round}: at once {at_once:.1} ms, after {} s idle {after_idle:.1} ms ({:.1}x)",
            idle.as_secs(),
            after_idle / at_once
        );
    }
}
