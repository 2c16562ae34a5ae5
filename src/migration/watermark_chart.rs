//! "Migrated back to" per source over time, as a plain SVG step chart (no chart library in the
//! wasm). Each series has its own dash pattern and marker shape as well as colour, so it reads
//! without colour; the same figures follow in a table for screen readers and keyboard users.

use dialogporten::UtcDateTime;
use leptos::prelude::*;

use crate::{format, i18n::I18n};

/// One line: a source's recorded watermarks, oldest recording first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub id: String,
    pub name: String,
    /// (recorded at, migrated back to)
    pub points: Vec<(UtcDateTime, UtcDateTime)>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 92.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
const DASHES: [&str; 4] = ["", "8 4", "2 4", "12 4 2 4"];

/// The chart's geometry, computed apart from the view so it can be tested natively.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Per series: the step path and the marker positions.
    pub lines: Vec<(String, Vec<(f64, f64)>)>,
    pub x_ticks: Vec<(f64, UtcDateTime)>,
    pub y_ticks: Vec<(f64, UtcDateTime)>,
    /// The goal's y position, when it lies in the chart.
    pub goal_y: Option<f64>,
}

fn secs(t: UtcDateTime) -> f64 {
    t.unix_seconds() as f64
}

/// Lays the series out from the first recording to a little after the last (the last state
/// holds from then on); the y axis runs from the oldest watermark (or goal) at the bottom to the
/// newest at the top, with ticks on the first of a month. `None` when there is nothing to draw.
pub fn layout(series: &[Series], goal: Option<UtcDateTime>) -> Option<Layout> {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x0 = all().map(|p| secs(p.0)).reduce(f64::min)?;
    let last = all().map(|p| secs(p.0)).fold(x0, f64::max);
    let x1 = last + ((last - x0) * 0.1).max(DAY * 3.0);
    let mut y0 = all().map(|p| secs(p.1)).fold(f64::INFINITY, f64::min);
    let mut y1 = all().map(|p| secs(p.1)).fold(f64::NEG_INFINITY, f64::max);
    if let Some(g) = goal {
        y0 = y0.min(secs(g));
        y1 = y1.max(secs(g));
    }
    // A single watermark still deserves a visible span.
    let (y0, y1) = if y1 - y0 < DAY { (y0 - DAY * 15.0, y1 + DAY * 15.0) } else { (y0, y1) };
    let x = |t: f64| LEFT + (t - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    let y = |t: f64| TOP + (y1 - t) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    let lines = series
        .iter()
        .map(|s| {
            let marks: Vec<(f64, f64)> = s.points.iter().map(|p| (x(secs(p.0)), y(secs(p.1)))).collect();
            // Step after: a watermark holds until the next recording, and after the last one.
            let mut d = String::new();
            for (i, (px, py)) in marks.iter().enumerate() {
                if i == 0 {
                    d.push_str(&format!("M{px:.1},{py:.1}"));
                } else {
                    d.push_str(&format!(" H{px:.1} V{py:.1}"));
                }
            }
            if !marks.is_empty() {
                d.push_str(&format!(" H{:.1}", x(x1)));
            }
            (d, marks)
        })
        .collect();
    let at = |s: f64| UtcDateTime::from_unix_seconds(s as i64).ok();
    let x_ticks = (0..4).map(|i| x0 + (last - x0) * f64::from(i) / 3.0).filter_map(|t| Some((x(t), at(t)?))).collect();
    Some(Layout {
        lines,
        x_ticks,
        y_ticks: month_ticks(y0, y1).into_iter().map(|t| (y(secs(t)), t)).collect(),
        goal_y: goal.map(|g| y(secs(g))),
    })
}

const DAY: f64 = 86_400.0;

/// First-of-month dates between `from` and `to` (unix seconds), at most five, evenly stepped.
fn month_ticks(from: f64, to: f64) -> Vec<UtcDateTime> {
    let (Ok(a), Ok(b)) = (UtcDateTime::from_unix_seconds(from as i64), UtcDateTime::from_unix_seconds(to as i64)) else {
        return Vec::new();
    };
    let index = |t: UtcDateTime| {
        let (y, m, d) = t.date_parts();
        (y * 12 + i32::from(m) - 1, d)
    };
    let ((first, day), (end, _)) = (index(a), index(b));
    let first = if day == 1 && a.time_parts() == (0, 0) { first } else { first + 1 };
    let step = ((end - first) / 4).max(1);
    (first..=end)
        .step_by(step as usize)
        .filter_map(|i| UtcDateTime::parse(&format!("{:04}-{:02}-01T00:00:00Z", i.div_euclid(12), i.rem_euclid(12) + 1)).ok())
        .collect()
}

fn marker(i: usize, (x, y): (f64, f64)) -> impl IntoView {
    let class = format!("series-{}", i % DASHES.len());
    match i % 3 {
        0 => view! { <circle class=class cx=format!("{x:.1}") cy=format!("{y:.1}") r="4" /> }.into_any(),
        1 => view! { <rect class=class x=format!("{:.1}", x - 4.0) y=format!("{:.1}", y - 4.0) width="8" height="8" /> }.into_any(),
        _ => view! { <path class=class d=format!("M{x:.1},{:.1} l5,9 h-10 z", y - 5.0) /> }.into_any(),
    }
}

#[component]
pub fn WatermarkChart(series: Vec<Series>, goal: Option<UtcDateTime>) -> impl IntoView {
    let i18n = I18n::get();
    let Some(l) = layout(&series, goal) else { return ().into_any() };
    let lang = move || i18n.lang.get();
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let ids: Vec<String> = series.iter().map(|s| s.id.clone()).collect();
    let table_rows: Vec<(String, UtcDateTime, UtcDateTime)> =
        series.iter().flat_map(|s| s.points.iter().map(|p| (s.name.clone(), p.0, p.1))).collect();
    view! {
        <figure class="watermark-chart">
            <figcaption id="chart-caption" class="ds-paragraph" data-size="sm">{move || i18n.t(k!("migration.chart.caption"))}</figcaption>
            // On a narrow screen the chart keeps a readable size and scrolls sideways on its own.
            <div class="chart-scroll" tabindex="0" role="group" aria-labelledby="chart-caption">
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="chart-caption" focusable="false">
                <g class="axis">
                    {l.y_ticks.iter().map(|(y, t)| {
                        let (y, t) = (*y, *t);
                        view! {
                            <line x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string() y1=format!("{y:.1}") y2=format!("{y:.1}") class="grid" />
                            <text x=(LEFT - 6.0).to_string() y=format!("{:.1}", y + 4.0) text-anchor="end">{format::numeric_date(t)}</text>
                        }
                    }).collect_view()}
                    {l.x_ticks.iter().enumerate().map(|(i, (x, t))| {
                        let (x, t) = (*x, *t);
                        let anchor = if i == 0 { "start" } else { "middle" };
                        view! { <text x=format!("{x:.1}") y=(HEIGHT - 12.0).to_string() text-anchor=anchor>{move || format::date(t, lang())}</text> }
                    }).collect_view()}
                </g>
                {l.goal_y.map(|y| view! {
                    <line class="goal" x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string() y1=format!("{y:.1}") y2=format!("{y:.1}") />
                })}
                {l.lines.iter().enumerate().map(|(i, (d, marks))| {
                    let class = format!("series series-{}", i % DASHES.len());
                    view! {
                        <g class=class data-series=ids[i].clone()>
                            <path d=d.clone() fill="none" stroke-dasharray=DASHES[i % DASHES.len()] />
                            {marks.iter().map(|m| marker(i, *m)).collect_view()}
                        </g>
                    }
                }).collect_view()}
                </svg>
            </div>
            <ul class="chart-legend ds-list--unstyled" aria-hidden="true">
                {names.iter().enumerate().map(|(i, n)| view! {
                    <li>
                        <svg viewBox="0 0 40 12" width="40" height="12" class=format!("series series-{}", i % DASHES.len())>
                            <line x1="0" x2="40" y1="6" y2="6" stroke-dasharray=DASHES[i % DASHES.len()] />
                        </svg>
                        " " {n.clone()}
                    </li>
                }).collect_view()}
                {goal.map(|_| view! {
                    <li><svg viewBox="0 0 40 12" width="40" height="12"><line class="goal" x1="0" x2="40" y1="6" y2="6" /></svg>" " {move || i18n.t(k!("migration.chart.goal"))}</li>
                })}
            </ul>
            <details class="chart-data">
                <summary>{move || i18n.t(k!("migration.chart.table"))}</summary>
                <div class="table-scroll">
                <table class="ds-table" data-size="sm">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(k!("migration.chart.source"))}</th>
                            <th scope="col">{move || i18n.t(k!("migration.chart.recorded"))}</th>
                            <th scope="col">{move || i18n.t(k!("migration.chart.back_to"))}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {table_rows.into_iter().map(|(name, at, back_to)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{format::numeric_date(at)}</td>
                                <td>{format::numeric_date(back_to)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </details>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> UtcDateTime {
        UtcDateTime::parse(&format!("{s}T12:00:00Z")).unwrap()
    }

    #[test]
    fn older_watermarks_sit_lower_and_steps_run_to_the_end() {
        assert_eq!(month_ticks(secs(day("2024-11-20")), secs(day("2025-03-05"))).len(), 4, "Dec, Jan, Feb, Mar");
        let s = Series {
            id: "a2".into(),
            name: "A2".into(),
            points: vec![(day("2025-11-17"), day("2025-01-22")), (day("2025-12-01"), day("2024-12-01"))],
        };
        let l = layout(&[s], Some(day("2024-12-01"))).unwrap();
        let (path, marks) = &l.lines[0];
        assert!(marks[1].1 > marks[0].1, "the older watermark is drawn lower: {marks:?}");
        assert!(marks[1].0 > marks[0].0, "the later recording is further right");
        assert!(path.ends_with(&format!("H{:.1}", WIDTH - RIGHT)), "{path}");
        assert!(l.goal_y.is_some_and(|g| g > marks[0].1), "the goal lies below the first watermark");
        assert_eq!(l.x_ticks.len(), 4);
        let months: Vec<String> = l.y_ticks.iter().map(|(_, t)| format::numeric_date(*t)).collect();
        assert_eq!(months, ["01.01.2025"], "ticks fall on the first of a month within the range");
        assert!(layout(&[], None).is_none());
    }

    #[test]
    fn a_single_recording_gets_a_visible_span() {
        let s = Series { id: "x".into(), name: "x".into(), points: vec![(day("2025-11-17"), day("2025-01-22"))] };
        let l = layout(&[s], None).unwrap();
        let (x, y) = l.lines[0].1[0];
        assert!(x.is_finite() && y.is_finite() && x >= LEFT && y > TOP && y < HEIGHT - BOTTOM);
    }
}
