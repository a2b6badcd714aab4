#include "io/ImageCodec.h"

#include "common/InputError.h"

#include <png.h>
#include <turbojpeg.h>

#include <cstring>
#include <memory>

namespace kh {

namespace {

void checkSize(long long width, long long height, const std::string& source)
{
    if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels)
        throw InputError(source + ": image size " + std::to_string(width) + "x" + std::to_string(height) + " is outside 1 … "
                         + std::to_string(kMaxImageSide) + " per side");
}

struct TjHandle {
    tjhandle h;
    explicit TjHandle(tjhandle handle) : h(handle) {}
    ~TjHandle()
    {
        if (h)
            tjDestroy(h);
    }
    TjHandle(const TjHandle&) = delete;
    TjHandle& operator=(const TjHandle&) = delete;
};

RgbImage decodeJpeg(const std::string& bytes, const std::string& source)
{
    TjHandle tj(tjInitDecompress());
    if (!tj.h)
        throw InputError(source + ": cannot initialise the JPEG decoder");
    auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(tj.h, data, static_cast<unsigned long>(bytes.size()), &width, &height, &subsampling, &colorspace) != 0)
        throw InputError(source + ": not a readable JPEG (" + tjGetErrorStr2(tj.h) + ")");
    checkSize(width, height, source);
    RgbImage img;
    img.width = width;
    img.height = height;
    img.rgb.resize(size_t(width) * size_t(height) * 3);
    // Default flags: accurate integer DCT and smooth chroma upsampling, as PIL decodes.
    if (tjDecompress2(tj.h, data, static_cast<unsigned long>(bytes.size()), img.rgb.data(), width, 0, height, TJPF_RGB, 0) != 0
        && tjGetErrorCode(tj.h) == TJERR_FATAL)
        throw InputError(source + ": corrupt JPEG data (" + tjGetErrorStr2(tj.h) + ")");
    return img;
}

RgbImage decodePng(const std::string& bytes, const std::string& source)
{
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()))
        throw InputError(source + ": not a readable PNG (" + png.message + ")");
    // The decoder's state is released on every path (finish_read frees it, free is idempotent).
    const std::unique_ptr<png_image, void (*)(png_image*)> guard(&png, [](png_image* p) { png_image_free(p); });
    checkSize(png.width, png.height, source);
    const bool hasAlpha = (png.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    // Read with alpha when there is one and drop it after, so no compositing changes the colours.
    png.format = hasAlpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    std::vector<std::uint8_t> buffer(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, buffer.data(), 0, nullptr))
        throw InputError(source + ": corrupt PNG data (" + png.message + ")");
    RgbImage img;
    img.width = int(png.width);
    img.height = int(png.height);
    if (!hasAlpha) {
        img.rgb = std::move(buffer);
        return img;
    }
    img.rgb.resize(size_t(img.width) * size_t(img.height) * 3);
    for (size_t p = 0; p < size_t(img.width) * size_t(img.height); ++p)
        std::memcpy(&img.rgb[3 * p], &buffer[4 * p], 3);
    return img;
}

} // namespace

RgbImage decodeImage(const std::string& bytes, const std::string& source)
{
    const auto byte = [&](size_t k) { return k < bytes.size() ? std::uint8_t(bytes[k]) : 0; };
    if (byte(0) == 0xFF && byte(1) == 0xD8)
        return decodeJpeg(bytes, source);
    if (bytes.size() >= 8 && png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8) == 0)
        return decodePng(bytes, source);
    throw InputError(source + ": neither a JPEG nor a PNG image");
}

std::string encodePng(const RgbImage& image)
{
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = png_uint_32(image.width);
    png.height = png_uint_32(image.height);
    png.format = PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    if (!png_image_write_get_memory_size(png, size, 0, image.rgb.data(), 0, nullptr))
        throw InputError(std::string("PNG encoder: ") + png.message);
    std::string out(size, '\0');
    if (!png_image_write_to_memory(&png, out.data(), &size, 0, image.rgb.data(), 0, nullptr))
        throw InputError(std::string("PNG encoder: ") + png.message);
    out.resize(size);
    return out;
}

std::string encodeJpeg(const RgbImage& image, int quality)
{
    TjHandle tj(tjInitCompress());
    if (!tj.h)
        throw InputError("cannot initialise the JPEG encoder");
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    if (tjCompress2(tj.h, image.rgb.data(), image.width, 0, image.height, TJPF_RGB, &buffer, &size, TJSAMP_444, quality, 0) != 0) {
        tjFree(buffer);
        throw InputError(std::string("JPEG encoder: ") + tjGetErrorStr2(tj.h));
    }
    std::string out(reinterpret_cast<const char*>(buffer), size);
    tjFree(buffer);
    return out;
}

} // namespace kh
