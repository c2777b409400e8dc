//! Deflate for the files we write: PDF streams (zlib) and DOCX parts (raw deflate).
//!
//! zlib-rs (through flate2) at level 1, one zlib and one raw compressor and one output
//! buffer per thread, kept from file to file. libdeflate was tried (2ccecef) and
//! dropped: on the 378 streams of 30 documents of the 100-engagement build (4.5 MB) its
//! level 1 made 1.56 MB where zlib-rs's makes 1.97 MB in about the same time in a
//! benchmark of its own, but whole builds took more CPU with it (1.10x side by side on
//! the two cores at 100 engagements, 16 pairs; 1.11x at 2,000, 4 pairs). zlib-rs's
//! level 2 makes 1.59 MB at 1.7 times the time.
//!
//! A batch's documents repeat some of their parts byte for byte: each PDF's two
//! `ToUnicode` maps (the seeded subsets map the same characters), and most of a DOCX's
//! fourteen parts (the content types, the relationships, the settings, the numbering,
//! the font table, a header). Inputs of [`KEPT_MIN`] to [`KEPT_MAX`] bytes go through a
//! [`Memo`] shared by the threads: one seen before comes back deflated without
//! deflating it again (and without clearing zlib's 128 KiB hash table, which each reset
//! does). Deflate gives the same bytes for the same input, so nothing written changes.

use super::memo::Memo;
use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::{Arc, OnceLock};

/// A scratch buffer larger than this is given back after the file that needed it.
const KEEP_BYTES: usize = 4 << 20;

/// The inputs the memo looks at: large enough for deflating to cost more than hashing
/// and looking, small enough that a page's content (unique, and hashed for nothing) is
/// not among them.
const KEPT_MIN: usize = 128;
const KEPT_MAX: usize = 16 << 10;

/// What the memo holds at most (inputs and their deflated bytes).
const KEPT_BUDGET: usize = 4 << 20;

/// An input and its form (zlib or raw): the memo's key.
type Key = (bool, Box<[u8]>);

/// Deflated inputs kept for the run, by form and bytes.
fn kept() -> &'static Memo<Key, Option<Vec<u8>>> {
    static KEPT: OnceLock<Memo<Key, Option<Vec<u8>>>> = OnceLock::new();
    KEPT.get_or_init(|| Memo::new(KEPT_BUDGET))
}

thread_local! {
    static DEFLATER: RefCell<Option<Deflater>> = const { RefCell::new(None) };
}

/// The compressors and the buffer their output goes to.
pub(crate) struct Deflater {
    zlib: flate2::Compress,
    raw: flate2::Compress,
    buf: Vec<u8>,
}

impl Deflater {
    /// Runs `f` with this thread's deflater, made on first use and kept for the next file
    /// (making one allocates its window and tables; the buffer grows to the largest
    /// stream once).
    pub(crate) fn with<R>(f: impl FnOnce(&mut Deflater) -> R) -> R {
        let mut d = DEFLATER
            .with(|slot| slot.borrow_mut().take())
            .unwrap_or_else(|| Deflater {
                zlib: flate2::Compress::new(flate2::Compression::new(1), true),
                raw: flate2::Compress::new(flate2::Compression::new(1), false),
                buf: Vec::new(),
            });
        let r = f(&mut d);
        if d.buf.capacity() > KEEP_BYTES {
            d.buf = Vec::new();
        }
        DEFLATER.with(|slot| *slot.borrow_mut() = Some(d));
        r
    }

    /// `data` as a zlib stream, borrowed until the next call; `None` only if zlib-rs
    /// reports an error (it cannot, deflating into a buffer that grows).
    pub(crate) fn zlib(&mut self, data: &[u8]) -> Option<&[u8]> {
        self.deflate(true, data)
    }

    /// `data` as raw deflate (a ZIP entry's method 8), borrowed until the next call.
    pub(crate) fn raw(&mut self, data: &[u8]) -> Option<&[u8]> {
        self.deflate(false, data)
    }

    /// `data` deflated (`zlib`: with zlib's header and checksum), through the memo when
    /// its size is in the memo's range.
    fn deflate(&mut self, zlib: bool, data: &[u8]) -> Option<&[u8]> {
        let Deflater { zlib: z, raw, buf } = self;
        let c = if zlib { z } else { raw };
        if !(KEPT_MIN..=KEPT_MAX).contains(&data.len()) {
            run(c, data, buf)?;
            return Some(buf);
        }
        let mut h = rustc_hash::FxHasher::default();
        h.write_u8(u8::from(zlib));
        h.write(data);
        // Made here, the bytes are in `buf` already; found, they are copied there.
        let mut made = false;
        let packed: Arc<Option<Vec<u8>>> = kept().get_or_make(
            h.finish(),
            |(form, input)| *form == zlib && **input == *data,
            || {
                made = true;
                run(c, data, buf).map(|()| buf.clone())
            },
            |packed| {
                let key: Key = (zlib, data.into());
                (key, data.len() + packed.as_ref().map_or(0, Vec::capacity))
            },
        );
        let packed = packed.as_deref()?;
        if !made {
            buf.clear();
            buf.extend_from_slice(packed);
        }
        Some(buf)
    }
}

/// Deflates `data` with `c` into `out` (cleared first), growing it as needed.
fn run(c: &mut flate2::Compress, data: &[u8], out: &mut Vec<u8>) -> Option<()> {
    out.clear();
    out.reserve(data.len() / 2 + 64);
    c.reset();
    loop {
        let done = usize::try_from(c.total_in()).ok()?;
        let input = data.get(done..).unwrap_or(&[]);
        match c.compress_vec(input, out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => return Some(()),
            Ok(_) => out.reserve(out.capacity().max(1024)),
            Err(_) => return None,
        }
    }
}

/// `data` as a zlib stream at level 1, in a new vector: the logo and the sRGB profile
/// (made once), a fallback font's subset.
pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
    Deflater::with(|d| d.zlib(data).map(<[u8]>::to_vec)).unwrap_or_else(|| stored(data))
}

/// `data` as a zlib stream at level 9, for bytes deflated once a run and embedded in many
/// files (a theme face's seeded font subset): slower to make than level 1's, but made
/// once; the fixtures' 34 PDFs were 10 % smaller for it (2.52 -> 2.27 MB).
pub(crate) fn zlib_best(data: &[u8]) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), true);
    let mut out = Vec::new();
    match run(&mut c, data, &mut out) {
        Some(()) => out,
        None => stored(data),
    }
}

/// `data` as a zlib stream of stored (uncompressed) blocks.
fn stored(data: &[u8]) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::none(), true);
    let mut out = Vec::with_capacity(data.len() + data.len() / 65_535 * 5 + 11);
    run(&mut c, data, &mut out).map_or_else(Vec::new, |()| out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn inflate(z: &[u8], zlib: bool) -> Vec<u8> {
        let mut back = Vec::new();
        if zlib {
            flate2::read::ZlibDecoder::new(z).read_to_end(&mut back)
        } else {
            flate2::read::DeflateDecoder::new(z).read_to_end(&mut back)
        }
        .expect("inflates");
        back
    }

    #[test]
    fn every_form_inflates_to_its_data() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for data in [&b""[..], b"BT /F1 12 Tf ET", &text] {
            for z in [zlib(data), stored(data)] {
                assert_eq!(z[0] & 0x0F, 8, "deflate, as zlib names it");
                assert_eq!(inflate(&z, true), data);
            }
            let raw = Deflater::with(|d| d.raw(data).map(<[u8]>::to_vec)).expect("deflated");
            assert_eq!(inflate(&raw, false), data);
        }
        assert!(stored(&text).len() > text.len(), "stored");
        assert!(
            zlib(&text).len() < text.len() / 20,
            "compressed, not stored"
        );
    }

    #[test]
    fn a_short_stream_after_a_long_one_is_its_own() {
        let long = vec![7u8; 100_000];
        let short = b"q 1 0 0 1 0 0 cm Q";
        let (a, b) = Deflater::with(|d| {
            let a = d.zlib(&long).map(<[u8]>::to_vec);
            (a, d.zlib(short).map(<[u8]>::to_vec))
        });
        assert_eq!(inflate(&b.expect("short"), true), short);
        assert_eq!(inflate(&a.expect("long"), true), long);
    }

    #[test]
    fn a_kept_input_comes_back_as_deflating_it_makes_it() {
        // In the memo's range; its own bytes, so no other test's input is kept first.
        let data: Vec<u8> = b"a_kept_input_comes_back "
            .iter()
            .cycle()
            .take(3000)
            .copied()
            .collect();
        let fresh = |zlib: bool| {
            let mut c = flate2::Compress::new(flate2::Compression::new(1), zlib);
            let mut out = Vec::new();
            run(&mut c, &data, &mut out).expect("deflates");
            out
        };
        let (zlib, raw) = (fresh(true), fresh(false));
        assert_ne!(zlib, raw);
        // Made, made and kept, then found: the same bytes each time, in either form.
        for _ in 0..4 {
            let got = Deflater::with(|d| {
                let z = d.zlib(&data).map(<[u8]>::to_vec);
                (z, d.raw(&data).map(<[u8]>::to_vec))
            });
            assert_eq!(got, (Some(zlib.clone()), Some(raw.clone())));
        }
        assert_eq!(inflate(&zlib, true), data);
    }
}
