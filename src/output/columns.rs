//! Column widths shared by the PDF's tables and the DOCX's: how room a column does not
//! need goes to the columns that wrap.

/// Given widths `w` adjusted so no column is wider than its whole text on one line
/// (a status column, a readiness figure) while another must wrap: the surplus goes to
/// the wrapping columns, in proportion to their widths, each up to its own whole text on
/// one line (a wrapping header, "Mandatory tasks open", needs a little, not the whole
/// surplus); what is left once nothing wraps goes back to every column in the given
/// proportions. A column never drops below its min-content width (its longest word, a
/// whole status label, a header word), and a column whose body cells are all blank
/// (`blank`: an Owner or Signature column, room to write in by hand) keeps its given
/// width.
pub(crate) fn give_surplus(mut w: Vec<f32>, min: &[f32], max: &[f32], blank: &[bool]) -> Vec<f32> {
    let given = w.clone();
    let cap = |i: usize| {
        if blank.get(i).copied().unwrap_or(false) {
            return given.get(i).copied().unwrap_or(0.0);
        }
        max.get(i)
            .copied()
            .unwrap_or(0.0)
            .max(min.get(i).copied().unwrap_or(0.0))
    };
    let mut surplus: f32 = w
        .iter()
        .enumerate()
        .map(|(i, x)| (x - cap(i)).max(0.0))
        .sum();
    let mut grow: Vec<bool> = w
        .iter()
        .enumerate()
        .map(|(i, x)| *x < cap(i) - 0.01)
        .collect();
    if surplus <= 0.01 || !grow.contains(&true) {
        return w;
    }
    for (i, x) in w.iter_mut().enumerate() {
        if !grow.get(i).copied().unwrap_or(false) {
            *x = x.min(cap(i));
        }
    }
    // Each round either hands out the whole surplus or brings at least one more column
    // to its cap, so there are at most as many rounds as columns.
    for _ in 0..w.len() {
        let wrapping: f32 = w
            .iter()
            .zip(&grow)
            .filter(|(_, g)| **g)
            .map(|(x, _)| *x)
            .sum();
        if surplus <= 0.01 || wrapping <= 0.0 {
            break;
        }
        let mut handed = 0.0;
        for (i, x) in w.iter_mut().enumerate() {
            if let Some(g) = grow.get_mut(i).filter(|g| **g) {
                let add = (surplus * *x / wrapping).min(cap(i) - *x);
                *x += add;
                handed += add;
                if *x >= cap(i) - 0.01 {
                    *g = false;
                }
            }
        }
        surplus -= handed;
    }
    if surplus > 0.01 {
        let total: f32 = given.iter().sum();
        if total > 0.0 {
            for (x, g) in w.iter_mut().zip(&given) {
                *x += surplus * g / total;
            }
        }
    }
    w
}
