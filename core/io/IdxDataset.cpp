#include "io/IdxDataset.h"

#include "common/InputError.h"
#include "common/TextFile.h"

#include <zlib.h>

#include <cstdlib>
#include <filesystem>

namespace kh {

namespace {
std::uint32_t bigEndian32(const std::string& b, size_t at)
{
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16)
           | (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
// Beyond ImageNet's 1.28 M training images and 4096-pixel sides; 4 GiB of pixels in all.
constexpr std::uint32_t kMaxCount = 10000000, kMaxSide = 4096, kMaxChannels = 1024;
constexpr std::size_t kMaxPixelBytes = std::size_t(1) << 32;
} // namespace

std::string inflateMaybeGzip(const std::string& raw, const std::string& source, std::size_t maxBytes, GzipOverflow overflow)
{
    if (raw.size() < 2 || std::uint8_t(raw[0]) != 0x1f || std::uint8_t(raw[1]) != 0x8b) {
        if (raw.size() > maxBytes && overflow == GzipOverflow::Reject)
            throw InputError(source + ": holds more than the " + std::to_string(maxBytes) + " bytes its content declares");
        return overflow == GzipOverflow::Reject ? raw : raw.substr(0, maxBytes);
    }
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw InputError(source + ": cannot initialise gzip decoder");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    zs.avail_in = uInt(raw.size());
    std::string out;
    char buffer[1 << 16];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw InputError(source + ": corrupt gzip data (" + (zs.msg ? zs.msg : "inflate error") + ")");
        }
        out.append(buffer, sizeof buffer - zs.avail_out);
        // Stop as soon as the output passes what the content can need: a small file that inflates
        // to gigabytes never gets the chance to.
        if (out.size() > maxBytes) {
            inflateEnd(&zs);
            if (overflow == GzipOverflow::Truncate)
                return out.substr(0, maxBytes);
            throw InputError(source + ": decompresses to more than the " + std::to_string(maxBytes) + " bytes its content declares");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw InputError(source + ": truncated gzip data");
        }
    }
    inflateEnd(&zs);
    return out;
}

std::string readMaybeGzip(const std::string& path, std::size_t maxBytes)
{
    return inflateMaybeGzip(readTextFile(path), path, maxBytes, GzipOverflow::Reject);
}

IdxHeader parseIdxImageHeader(const std::string& b, const std::string& source)
{
    // Magic: two zero bytes, the type (0x08: unsigned byte) and the number of dimensions.
    const std::uint32_t magic = b.size() >= 4 ? bigEndian32(b, 0) : 0;
    if (magic != 0x0803 && magic != 0x0804)
        throw InputError(source + ": not an IDX image file (unsigned bytes in 3 or 4 dimensions: magic 2051 or 2052 expected)");
    const bool four = magic == 0x0804;
    IdxHeader h;
    h.headerBytes = four ? 20 : 16;
    if (b.size() < h.headerBytes)
        throw InputError(source + ": truncated IDX header");
    h.count = bigEndian32(b, 4);
    h.channels = four ? bigEndian32(b, 8) : 1;
    h.rows = bigEndian32(b, four ? 12 : 8);
    h.cols = bigEndian32(b, four ? 16 : 12);
    if (h.count > kMaxCount || h.channels == 0 || h.channels > kMaxChannels || h.rows == 0 || h.cols == 0 || h.rows > kMaxSide
        || h.cols > kMaxSide || h.bytes() > kMaxPixelBytes)
        throw InputError(source + ": implausible IDX dimensions " + std::to_string(h.count) + "x" + (four ? std::to_string(h.channels) + "x" : "")
                         + std::to_string(h.rows) + "x" + std::to_string(h.cols));
    return h;
}

IdxImages parseIdxImages(const std::string& b, const std::string& source)
{
    const IdxHeader h = parseIdxImageHeader(b, source);
    IdxImages img;
    const size_t bytes = h.bytes();
    if (b.size() - h.headerBytes < bytes)
        throw InputError(source + ": truncated IDX image data (" + std::to_string(b.size() - h.headerBytes) + " of " + std::to_string(bytes)
                         + " bytes)");
    img.count = int(h.count);
    img.channels = int(h.channels);
    img.rows = int(h.rows);
    img.cols = int(h.cols);
    img.pixels.assign(b.begin() + std::ptrdiff_t(h.headerBytes), b.begin() + std::ptrdiff_t(h.headerBytes + bytes));
    return img;
}

std::vector<std::uint8_t> parseIdxLabels(const std::string& b, const std::string& source)
{
    if (b.size() < 8 || bigEndian32(b, 0) != 2049)
        throw InputError(source + ": not an IDX label file (magic 2049 expected)");
    const std::uint32_t n = bigEndian32(b, 4);
    if (n > kMaxCount || b.size() - 8 < n)
        throw InputError(source + ": truncated IDX label data");
    return std::vector<std::uint8_t>(b.begin() + 8, b.begin() + 8 + std::ptrdiff_t(n));
}

std::string defaultDatasetDirectory(const std::string& name)
{
    if (const char* env = std::getenv("KIRCHHOFF_DATASETS"))
        return std::string(env) + "/" + name;
    return "/usr/share/datasets/" + name;
}

namespace {
// The image and label files of a split, or "" when absent.
std::pair<std::string, std::string> idxFiles(const std::string& dir, const std::string& split)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string prefix = split == "test" ? "t10k" : "train";
    auto find = [&](const std::vector<std::string>& bases) {
        for (const std::string& base : bases)
            for (const std::string& candidate : {base + ".gz", base})
                if (fs::is_regular_file(fs::path(dir) / candidate, ec))
                    return (fs::path(dir) / candidate).string();
        return std::string();
    };
    return {find({prefix + "-images-idx3-ubyte", prefix + "-images-idx4-ubyte"}), find({prefix + "-labels-idx1-ubyte"})};
}
} // namespace

bool isIdxDirectory(const std::string& directory)
{
    const auto [images, labels] = idxFiles(directory, "test");
    return !images.empty() && !labels.empty();
}

LabeledDataset loadIdxDataset(const std::string& nameOrDirectory, const std::string& split)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string dir = fs::is_directory(nameOrDirectory, ec) ? nameOrDirectory : defaultDatasetDirectory(nameOrDirectory);
    if (!fs::is_directory(dir, ec))
        throw InputError(nameOrDirectory + ": no such dataset directory (looked in " + dir
                         + "; install dataset-fashion-mnist or give a directory)");
    checkSplit(split);
    const auto [imagesPath, labelsPath] = idxFiles(dir, split);
    const std::string prefix = split == "test" ? "t10k" : "train";
    if (imagesPath.empty())
        throw InputError(dir + ": missing " + prefix + "-images-idx3-ubyte[.gz]");
    if (labelsPath.empty())
        throw InputError(dir + ": missing " + prefix + "-labels-idx1-ubyte[.gz]");
    LabeledDataset d;
    // Labels first (one byte per image), then the images' header: the counts must agree before the
    // pixels are inflated, and the pixels may take no more room than the header declares.
    const std::vector<std::uint8_t> labels = parseIdxLabels(readMaybeGzip(labelsPath, 8 + kMaxCount), labelsPath);
    const std::string imagesRaw = readTextFile(imagesPath);
    const IdxHeader h = parseIdxImageHeader(inflateMaybeGzip(imagesRaw, imagesPath, 20, GzipOverflow::Truncate), imagesPath);
    if (std::size_t(h.count) != labels.size())
        throw InputError(labelsPath + ": " + std::to_string(labels.size()) + " labels for " + std::to_string(h.count) + " images in " + imagesPath);
    IdxImages images = parseIdxImages(inflateMaybeGzip(imagesRaw, imagesPath, h.headerBytes + h.bytes(), GzipOverflow::Reject), imagesPath);
    d.count = images.count;
    d.channels = images.channels;
    d.rows = images.rows;
    d.cols = images.cols;
    d.pixels = std::move(images.pixels);
    d.labels.assign(labels.begin(), labels.end());
    d.description = dir + " (" + split + ", " + std::to_string(d.count) + " images)";
    return d;
}

} // namespace kh
