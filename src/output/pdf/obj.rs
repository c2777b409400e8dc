//! The PDF file itself: its objects, and their serialisation with object streams and a
//! cross-reference stream (PDF 1.7, which PDF/A-2 is based on).
//!
//! lopdf's generic writer took 30 % of a whole `build`: every dictionary a map of
//! heap-allocated keys, every object cloned into its object stream and formatted through
//! `fmt`, a fresh deflater for every stream. Here a dictionary is a short vector of
//! mostly static keys, each object is written once, straight into its object stream's
//! buffer, numbers are written without `fmt`, and one deflater serves the whole file.
//! What the file holds is decided by `emit`, `embed`, `tags` and `pdfa`; this module
//! only numbers and writes it.

use std::borrow::Cow;

use crate::output::deflate::Deflater;

/// A dictionary key or a name.
pub(crate) type Key = Cow<'static, str>;

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    /// Written with at most four decimals.
    Real(f32),
    Name(Key),
    /// A byte string, written as a literal string.
    Str(Vec<u8>),
    /// A text string (any script): PDFDocEncoding when it is printable ASCII, else
    /// UTF-16BE with a byte-order mark.
    Text(String),
    /// A byte string, written in hexadecimal.
    Hex(Vec<u8>),
    Ref(u32),
    Array(Vec<Obj>),
    Dict(Dict),
}

/// A dictionary: its entries in the order they were set.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Dict(Vec<(Key, Obj)>);

impl Dict {
    pub(crate) fn new() -> Dict {
        Dict(Vec::new())
    }

    /// A dictionary whose `/Type` is `t`.
    pub(crate) fn typed(t: &'static str) -> Dict {
        let mut d = Dict(Vec::with_capacity(8));
        d.set("Type", name(t));
        d
    }

    /// Sets `key` (replacing its value if it is there).
    pub(crate) fn set(&mut self, key: impl Into<Key>, value: Obj) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A name object.
pub(crate) fn name(s: &'static str) -> Obj {
    Obj::Name(Cow::Borrowed(s))
}

/// A text string object.
pub(crate) fn text(s: &str) -> Obj {
    Obj::Text(s.to_string())
}

/// How a stream's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    /// Deflated here, when that makes them smaller.
    Deflate,
    /// Kept as they are (the XMP metadata, which PDF/A wants readable).
    None,
    /// Already zlib-deflated by the caller (the logo, the sRGB profile, a font subset).
    Deflated,
}

enum Body {
    Obj(Obj),
    /// Written already, by [`File::set_raw`]: a range of [`File::raw`].
    Raw(std::ops::Range<usize>),
    Stream {
        dict: Dict,
        data: Vec<u8>,
        filter: Filter,
    },
}

/// Most objects an object stream holds: one stream for all of most documents (a plan
/// has 500-900 objects). It was 200 (lopdf's figure): a plan's five streams each cost
/// a deflater reset, and one larger stream deflates smaller (the 100-engagement
/// build's files 1.0 % smaller in all). Readers find an object by the stream's offset
/// table, so its size changes nothing for them at these sizes.
const PER_OBJECT_STREAM: usize = 1000;

/// The objects of one PDF file, numbered from 1 in the order they are reserved.
pub(crate) struct File {
    objs: Vec<Option<Body>>,
    /// The bytes of the objects written by [`File::set_raw`].
    raw: Vec<u8>,
}

impl File {
    pub(crate) fn new() -> File {
        File {
            objs: Vec::with_capacity(256),
            raw: Vec::new(),
        }
    }

    /// A new object number, to be given its object by [`File::set`].
    pub(crate) fn reserve(&mut self) -> u32 {
        self.objs.push(None);
        self.objs.len() as u32
    }

    fn slot(&mut self, id: u32) -> Option<&mut Option<Body>> {
        self.objs.get_mut((id as usize).checked_sub(1)?)
    }

    pub(crate) fn set(&mut self, id: u32, obj: Obj) {
        if let Some(s) = self.slot(id) {
            *s = Some(Body::Obj(obj));
        }
    }

    /// Gives object `id` the object `write` writes, straight as bytes: for the many
    /// small objects of a structure tree, which would otherwise each be built as a
    /// dictionary of vectors only to be written once and dropped.
    pub(crate) fn set_raw(&mut self, id: u32, write: impl FnOnce(&mut Out<'_>)) {
        let start = self.raw.len();
        write(&mut Out {
            out: &mut self.raw,
            first: true,
        });
        let end = self.raw.len();
        if let Some(s) = self.slot(id) {
            *s = Some(Body::Raw(start..end));
        }
    }

    pub(crate) fn add(&mut self, obj: Obj) -> u32 {
        self.objs.push(Some(Body::Obj(obj)));
        self.objs.len() as u32
    }

    pub(crate) fn add_dict(&mut self, d: Dict) -> u32 {
        self.add(Obj::Dict(d))
    }

    /// About the size of the file [`File::finish`] writes, a little over most often: the
    /// streams written as they are at their size, a third of those deflated here (page
    /// content deflates to a third or less), a third of the objects written as bytes
    /// (their object stream deflates to under that), and room for each object's
    /// dictionary and cross-reference entry: the sample's three PDFs 84, 61 and 60 KB
    /// against 91, 67 and 64 KB. A fixed 64 KiB made a plan's buffer grow, copying it.
    fn size_hint(&self) -> usize {
        let mut n = 4096 + self.raw.len() / 3 + self.objs.len() * 16;
        for body in self.objs.iter().flatten() {
            if let Body::Stream { data, filter, .. } = body {
                n += 96
                    + match filter {
                        Filter::Deflate => data.len() / 3,
                        Filter::None | Filter::Deflated => data.len(),
                    };
            }
        }
        n
    }

    pub(crate) fn add_stream(&mut self, dict: Dict, data: Vec<u8>, filter: Filter) -> u32 {
        self.objs.push(Some(Body::Stream { dict, data, filter }));
        self.objs.len() as u32
    }

    /// Serialises the file: the streams as objects of their own, every other object in
    /// deflated object streams, then a cross-reference stream whose trailer names `root`
    /// and `info`. The `/ID` is the first 16 bytes of the SHA-256 of every byte before the
    /// cross-reference stream, so the same objects always give the same bytes. Returns
    /// the file and its SHA-256.
    pub(crate) fn finish(self, root: u32, info: Option<u32>) -> (Vec<u8>, [u8; 32]) {
        Deflater::with(|z| self.finish_with(z, root, info))
    }

    fn finish_with(self, z: &mut Deflater, root: u32, info: Option<u32>) -> (Vec<u8>, [u8; 32]) {
        let size = self.objs.len() + 2; // object 0, the objects, the xref stream
        let mut out = Vec::with_capacity(self.size_hint());
        out.extend_from_slice(b"%PDF-1.7\n%\xBF\xF7\xA2\xFE\n");
        // Per object: (type, field 2, field 3) of its cross-reference entry.
        let mut xref: Vec<(u8, u32, u16)> = vec![(0, 0, 0xFFFF); size];
        let mut pending: Vec<(u32, Pending)> = Vec::with_capacity(self.objs.len());
        for (i, body) in self.objs.into_iter().enumerate() {
            let id = i as u32 + 1;
            match body {
                Some(Body::Stream { dict, data, filter }) => {
                    if let Some(e) = xref.get_mut(id as usize) {
                        *e = (1, out.len() as u32, 0);
                    }
                    write_stream(&mut out, z, id, dict, data, filter);
                }
                Some(Body::Obj(o)) => pending.push((id, Pending::Obj(o))),
                Some(Body::Raw(r)) => pending.push((id, Pending::Raw(r))),
                None => pending.push((id, Pending::Obj(Obj::Null))),
            }
        }
        // The object streams take the numbers after the xref stream's.
        let mut head = Vec::new();
        let mut body = Vec::new();
        for (stm, group) in (size as u32..).zip(pending.chunks(PER_OBJECT_STREAM)) {
            head.clear();
            body.clear();
            for (k, (id, o)) in group.iter().enumerate() {
                int(&mut head, u64::from(*id));
                head.push(b' ');
                int(&mut head, body.len() as u64);
                head.push(b' ');
                match o {
                    Pending::Obj(o) => write_obj(&mut body, o),
                    Pending::Raw(r) => {
                        body.extend_from_slice(self.raw.get(r.clone()).unwrap_or(&[]))
                    }
                }
                body.push(b'\n');
                if let Some(e) = xref.get_mut(*id as usize) {
                    *e = (2, stm, k as u16);
                }
            }
            let first = head.len();
            head.extend_from_slice(&body);
            xref.push((1, out.len() as u32, 0));
            let mut d = Dict::typed("ObjStm");
            d.set("N", Obj::Int(group.len() as i64));
            d.set("First", Obj::Int(first as i64));
            let data = std::mem::take(&mut head);
            write_stream(&mut out, z, stm, d, data, Filter::Deflate);
        }
        // The cross-reference stream: object `size - 1`, covering every object.
        let xref_id = size - 1;
        if let Some(e) = xref.get_mut(xref_id) {
            *e = (1, out.len() as u32, 0);
        }
        let mut table = Vec::with_capacity(xref.len() * 7);
        for (t, f2, f3) in &xref {
            table.push(*t);
            table.extend_from_slice(&f2.to_be_bytes());
            table.extend_from_slice(&f3.to_be_bytes());
        }
        let mut d = Dict::typed("XRef");
        d.set("Size", Obj::Int(xref.len() as i64));
        d.set("W", Obj::Array(vec![Obj::Int(1), Obj::Int(4), Obj::Int(2)]));
        d.set("Root", Obj::Ref(root));
        if let Some(info) = info {
            d.set("Info", Obj::Ref(info));
        }
        let zero = Obj::Hex(vec![0; 16]);
        d.set("ID", Obj::Array(vec![zero.clone(), zero]));
        let start = out.len();
        write_stream(&mut out, z, xref_id as u32, d, table, Filter::Deflate);
        out.extend_from_slice(b"startxref\n");
        int(&mut out, start as u64);
        out.extend_from_slice(b"\n%%EOF\n");
        let sha256 = patch_id(&mut out, start);
        (out, sha256)
    }
}

/// An object waiting for its object stream.
enum Pending {
    Obj(Obj),
    Raw(std::ops::Range<usize>),
}

/// Writes one object's syntax straight into bytes, spaced exactly as [`write_obj`]
/// spaces an [`Obj`]: items of a dictionary or an array are separated by one space, a
/// key from its value by one space.
pub(crate) struct Out<'a> {
    out: &'a mut Vec<u8>,
    /// Nothing written yet at this level (or a key just written): no space before the
    /// next item.
    first: bool,
}

impl Out<'_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(b' ');
        }
        self.first = false;
    }

    /// A dictionary key; its value is written next.
    pub(crate) fn key(&mut self, k: &str) {
        self.sep();
        write_name(self.out, k);
        self.out.push(b' ');
        self.first = true;
    }

    pub(crate) fn name(&mut self, n: &str) {
        self.sep();
        write_name(self.out, n);
    }

    pub(crate) fn int(&mut self, v: i64) {
        self.obj(&Obj::Int(v));
    }

    pub(crate) fn reference(&mut self, id: u32) {
        self.obj(&Obj::Ref(id));
    }

    /// Any object, as [`write_obj`] writes it.
    pub(crate) fn obj(&mut self, o: &Obj) {
        self.sep();
        write_obj(self.out, o);
    }

    /// A dictionary whose entries `f` writes.
    pub(crate) fn dict(&mut self, f: impl FnOnce(&mut Out<'_>)) {
        self.nested(b"<<", b">>", f);
    }

    /// An array whose items `f` writes.
    pub(crate) fn array(&mut self, f: impl FnOnce(&mut Out<'_>)) {
        self.nested(b"[", b"]", f);
    }

    /// `open`, the items `f` writes at a new level, `close`.
    fn nested(&mut self, open: &[u8], close: &[u8], f: impl FnOnce(&mut Out<'_>)) {
        self.sep();
        self.out.extend_from_slice(open);
        f(&mut Out {
            out: self.out,
            first: true,
        });
        self.out.extend_from_slice(close);
    }
}

/// Replaces the two zero `/ID` strings of the trailer (in the xref stream's dictionary,
/// after `start`) with the first 16 bytes of the SHA-256 of the file before `start`
/// (every object, so the content), and returns the SHA-256 of the whole file as
/// written: one pass over the bytes gives both.
fn patch_id(out: &mut [u8], start: usize) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let start = start.min(out.len());
    let (body, tail) = out.split_at_mut(start);
    let mut state = Sha256::new();
    state.update(&*body);
    let id = state.clone().finalize();
    let mut hex = [0u8; 32];
    for (i, b) in id.iter().take(16).enumerate() {
        hex[2 * i] = HEX[usize::from(b >> 4)];
        hex[2 * i + 1] = HEX[usize::from(b & 15)];
    }
    let needle = [b'0'; 32];
    let mut from = 0;
    for _ in 0..2 {
        let Some(rest) = tail.get(from..) else { break };
        let Some(at) = rest
            .windows(34)
            .position(|w| w[0] == b'<' && w[33] == b'>' && w[1..33] == needle)
        else {
            break;
        };
        let pos = from + at + 1;
        if let Some(slot) = tail.get_mut(pos..pos + 32) {
            slot.copy_from_slice(&hex);
        }
        from = pos + 33;
    }
    state.update(&*tail);
    state.finalize().into()
}

fn write_stream(
    out: &mut Vec<u8>,
    z: &mut Deflater,
    id: u32,
    mut dict: Dict,
    data: Vec<u8>,
    filter: Filter,
) {
    let (bytes, deflated): (&[u8], bool) = match filter {
        Filter::Deflate => match z.zlib(&data) {
            Some(packed) if packed.len() + 19 < data.len() => (packed, true),
            _ => (&data, false),
        },
        Filter::None => (&data, false),
        Filter::Deflated => (&data, true),
    };
    if deflated {
        dict.set("Filter", name("FlateDecode"));
    }
    dict.set("Length", Obj::Int(bytes.len() as i64));
    int(out, u64::from(id));
    out.extend_from_slice(b" 0 obj\n");
    write_dict(out, &dict);
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// Writes a non-negative integer without the formatting machinery.
pub(crate) fn int(out: &mut Vec<u8>, v: u64) {
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(v).as_bytes());
}

/// `x` rounded half away from zero, as `f64::round` does, without the call into libm
/// that `round` is on x86-64's baseline (no SSE4.1; a few per cent of writing a page's
/// operators). Adding one half is exact for `|x| < 2^52` when `x` has at most 52
/// significant bits below the half, as an `f32` scaled by 100 or 10,000 has (24 bits
/// and 14), so truncating the sum gives `round`'s integer; larger values are integers
/// already.
pub(crate) fn rounded(x: f64) -> i64 {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    let a = x.abs();
    if a >= EXACT {
        return x as i64;
    }
    let t = (a + 0.5) as i64;
    if x < 0.0 {
        -t
    } else {
        t
    }
}

/// Writes a number with at most four decimals, trailing zeros dropped.
fn real(out: &mut Vec<u8>, v: f32) {
    let v = if v.is_finite() { f64::from(v) } else { 0.0 };
    let t = rounded(v * 10_000.0);
    if t < 0 {
        out.push(b'-');
    }
    let t = t.unsigned_abs();
    int(out, t / 10_000);
    let mut f = t % 10_000;
    if f != 0 {
        out.push(b'.');
        let mut div = 1000;
        while f != 0 {
            out.push(b'0' + (f / div) as u8);
            f %= div;
            div /= 10;
        }
    }
}

fn write_name(out: &mut Vec<u8>, s: &str) {
    let regular = |b: u8| {
        (0x21..=0x7E).contains(&b)
            && !matches!(
                b,
                b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' | b'#'
            )
    };
    out.push(b'/');
    // Nearly every name is written as it is: in one copy, not a byte at a time.
    if s.bytes().all(regular) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    for b in s.bytes() {
        if regular(b) {
            out.push(b);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend_from_slice(&[b'#', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'(');
    // The stretches between the bytes to escape are copied whole.
    let mut rest = bytes;
    while let Some(k) = rest
        .iter()
        .position(|b| matches!(b, b'(' | b')' | b'\\' | b'\r' | b'\n'))
    {
        let (plain, tail) = rest.split_at(k);
        out.extend_from_slice(plain);
        let Some((&b, tail)) = tail.split_first() else {
            rest = &[];
            break;
        };
        match b {
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.extend_from_slice(&[b'\\', b]),
        }
        rest = tail;
    }
    out.extend_from_slice(rest);
    out.push(b')');
}

fn write_hex(out: &mut Vec<u8>, bytes: impl Iterator<Item = u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for b in bytes {
        out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }
    out.push(b'>');
}

fn write_dict(out: &mut Vec<u8>, d: &Dict) {
    out.extend_from_slice(b"<<");
    for (i, (k, v)) in d.0.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_name(out, k);
        out.push(b' ');
        write_obj(out, v);
    }
    out.extend_from_slice(b">>");
}

/// Writes one direct object.
fn write_obj(out: &mut Vec<u8>, o: &Obj) {
    match o {
        Obj::Null => out.extend_from_slice(b"null"),
        Obj::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Obj::Int(v) => {
            if *v < 0 {
                out.push(b'-');
            }
            int(out, v.unsigned_abs());
        }
        Obj::Real(v) => real(out, *v),
        Obj::Name(n) => write_name(out, n),
        Obj::Str(s) => write_literal(out, s),
        Obj::Text(s) => {
            if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
                write_literal(out, s.as_bytes());
            } else {
                let units = s.encode_utf16().flat_map(u16::to_be_bytes);
                write_hex(out, [0xFE, 0xFF].into_iter().chain(units));
            }
        }
        Obj::Hex(h) => write_hex(out, h.iter().copied()),
        Obj::Ref(id) => {
            int(out, u64::from(*id));
            out.extend_from_slice(b" 0 R");
        }
        Obj::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_obj(out, item);
            }
            out.push(b']');
        }
        Obj::Dict(d) => write_dict(out, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_is_round_for_every_scaled_f32() {
        let check = |v: f32| {
            for scale in [100.0, 10_000.0] {
                let x = f64::from(v) * scale;
                assert_eq!(rounded(x), x.round() as i64, "{v} * {scale}");
            }
        };
        // Every f32 between -2^24 and 2^24 at a stride over the bit patterns, and the
        // halves and their neighbours, where rounding changes its mind.
        for bits in (0..0x4B80_0000u32).step_by(997) {
            let v = f32::from_bits(bits);
            check(v);
            check(-v);
        }
        for k in -100_000i32..100_000 {
            let half = (k as f32 + 0.5) / 100.0;
            for v in [half, half.next_up(), half.next_down()] {
                check(v);
            }
        }
        assert_eq!(rounded(f64::from(f32::MAX) * 100.0), i64::MAX);
        assert_eq!(rounded(-1e300), i64::MIN);
        assert_eq!(rounded(-0.4), 0);
    }

    fn written(o: &Obj) -> String {
        let mut out = Vec::new();
        write_obj(&mut out, o);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn objects_are_written_as_pdf_syntax() {
        assert_eq!(written(&Obj::Real(533.486_8)), "533.4868");
        assert_eq!(written(&Obj::Real(-0.5)), "-0.5");
        assert_eq!(written(&Obj::Real(12.0)), "12");
        assert_eq!(written(&Obj::Int(-42)), "-42");
        assert_eq!(written(&Obj::Name("A B#(".into())), "/A#20B#23#28");
        assert_eq!(
            written(&Obj::Str(b"a(b)\\\n".to_vec())),
            "(a\\(b\\)\\\\\\n)"
        );
        assert_eq!(written(&Obj::Name("StructElem".into())), "/StructElem");
        assert_eq!(written(&Obj::Str(b"".to_vec())), "()");
        assert_eq!(written(&Obj::Str(b"plain".to_vec())), "(plain)");
        assert_eq!(written(&Obj::Str(b"\r\r(x".to_vec())), "(\\r\\r\\(x)");
        assert_eq!(written(&text("Plan")), "(Plan)");
        assert_eq!(written(&text("ção")), "<FEFF00E700E3006F>");
        let mut d = Dict::typed("Page");
        d.set("Kids", Obj::Array(vec![Obj::Ref(3), Obj::Null]));
        d.set("Type", name("Pages"));
        assert_eq!(
            written(&Obj::Dict(d)),
            "<</Type /Pages /Kids [3 0 R null]>>"
        );
    }

    #[test]
    fn a_file_reads_back_with_lopdf_and_its_id_is_its_hash() {
        let mut f = File::new();
        let pages = f.reserve();
        let page = f.reserve();
        let content = f.add_stream(Dict::new(), b"BT ET\n".repeat(50), Filter::Deflate);
        let mut p = Dict::typed("Page");
        p.set("Parent", Obj::Ref(pages));
        p.set("Contents", Obj::Ref(content));
        p.set(
            "MediaBox",
            Obj::Array([0.0, 0.0, 595.0, 842.0].map(Obj::Real).to_vec()),
        );
        f.set(page, Obj::Dict(p));
        let mut ps = Dict::typed("Pages");
        ps.set("Kids", Obj::Array(vec![Obj::Ref(page)]));
        ps.set("Count", Obj::Int(1));
        f.set(pages, Obj::Dict(ps));
        let mut cat = Dict::typed("Catalog");
        cat.set("Pages", Obj::Ref(pages));
        let root = f.add_dict(cat);
        let (bytes, sha256) = f.finish(root, None);
        {
            use sha2::{Digest, Sha256};
            assert_eq!(<[u8; 32]>::from(Sha256::digest(&bytes)), sha256);
            // The /ID: the hash of what comes before the cross-reference stream.
            let xref = bytes
                .windows(10)
                .rposition(|w| w == b"startxref\n")
                .and_then(|at| std::str::from_utf8(&bytes[at + 10..]).ok())
                .and_then(|t| t.lines().next()?.parse::<usize>().ok())
                .expect("a startxref offset");
            let id: String = Sha256::digest(&bytes[..xref])
                .iter()
                .take(16)
                .map(|b| format!("{b:02X}"))
                .collect();
            let text = String::from_utf8_lossy(&bytes[xref..]);
            assert_eq!(text.matches(&format!("<{id}>")).count(), 2, "{text}");
        }
        let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads the file");
        assert_eq!(doc.get_pages().len(), 1);
        let content = doc.get_object((content, 0)).unwrap().as_stream().unwrap();
        assert_eq!(
            content.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        assert_eq!(
            content.decompressed_content().unwrap(),
            b"BT ET\n".repeat(50)
        );
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        let first = id[0].as_str().unwrap();
        assert_eq!(first.len(), 16);
        assert_ne!(first, &[0u8; 16][..]);
        // Deterministic: the same objects give the same bytes.
        let mut g = File::new();
        let r = g.add_dict(Dict::typed("Catalog"));
        let mut h = File::new();
        let r2 = h.add_dict(Dict::typed("Catalog"));
        assert_eq!(g.finish(r, None), h.finish(r2, None));
    }
}
