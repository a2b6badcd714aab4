#pragma once
// Test or training images with their class labels, as every dataset reader returns them: images
// in channel-major order (count × channels × rows × cols), 8-bit pixels or float values.
#include "common/InputError.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kh {

struct LabeledDataset {
    int count = 0, channels = 1, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;   // 8-bit images; empty when the data are floats
    std::vector<float> values;          // float images (NumPy float arrays); empty for 8-bit data
    std::vector<std::int32_t> labels;   // class index per image
    std::string description;            // for reports: where the data came from, split, count

    bool eightBit() const { return values.empty(); }
    std::size_t imageSize() const { return std::size_t(channels) * std::size_t(rows) * std::size_t(cols); }
    // "3x32x32"
    std::string shapeText() const { return std::to_string(channels) + "x" + std::to_string(rows) + "x" + std::to_string(cols); }
};

// Every reader's split argument: "test" or "train".
inline void checkSplit(const std::string& split)
{
    if (split != "test" && split != "train")
        throw InputError("split: expected \"test\" or \"train\", got \"" + split + "\"");
}

} // namespace kh
