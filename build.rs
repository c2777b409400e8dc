// The built-in templates, theme and fonts are compiled in with `include_dir!`, which
// tracks the files it saw but not files added later: rebuild when anything under
// templates/ changes.
fn main() {
    println!("cargo:rerun-if-changed=templates");
}
