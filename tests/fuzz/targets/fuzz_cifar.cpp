// CIFAR-10 / CIFAR-100 binary records (the first byte chooses the layout; the rest is the file).
#include "../FuzzTarget.h"

#include "io/CifarDataset.h"

#include <cstdlib>

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    if (bytes.empty())
        return;
    const kh::CifarKind kind = bytes[0] % 2 ? kh::CifarKind::Cifar100 : kh::CifarKind::Cifar10;
    kh::LabeledDataset d;
    kh::parseCifarRecords(bytes.substr(1), "fuzz.bin", kind, d);
    if (d.pixels.size() != d.imageSize() * size_t(d.count) || d.labels.size() != size_t(d.count))
        std::abort();
}
