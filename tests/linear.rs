//! Every stage of the check is linear in its input: for each hostile
//! draft (tests/common/hostile.rs), doubling the draft must not more than
//! double the work that checking it, fixing it and writing its report
//! does. Work is counted, not timed: the allocations made, and the
//! instructions the thread runs where the kernel offers a hardware counter
//! (virtual machines often do not). Counts barely move from run to run or
//! with the load on the machine, and grow with the square of the input
//! when a stage rebuilds a list per place, or reads a whole sentence or
//! line again for each thing in it. (Bytes allocated are not compared: a
//! growing vector's reallocations jump at powers of two.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use claimlint::fix::{self, FixMode};
use claimlint::report::{self, Checked, OutputFormat, Run};
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

mod common;

use common::hostile::INPUTS;

/// The system allocator, counting what it is asked for.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// A count of the instructions this thread runs in user space, from the
/// kernel's performance counters (`perf_event_open`); `None` where the
/// kernel or the machine does not offer one.
struct Instructions {
    fd: libc::c_int,
}

/// The leading fields of the kernel's `perf_event_attr` (its version 8
/// layout is 136 bytes; the rest stay zero).
#[repr(C)]
struct PerfEventAttr {
    kind: u32,
    size: u32,
    config: u64,
    sample_period: u64,
    sample_type: u64,
    read_format: u64,
    flags: u64,
    rest: [u64; 11],
}

impl Instructions {
    fn open() -> Option<Instructions> {
        const PERF_TYPE_HARDWARE: u32 = 0;
        const PERF_COUNT_HW_INSTRUCTIONS: u64 = 1;
        // disabled, exclude_kernel, exclude_hv
        const FLAGS: u64 = 1 | 1 << 5 | 1 << 6;
        let attr = PerfEventAttr {
            kind: PERF_TYPE_HARDWARE,
            size: std::mem::size_of::<PerfEventAttr>() as u32,
            config: PERF_COUNT_HW_INSTRUCTIONS,
            sample_period: 0,
            sample_type: 0,
            read_format: 0,
            flags: FLAGS,
            rest: [0; 11],
        };
        // SAFETY: `attr` is a valid perf_event_attr of the size it states;
        // pid 0 and cpu -1 count this thread on any CPU.
        let fd = unsafe { libc::syscall(libc::SYS_perf_event_open, &attr, 0, -1, -1, 0) };
        if fd < 0 {
            return None;
        }
        // Some machines open the event and never count: then there is none.
        let counter = Instructions {
            fd: fd as libc::c_int,
        };
        let (counted, _) = counter.count(|| std::hint::black_box((0..1000u64).sum::<u64>()));
        (counted > 0).then_some(counter)
    }

    /// Counts what `f` runs.
    fn count<T>(&self, f: impl FnOnce() -> T) -> (u64, T) {
        const RESET: libc::c_ulong = 0x2403;
        const ENABLE: libc::c_ulong = 0x2400;
        const DISABLE: libc::c_ulong = 0x2401;
        // SAFETY: `fd` is an open perf event; these ioctls take no argument.
        unsafe {
            libc::ioctl(self.fd, RESET as _, 0);
            libc::ioctl(self.fd, ENABLE as _, 0);
        }
        let out = f();
        let mut count = 0u64;
        // SAFETY: as above; a read of the counter fills one u64.
        unsafe {
            libc::ioctl(self.fd, DISABLE as _, 0);
            libc::read(self.fd, (&mut count as *mut u64).cast(), 8);
        }
        (count, out)
    }
}

impl Drop for Instructions {
    fn drop(&mut self) {
        // SAFETY: `fd` is open and closed only here.
        unsafe { libc::close(self.fd) };
    }
}

/// The work of checking `text`, applying its safe fixes and writing its
/// report: instructions (0 without a counter) and allocations.
fn work(checker: &Checker, counter: Option<&Instructions>, text: String) -> [u64; 2] {
    let draft = Source::new("draft.txt", text, Format::Text);
    let run_all = || {
        let findings = checker.check(&draft);
        let fixed = fix::apply(&draft.text, &findings, FixMode::Safe);
        let run = Run {
            files: vec![Checked {
                source: draft.clone(),
                findings,
            }],
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        report::write(&run, OutputFormat::Pretty, false, &mut out).unwrap();
        std::hint::black_box((fixed, out));
    };
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let instructions = match counter {
        Some(counter) => counter.count(run_all).0,
        None => {
            run_all();
            0
        }
    };
    [
        instructions,
        (ALLOCATIONS.load(Ordering::Relaxed) - allocations) as u64,
    ]
}

/// How much more work twice the input may take: twice, and a margin for
/// what does not scale with it (one-off work, rounding of sizes).
const MARGIN: f64 = 2.2;

#[test]
fn doubling_a_hostile_draft_at_most_doubles_the_work() {
    let checker = Checker::new(Pack::builtin().unwrap());
    let counter = Instructions::open();
    let mut report = Vec::new();
    let mut failed = false;
    for &(name, build) in INPUTS {
        let sizes = [64 * 1024, 128 * 1024, 256 * 1024];
        let works: Vec<[u64; 2]> = sizes
            .iter()
            .map(|&n| work(&checker, counter.as_ref(), build(n)))
            .collect();
        for pair in works.windows(2) {
            let ratios: Vec<f64> = (0..2)
                .map(|k| pair[1][k] as f64 / pair[0][k].max(1) as f64)
                .collect();
            failed |= ratios.iter().any(|&r| r > MARGIN);
            report.push(format!(
                "{name}: instructions x{:.2}, allocations x{:.2}",
                ratios[0], ratios[1]
            ));
        }
    }
    if counter.is_none() {
        report.push("(no instruction counter on this machine: allocations only)".to_string());
    }
    println!("{}", report.join("\n"));
    assert!(!failed, "work more than doubled:\n{}", report.join("\n"));
}
