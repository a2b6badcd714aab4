// JPEG and PNG decoding, then the resize and crop an image folder applies.
#include "../FuzzTarget.h"

#include "io/ImageCodec.h"
#include "io/ImageResize.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    const kh::RgbImage img = kh::decodeImage(bytes, "fuzz.img");
    if (img.rgb.size() != size_t(img.width) * size_t(img.height) * 3)
        std::abort();
    // Decoding is what untrusted bytes reach; resize a bounded plane of the result.
    if (img.width > 256 || img.height > 256)
        return;
    std::vector<std::uint8_t> plane(size_t(img.width) * size_t(img.height));
    for (size_t p = 0; p < plane.size(); ++p)
        plane[p] = img.rgb[3 * p];
    int w = 0, h = 0;
    kh::resizedSize(img.width, img.height, 7, w, h);
    if (kh::resizePlane(plane.data(), img.width, img.height, w, h).size() != size_t(w) * size_t(h))
        std::abort();
}
