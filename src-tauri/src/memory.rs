//! What Hearth's own code holds in memory, as opposed to what the platform's web view and GUI
//! toolkit hold in the same process. On Linux the app process is also WebKitGTK's UI process
//! (a bare window of this binary is ~150 MiB RSS, most of it shared WebKit/GTK libraries), so the
//! process RSS alone cannot say whether Hearth itself is lean; these counters can.

use serde::Serialize;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes Rust code holds (two relaxed atomics per call).
pub struct CountingAllocator;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = IN_USE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only the counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Memory in use, in bytes.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MemoryUse {
    /// Held by Hearth's Rust code (the shell, the domain, the database driver).
    pub heap_bytes: u64,
    pub heap_peak_bytes: u64,
    /// Held by SQLite (page caches of every connection, prepared statements).
    pub sqlite_bytes: u64,
    pub sqlite_peak_bytes: u64,
    /// The whole process's resident set, platform included (Linux only; null elsewhere).
    pub process_rss_bytes: Option<u64>,
}

fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

pub fn current() -> MemoryUse {
    let (sqlite, sqlite_peak) = hearth_core::sqlite::memory_used();
    MemoryUse {
        heap_bytes: IN_USE.load(Ordering::Relaxed) as u64,
        heap_peak_bytes: PEAK.load(Ordering::Relaxed) as u64,
        sqlite_bytes: sqlite.max(0) as u64,
        sqlite_peak_bytes: sqlite_peak.max(0) as u64,
        process_rss_bytes: rss_bytes(),
    }
}
