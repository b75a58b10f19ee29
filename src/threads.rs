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
        let thread = libc::gettid() as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, NICE);
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
/// again, after `run_when_idle`, so that it gets a share of a busy core.
/// Nothing changes where that fails.
#[cfg(target_os = "linux")]
pub(crate) fn run_as_usual(id: i32) {
    if id == 0 {
        return;
    }
    let usual = libc::sched_param { sched_priority: 0 };
    // SAFETY: `usual` outlives the call, which only reads it; on failure
    // the policy stays as it was.
    unsafe {
        libc::sched_setscheduler(id, libc::SCHED_OTHER, &usual);
    }
}

/// Elsewhere a thread's policy is the process's: left as it is.
#[cfg(not(target_os = "linux"))]
pub(crate) fn run_as_usual(_id: i32) {}

/// How many threads this process may run at once (1 where that cannot be
/// told). Asked when needed only: the answer costs some twenty system
/// calls (cgroup files).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |cores| cores.get())
}
