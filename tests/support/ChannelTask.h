#pragma once
// A tiny two-class task for training tests: 2×4×4 float images whose label is the brighter channel.
#include "io/LabeledDataset.h"

#include <random>

namespace kh::test {

inline LabeledDataset channelTask(int count, unsigned seed)
{
    LabeledDataset d;
    d.count = count;
    d.channels = 2;
    d.rows = d.cols = 4;
    d.description = "channel task";
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    for (int i = 0; i < count; ++i) {
        const int label = i % 2;
        for (int c = 0; c < 2; ++c)
            for (int k = 0; k < 16; ++k)
                d.values.push_back(u(rng) * (c == label ? 1.0f : 0.6f));
        d.labels.push_back(label);
    }
    return d;
}

} // namespace kh::test
