#pragma once
// IDX files of the MNIST family (LeCun's format), plain or gzip-compressed: images (magic 2051,
// uint8 N×H×W) and labels (magic 2049, uint8 N). The default location is the Debian package
// dataset-fashion-mnist (/usr/share/datasets/fashion-mnist); any directory with the same four
// file names works.
#include <cstdint>
#include <string>
#include <vector>

namespace kh {

struct IdxImages {
    int count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;   // count × rows × cols
};

struct LabeledDataset {
    IdxImages images;
    std::vector<std::uint8_t> labels;
    std::string description;
};

IdxImages parseIdxImages(const std::string& bytes, const std::string& sourceName);
std::vector<std::uint8_t> parseIdxLabels(const std::string& bytes, const std::string& sourceName);
// Reads a file, inflating it when it is gzip-compressed.
std::string readMaybeGzip(const std::string& path);

// "fashion-mnist" (or "mnist") from the system dataset directory, or a directory path holding
// {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]. split: "test" or "train".
std::string defaultDatasetDirectory(const std::string& name);
LabeledDataset loadIdxDataset(const std::string& nameOrDirectory, const std::string& split);

} // namespace kh
