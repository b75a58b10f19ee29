//! Threads that give way: work done beside the dashboard's event loop
//! and the file's reading, which get a core first.

/// Lowers the calling thread's priority (its nice value; Linux gives each
/// thread its own), so that the threads at the usual priority (the
/// dashboard's event loop, a search's threads, the file's reading) get a
/// core first when they want one. Nothing changes where that fails.
#[cfg(target_os = "linux")]
pub(crate) fn lower_priority() {
    /// Runs about a third as often as a thread at the usual 0 when both want a core.
    const NICE: libc::c_int = 5;
    // SAFETY: no pointers; on failure the priority stays as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, this_thread() as libc::id_t, NICE);
    }
}

/// Elsewhere a thread's priority is the process's: left as it is.
#[cfg(not(target_os = "linux"))]
pub(crate) fn lower_priority() {}

/// Has the calling thread run only on a core no other thread wants
/// (Linux's `SCHED_IDLE`, which any thread may choose for itself); else
/// as `lower_priority`.
#[cfg(target_os = "linux")]
pub(crate) fn run_when_idle() {
    let idle = libc::sched_param { sched_priority: 0 };
    // SAFETY: `idle` outlives the call, which only reads it; pid 0 is
    // the calling thread. On failure the policy stays as it was.
    if unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &idle) } != 0 {
        lower_priority();
    }
}

/// Elsewhere as `lower_priority` (`Folding` starts no thread there).
#[cfg(not(target_os = "linux"))]
pub(crate) fn run_when_idle() {
    lower_priority();
}

/// The calling thread's id, for `run_as_usual` (0 where it has none
/// that `run_as_usual` takes).
#[cfg(target_os = "linux")]
pub(crate) fn this_thread() -> i32 {
    // SAFETY: no arguments; it cannot fail.
    unsafe { libc::gettid() }
}

/// Elsewhere: none.
#[cfg(not(target_os = "linux"))]
pub(crate) fn this_thread() -> i32 {
    0
}

/// Has thread `id` (of this process; 0: none) run as threads usually do
/// again, after `run_when_idle`, so that it gets a share of a busy core;
/// whether it does. Leaving `SCHED_IDLE` takes a nice limit of 20
/// (`RLIMIT_NICE`) or `CAP_SYS_NICE`, which an ordinary user seldom has:
/// then nothing changes, and false.
#[cfg(target_os = "linux")]
pub(crate) fn run_as_usual(id: i32) -> bool {
    if id == 0 {
        return false;
    }
    let usual = libc::sched_param { sched_priority: 0 };
    // SAFETY: `usual` outlives the call, which only reads it; on failure
    // the policy stays as it was.
    unsafe { libc::sched_setscheduler(id, libc::SCHED_OTHER, &usual) == 0 }
}

/// Elsewhere a thread's policy is the process's: left as it is.
#[cfg(not(target_os = "linux"))]
pub(crate) fn run_as_usual(_id: i32) -> bool {
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The calling thread's scheduling policy.
    fn policy() -> libc::c_int {
        // SAFETY: no pointers; 0 is the calling thread.
        unsafe { libc::sched_getscheduler(0) }
    }

    #[test]
    fn running_as_usual_again_says_whether_it_did() {
        assert!(!super::run_as_usual(0), "no thread");
        // On a thread of its own: it leaves `SCHED_IDLE` for good.
        std::thread::spawn(|| {
            super::run_when_idle();
            let idle = policy() == libc::SCHED_IDLE;
            let usual = super::run_as_usual(super::this_thread());
            // Without the right to leave `SCHED_IDLE` (an ordinary user),
            // the call fails and says so; with it, it runs as usual.
            assert_eq!(usual, policy() == libc::SCHED_OTHER, "idle before: {idle}");
            if !idle {
                // `run_when_idle` fell back to a nice value: the policy
                // was never changed, and setting it again works.
                assert!(usual);
            }
        })
        .join()
        .expect("the thread ran");
    }
}

/// How many threads this process may run at once (1 where that cannot be
/// told). Asked when needed only: the answer costs some twenty system
/// calls (cgroup files).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |cores| cores.get())
}
