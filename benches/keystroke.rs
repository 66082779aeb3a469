//! Keystroke to frame: one key through `App::update`, then a whole frame rendered, diffed and
//! written, at 120×40 and 200×60, on a question, the review and the verdict. Criterion gives
//! the means; a plain loop gives p50/p99 and the bytes written to the terminal per key.
//!
//! The loop times each key twice: wall time, and the CPU time the scheduler counted for this
//! thread (which leaves out time spent waiting for a core while other programs ran).

mod support;

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use exovet::bank::{Audience, Bank, load_builtin};
use exovet::session::Session;
use exovet::tui::{App, Msg, Screen, Theme};
use exovet::wizard::Place;
use support::timing::{self, Samples};

const SIZES: [(u16, u16); 2] = [(120, 40), (200, 60)];

/// A terminal that only counts what it is sent; the count is shared so it can be read while
/// the backend owns the writer.
#[derive(Default, Clone)]
struct Counter {
    bytes: Rc<Cell<usize>>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the app starts and the keys pressed there, over and over.
struct Scenario<'s> {
    name: &'static str,
    app: App<'s>,
    keys: Vec<Msg>,
}

/// `n` presses down, then `n` up: the cursor walks the list and back.
fn down_up(n: usize) -> Vec<Msg> {
    std::iter::repeat_n(Msg::Down, n)
        .chain(std::iter::repeat_n(Msg::Up, n))
        .collect()
}

fn scenarios<'s>(fresh: &'s Session, resumed: &'s Session, dir: &Path) -> Vec<Scenario<'s>> {
    // The first question: eleven origins, then the reserved answers.
    let question = App::new(fresh, dir.to_path_buf());
    // A resumed file, the rest answered with Enter, lands on the review.
    let mut review = App::new(resumed, dir.to_path_buf());
    for _ in 0..200 {
        if review
            .run()
            .is_some_and(|r| r.wizard().place() == Place::Review)
        {
            break;
        }
        review.update(Msg::Enter);
    }
    assert!(
        review
            .run()
            .is_some_and(|r| r.wizard().place() == Place::Review),
        "the benchmark did not reach the review screen"
    );
    let mut verdict = review.clone();
    verdict.update(Msg::Enter);
    assert!(
        verdict
            .run()
            .is_some_and(|r| r.wizard().place() == Place::Verdict),
        "the benchmark did not reach the verdict screen"
    );
    vec![
        Scenario {
            name: "question",
            app: question,
            keys: down_up(8),
        },
        Scenario {
            name: "review",
            app: review,
            keys: down_up(30),
        },
        Scenario {
            name: "verdict",
            app: verdict,
            keys: down_up(15),
        },
    ]
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App<'_>, theme: Theme) -> Buffer
where
    B::Error: std::fmt::Debug,
{
    terminal
        .draw(|f| f.render_widget(&Screen { app, theme }, f.area()))
        .expect("drawing into memory cannot fail")
        .buffer
        .clone()
}

fn counting_terminal(
    width: u16,
    height: u16,
    counter: &Counter,
) -> Terminal<CrosstermBackend<Counter>> {
    Terminal::with_options(
        CrosstermBackend::new(counter.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .expect("a fixed viewport needs no terminal")
}

fn test_terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a test backend cannot fail")
}

/// One criterion benchmark: `scenario`'s keys in turn, each followed by a frame drawn on
/// `terminal`.
fn bench_keys<B: Backend>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    scenario: &Scenario<'_>,
    mut terminal: Terminal<B>,
    theme: Theme,
) where
    B::Error: std::fmt::Debug,
{
    let mut app = scenario.app.clone();
    draw(&mut terminal, &app, theme);
    let mut i = 0;
    group.bench_function(label, |b| {
        b.iter(|| {
            app.update(scenario.keys[i % scenario.keys.len()]);
            i += 1;
            terminal
                .draw(|f| f.render_widget(&Screen { app: &app, theme }, f.area()))
                .map(|_| ())
        });
    });
}

fn criterion_benches(c: &mut Criterion, scenarios: &[Scenario<'_>], theme: Theme) {
    let mut group = c.benchmark_group("keystroke");
    for s in scenarios {
        for (w, h) in SIZES {
            let label = |backend: &str| format!("{}/{w}x{h}/{backend}", s.name);
            let test = test_terminal(w, h);
            bench_keys(&mut group, &label("test_backend"), s, test, theme);
            let crossterm = counting_terminal(w, h, &Counter::default());
            bench_keys(&mut group, &label("crossterm"), s, crossterm, theme);
        }
    }
    group.finish();
}

/// Per-key times (p50, p99, max) and, through the crossterm backend, bytes written per key
/// against the cells that changed.
fn percentiles(scenarios: &[Scenario<'_>], theme: Theme) {
    let keys = timing::iterations(20_000);
    for s in scenarios {
        for (w, h) in SIZES {
            let mut app = s.app.clone();
            let mut terminal = test_terminal(w, h);
            draw(&mut terminal, &app, theme);
            let mut test_times = Samples::with_capacity(keys);
            for i in 0..keys {
                test_times.time(|| {
                    app.update(s.keys[i % s.keys.len()]);
                    terminal
                        .draw(|f| f.render_widget(&Screen { app: &app, theme }, f.area()))
                        .map(|_| ())
                });
            }

            let mut app = s.app.clone();
            let counter = Counter::default();
            let mut terminal = counting_terminal(w, h, &counter);
            let mut previous = draw(&mut terminal, &app, theme);
            let first_frame = counter.bytes.get();
            let mut times = Samples::with_capacity(keys);
            let mut cpu = Samples::with_capacity(keys);
            let (mut bytes, mut cells) = (0usize, 0usize);
            for i in 0..keys {
                let before = counter.bytes.get();
                let frame = timing::time_both(&mut times, &mut cpu, || {
                    app.update(s.keys[i % s.keys.len()]);
                    terminal
                        .draw(|f| f.render_widget(&Screen { app: &app, theme }, f.area()))
                        .expect("drawing into memory cannot fail")
                });
                cells += previous.diff(frame.buffer).len();
                previous = frame.buffer.clone();
                bytes += counter.bytes.get() - before;
            }
            #[allow(clippy::cast_precision_loss)]
            let per_key = |n: usize| format!("{:.1}", n as f64 / keys.max(1) as f64);
            timing::result(
                &format!("keystroke.{}.{w}x{h}", s.name),
                &[
                    ("test_p50_us", timing::micros(test_times.median())),
                    ("test_p99_us", timing::micros(test_times.percentile(99.0))),
                    ("p50_us", timing::micros(times.median())),
                    ("p99_us", timing::micros(times.percentile(99.0))),
                    ("max_us", timing::micros(times.max())),
                    ("cpu_p50_us", timing::micros(cpu.median())),
                    ("cpu_p99_us", timing::micros(cpu.percentile(99.0))),
                    ("bytes_per_key", per_key(bytes)),
                    ("changed_cells_per_key", per_key(cells)),
                    ("first_frame_bytes", first_frame.to_string()),
                    ("keys", keys.to_string()),
                ],
            );
        }
    }
}

fn session(
    bank: &Bank,
    audience: Option<Audience>,
    subject: Option<&str>,
    path: PathBuf,
) -> Session {
    Session::open(
        bank.clone(),
        audience,
        subject.map(str::to_owned),
        Some(path),
    )
    .expect("the benchmark's session opens")
}

fn main() {
    let bank = load_builtin();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let resumed_path = dir.path().join("resumed.toml");
    std::fs::write(&resumed_path, support::corpus::typical(&bank))
        .expect("writing the resumed file");
    let fresh = session(
        &bank,
        Some(Audience::Patient),
        Some("Glow Med Spa"),
        dir.path().join("new.toml"),
    );
    let resumed = session(&bank, None, None, resumed_path);
    let scenarios = scenarios(&fresh, &resumed, dir.path());
    // As a person sees it: in colour unless NO_COLOR is set.
    let theme = Theme::from_env();

    let mut c = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args();
    criterion_benches(&mut c, &scenarios, theme);
    c.final_summary();
    percentiles(&scenarios, theme);
}
