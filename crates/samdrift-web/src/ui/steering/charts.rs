//! A chart of monthly values as inline SVG, drawn on the server: a line
//! with a dot per month (a gap where a month has no value), the target as
//! a dashed line, the highest and lowest values and the first, middle and
//! last months as labels. The chart is an image named by its caption; the
//! page puts the same values in a table beside it.

use samdrift_domain::document::Chart;

const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn num(v: f64, sv: bool) -> String {
    let s = if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    if sv { s.replace('.', ",") } else { s }
}

/// The y-range: the values and the target, padded so a flat line is
/// not drawn on the frame.
fn range(chart: &Chart) -> Option<(f64, f64)> {
    let values = chart
        .points
        .iter()
        .filter_map(|p| p.value)
        .chain(chart.target);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.02).max(1e-6);
    Some((lo - pad, hi + pad))
}

/// The SVG of `chart`, labelled by the element with id `caption_id`.
pub fn svg(chart: &Chart, caption_id: &str, sv: bool) -> String {
    let n = chart.points.len();
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(caption_id)
    );
    out.push_str(&format!(
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#767676\"/>",
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    ));
    let Some((lo, hi)) = range(chart) else {
        out.push_str("</svg>");
        return out;
    };
    let x = |i: usize| {
        LEFT + (W - LEFT - RIGHT)
            * if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.5
            }
    };
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v - lo) / (hi - lo));
    if let Some(t) = chart.target {
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{0}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#a4262c\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>",
            W - RIGHT,
            y(t)
        ));
    }
    let mut path = String::new();
    let mut pen_down = false;
    for (i, p) in chart.points.iter().enumerate() {
        match p.value {
            Some(v) => {
                path.push_str(&format!(
                    "{}{:.1} {:.1} ",
                    if pen_down { "L" } else { "M" },
                    x(i),
                    y(v)
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !path.is_empty() {
        out.push_str(&format!(
            "<path d=\"{}\" fill=\"none\" stroke=\"#1f4e8c\" stroke-width=\"2.5\"/>",
            path.trim()
        ));
    }
    for (i, p) in chart.points.iter().enumerate() {
        if let Some(v) = p.value {
            out.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#1f4e8c\"/>",
                x(i),
                y(v)
            ));
        }
    }
    let unit = esc(&chart.unit);
    for v in [hi, lo] {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1b1b\">{} {unit}</text>",
            LEFT - 6.0,
            y(v) + 4.0,
            num(v, sv)
        ));
    }
    let mut labelled: Vec<usize> = vec![0, n / 2, n.saturating_sub(1)];
    labelled.dedup();
    for i in labelled.into_iter().filter(|i| *i < n) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1b\">{}</text>",
            x(i),
            H - 12.0,
            esc(&chart.points[i].label)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::document::ChartPoint;

    fn chart(values: &[Option<f64>], target: Option<f64>) -> Chart {
        Chart {
            caption: "SLA".into(),
            unit: "%".into(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| ChartPoint {
                    label: format!("2026-{:02}", i + 1),
                    value: *v,
                })
                .collect(),
            target,
        }
    }

    #[test]
    fn a_gap_lifts_the_pen_and_the_target_is_dashed() {
        let s = svg(
            &chart(&[Some(90.0), Some(92.0), None, Some(96.0)], Some(95.0)),
            "c1",
            true,
        );
        assert_eq!(s.matches('M').count(), 2, "two stretches: {s}");
        assert_eq!(s.matches("<circle").count(), 3);
        assert!(s.contains("stroke-dasharray"));
        assert!(s.contains("aria-labelledby=\"c1\""));
        assert!(s.contains("2026-01") && s.contains("2026-04"));
    }

    #[test]
    fn no_values_draw_an_empty_frame() {
        let s = svg(&chart(&[None, None], None), "c2", false);
        assert!(!s.contains("<path"));
        assert!(s.ends_with("</svg>"));
    }

    #[test]
    fn text_is_escaped() {
        let mut c = chart(&[Some(1.0)], None);
        c.points[0].label = "<b>".into();
        assert!(svg(&c, "x\"y", false).contains("&lt;b&gt;"));
        assert!(svg(&c, "x\"y", false).contains("x&quot;y"));
    }
}
