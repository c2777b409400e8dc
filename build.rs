// The built-in templates, theme and fonts are compiled in with `include_dir!`, which
// tracks the files it saw but not files added later: rebuild when anything under
// templates/ changes.
//
// Each built-in file's SHA-256 is worked out here, once, for the template set's
// fingerprint (`Templates::fingerprint`): hashing the 2 MB of built-in fonts took about
// 2 ms of every run, a few per cent of a one-engagement build.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    let root =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("templates");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every built-in file's SHA-256 by relative path, sorted (made by build.rs).\n\
         pub(crate) static BUILTIN_DIGESTS: &[(&str, [u8; 32])] = &[\n",
    );
    for (rel, digest) in &files {
        let _ = writeln!(out, "    ({rel:?}, {digest:?}),");
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join("builtin_digests.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, [u8; 32])>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .filter_map(|c| c.as_os_str().to_str())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, Sha256::digest(&bytes).into()));
        }
    }
}
