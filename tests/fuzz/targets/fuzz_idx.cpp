// IDX images and labels, plain or gzip-compressed (inflated within what the header declares).
#include "../FuzzTarget.h"

#include "io/IdxDataset.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const std::string header = kh::inflateMaybeGzip(bytes, "fuzz.idx", 20, kh::GzipOverflow::Truncate);
    if (header.size() >= 4 && header[3] == 1) {
        kh::parseIdxLabels(kh::inflateMaybeGzip(bytes, "fuzz.idx", 1 << 24, kh::GzipOverflow::Reject), "fuzz.idx");
        return;
    }
    const kh::IdxHeader h = kh::parseIdxImageHeader(header, "fuzz.idx");
    const kh::IdxImages img = kh::parseIdxImages(kh::inflateMaybeGzip(bytes, "fuzz.idx", h.headerBytes + h.bytes(), kh::GzipOverflow::Reject), "fuzz.idx");
    if (img.pixels.size() != h.bytes())
        std::abort();
}
