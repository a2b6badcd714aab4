#pragma once
// CIFAR-10 and CIFAR-100 in their binary distribution (Krizhevsky, "Learning Multiple Layers of
// Features from Tiny Images", 2009; cifar-10-binary.tar.gz and cifar-100-binary.tar.gz):
// CIFAR-10 records are 1 label byte + 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each
// 32×32 row-major), in data_batch_1…5.bin and test_batch.bin; CIFAR-100 records carry a coarse
// and a fine label byte before the pixels, in train.bin and test.bin (the fine label is used).
#include "io/LabeledDataset.h"

#include <string>

namespace kh {

enum class CifarKind { Cifar10, Cifar100 };

// One file's records appended to 'out' (3×32×32 images); errors name the file and the record.
void parseCifarRecords(const std::string& bytes, const std::string& sourceName, CifarKind kind, LabeledDataset& out);
// Which CIFAR layout the directory holds, if any.
bool isCifarDirectory(const std::string& directory);
// split: "test" or "train".
LabeledDataset loadCifarDataset(const std::string& directory, const std::string& split);

} // namespace kh
