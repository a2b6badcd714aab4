#pragma once
// JPEG (libjpeg-turbo's TurboJPEG API) and PNG (libpng's simplified API) images as 8-bit RGB, the
// way torchvision's ImageFolder loads them (PIL's convert("RGB"): grey is replicated, alpha is
// dropped). Sizes are checked from the header before any pixel is decoded.
#include <cstdint>
#include <string>
#include <vector>

namespace kh {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;   // height × width × 3, interleaved
};

// Largest side and pixel count accepted: beyond any photograph a network is evaluated on.
constexpr int kMaxImageSide = 16384;
constexpr long long kMaxImagePixels = 1LL << 27;

// Decodes a JPEG or PNG held in 'bytes'; errors name sourceName (InputError).
RgbImage decodeImage(const std::string& bytes, const std::string& sourceName);
// Encoders for tests and tools that write datasets in the real formats.
std::string encodePng(const RgbImage& image);
std::string encodeJpeg(const RgbImage& image, int quality);

} // namespace kh
