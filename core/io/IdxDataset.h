#pragma once
// IDX files of the MNIST family (LeCun's format), plain or gzip-compressed: images (unsigned
// bytes, N×H×W or N×C×H×W) and labels (unsigned bytes, N). The default location is the Debian
// package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist); any directory with the same
// file names works.
#include "io/LabeledDataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh {

struct IdxImages {
    int count = 0, channels = 1, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;   // count × channels × rows × cols
};

struct IdxHeader {
    std::uint32_t count = 0, channels = 1, rows = 0, cols = 0;
    std::size_t headerBytes = 16;   // 4 + 4 per dimension
    std::size_t bytes() const { return std::size_t(count) * channels * rows * cols; }
};

// The header of an image file: magic (unsigned bytes, 3 or 4 dimensions), count and sizes,
// checked against the format's limits.
IdxHeader parseIdxImageHeader(const std::string& bytes, const std::string& sourceName);
IdxImages parseIdxImages(const std::string& bytes, const std::string& sourceName);
std::vector<std::uint8_t> parseIdxLabels(const std::string& bytes, const std::string& sourceName);

// What to do when the data passes maxBytes: reject it (InputError), or return its first maxBytes.
enum class GzipOverflow { Reject, Truncate };
// The bytes themselves, or inflated when they are gzip-compressed; inflating stops as soon as the
// output passes maxBytes, so a small file cannot expand to more than its content declares.
std::string inflateMaybeGzip(const std::string& raw, const std::string& sourceName, std::size_t maxBytes, GzipOverflow overflow);
// Reads a file, inflating it when it is gzip-compressed, at most maxBytes of content.
std::string readMaybeGzip(const std::string& path, std::size_t maxBytes = std::size_t(1) << 32);

// "fashion-mnist" (or "mnist") from the system dataset directory, or a directory path holding
// {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] (idx4 for N×C×H×W images). split: "test" or
// "train".
std::string defaultDatasetDirectory(const std::string& name);
LabeledDataset loadIdxDataset(const std::string& nameOrDirectory, const std::string& split);
// Whether the directory holds IDX files of that naming.
bool isIdxDirectory(const std::string& directory);

} // namespace kh
