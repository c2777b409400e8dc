//! Deflate for the files we write: PDF streams (zlib) and DOCX parts (raw deflate).
//!
//! libdeflate at level 1, one compressor and one output buffer per thread, kept from
//! file to file. On the 30 documents of the first ten engagements of the
//! 100-engagement build (378 streams, 4.5 MB), libdeflate's level 1 took 27 ms and made
//! 1.56 MB where zlib-rs's level 1 (what flate2 and the zip crate use) took 41 ms for
//! 1.79 MB; its level 6 made them 6 % smaller again for twice the time. zlib-rs also
//! clears 128 KiB of hash table for every stream it starts, a tenth of all the
//! instructions of a build whose documents have some fifty streams each.

use std::cell::RefCell;

/// libdeflate's level 1 (its `CompressionLvl::fastest()` is level 0, stored blocks).
const LEVEL: libdeflater::CompressionLvl = match libdeflater::CompressionLvl::new(1) {
    Ok(level) => level,
    Err(_) => panic!("libdeflate has a level 1"),
};

/// A scratch buffer larger than this is given back after the file that needed it.
const KEEP_BYTES: usize = 4 << 20;

thread_local! {
    static DEFLATER: RefCell<Option<Deflater>> = const { RefCell::new(None) };
}

/// A compressor and the buffer its output goes to.
pub(crate) struct Deflater {
    compressor: libdeflater::Compressor,
    buf: Vec<u8>,
}

impl Deflater {
    /// Runs `f` with this thread's deflater, made on first use and kept for the next file
    /// (making one allocates its tables; the buffer grows to the largest stream once).
    pub(crate) fn with<R>(f: impl FnOnce(&mut Deflater) -> R) -> R {
        let mut d = DEFLATER
            .with(|slot| slot.borrow_mut().take())
            .unwrap_or_else(|| Deflater {
                compressor: libdeflater::Compressor::new(LEVEL),
                buf: Vec::new(),
            });
        let r = f(&mut d);
        if d.buf.len() > KEEP_BYTES {
            d.buf = Vec::new();
        }
        DEFLATER.with(|slot| *slot.borrow_mut() = Some(d));
        r
    }

    /// `data` as a zlib stream, borrowed until the next call; `None` only if libdeflate
    /// found its own bound too small.
    pub(crate) fn zlib(&mut self, data: &[u8]) -> Option<&[u8]> {
        let bound = self.compressor.zlib_compress_bound(data.len());
        self.grow(bound);
        let n = self.compressor.zlib_compress(data, &mut self.buf).ok()?;
        self.buf.get(..n)
    }

    /// `data` as raw deflate (a ZIP entry's method 8), borrowed until the next call.
    pub(crate) fn raw(&mut self, data: &[u8]) -> Option<&[u8]> {
        let bound = self.compressor.deflate_compress_bound(data.len());
        self.grow(bound);
        let n = self.compressor.deflate_compress(data, &mut self.buf).ok()?;
        self.buf.get(..n)
    }

    /// The buffer at least `len` long; its old bytes are not cleared, libdeflate writes
    /// before it reads.
    fn grow(&mut self, len: usize) {
        if self.buf.len() < len {
            self.buf.resize(len, 0);
        }
    }
}

/// `data` as a zlib stream, for bytes made once and embedded in many files (the logo,
/// the sRGB profile).
pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
    Deflater::with(|d| d.zlib(data).map(<[u8]>::to_vec)).unwrap_or_else(|| stored(data))
}

/// `data` as a zlib stream of stored (uncompressed) blocks.
fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65_535 * 5 + 11);
    out.extend_from_slice(&[0x78, 0x01]);
    let mut blocks = data.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&libdeflater::adler32(data).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_inflates_to_its_data() {
        let mut inflate = libdeflater::Decompressor::new();
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for data in [&b""[..], b"BT /F1 12 Tf ET", &text] {
            let mut back = vec![0; data.len()];
            for z in [zlib(data), stored(data)] {
                assert_eq!(z[0] & 0x0F, 8, "deflate, as zlib names it");
                let n = inflate
                    .zlib_decompress(&z, &mut back)
                    .expect("a zlib stream");
                assert_eq!(&back[..n], data);
            }
            let raw = Deflater::with(|d| d.raw(data).map(<[u8]>::to_vec)).expect("deflated");
            let n = inflate
                .deflate_decompress(&raw, &mut back)
                .expect("raw deflate");
            assert_eq!(&back[..n], data);
        }
        assert_eq!(stored(&text).len(), text.len() + 2 + 4 + 5 * 13);
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
        let mut back = vec![0; long.len()];
        let mut inflate = libdeflater::Decompressor::new();
        let n = inflate
            .zlib_decompress(&b.expect("short"), &mut back)
            .expect("zlib");
        assert_eq!(&back[..n], short);
        let n = inflate
            .zlib_decompress(&a.expect("long"), &mut back)
            .expect("zlib");
        assert_eq!(&back[..n], &long[..]);
    }
}
