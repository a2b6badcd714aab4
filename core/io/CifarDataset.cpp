#include "io/CifarDataset.h"

#include "common/FileKinds.h"
#include "common/InputError.h"
#include "common/TextFile.h"

#include <filesystem>

namespace kh {

namespace {

constexpr int kSide = 32, kChannels = 3, kPixels = kSide * kSide * kChannels;
// More records than either dataset has (60 000 images) would not be CIFAR.
constexpr std::size_t kMaxRecordsPerFile = 100000;

namespace fs = std::filesystem;

bool exists(const std::string& dir, const std::string& name) { return isRegularFilePath(fs::path(dir) / name); }

// The files of a split, and which dataset they are.
std::vector<std::string> splitFiles(const std::string& dir, const std::string& split, CifarKind& kind)
{
    std::vector<std::string> files;
    if (exists(dir, "test_batch.bin") || exists(dir, "data_batch_1.bin")) {
        kind = CifarKind::Cifar10;
        if (split == "test") {
            files.push_back("test_batch.bin");
        } else {
            for (int k = 1; k <= 5; ++k)
                if (exists(dir, "data_batch_" + std::to_string(k) + ".bin"))
                    files.push_back("data_batch_" + std::to_string(k) + ".bin");
        }
    } else {
        kind = CifarKind::Cifar100;
        files.push_back(split == "test" ? "test.bin" : "train.bin");
    }
    for (std::string& f : files)
        f = (fs::path(dir) / f).string();
    return files;
}

} // namespace

void parseCifarRecords(const std::string& bytes, const std::string& source, CifarKind kind, LabeledDataset& out)
{
    const std::size_t labelBytes = kind == CifarKind::Cifar10 ? 1 : 2, record = labelBytes + kPixels;
    const int classes = kind == CifarKind::Cifar10 ? 10 : 100;
    if (bytes.empty() || bytes.size() % record != 0)
        throw InputError(source + ": " + std::to_string(bytes.size()) + " bytes is not a whole number of " + std::to_string(record)
                         + "-byte " + (kind == CifarKind::Cifar10 ? "CIFAR-10" : "CIFAR-100") + " records");
    const std::size_t n = bytes.size() / record;
    if (n > kMaxRecordsPerFile || std::size_t(out.count) + n > 10 * kMaxRecordsPerFile)
        throw InputError(source + ": more records (" + std::to_string(n) + ") than a CIFAR file holds");
    out.channels = kChannels;
    out.rows = out.cols = kSide;
    out.pixels.reserve(out.pixels.size() + n * kPixels);
    for (std::size_t r = 0; r < n; ++r) {
        const char* at = bytes.data() + r * record;
        const int label = std::uint8_t(at[labelBytes - 1]);
        if (label >= classes)
            throw InputError(source + ": record " + std::to_string(r + 1) + " has label " + std::to_string(label) + " (classes are 0-"
                             + std::to_string(classes - 1) + ")");
        out.labels.push_back(label);
        out.pixels.insert(out.pixels.end(), at + labelBytes, at + record);
    }
    out.count += int(n);
}

bool isCifarDirectory(const std::string& dir)
{
    return exists(dir, "test_batch.bin") || exists(dir, "data_batch_1.bin") || exists(dir, "test.bin") || exists(dir, "train.bin");
}

LabeledDataset loadCifarDataset(const std::string& dir, const std::string& split)
{
    checkSplit(split);
    CifarKind kind = CifarKind::Cifar10;
    const std::vector<std::string> files = splitFiles(dir, split, kind);
    LabeledDataset d;
    for (const std::string& f : files) {
        if (!exists(dir, fs::path(f).filename().string()))
            throw InputError(dir + ": missing " + fs::path(f).filename().string() + " (CIFAR " + split + " split)");
        parseCifarRecords(readTextFile(f), f, kind, d);
    }
    if (files.empty())
        throw InputError(dir + ": no data_batch_*.bin files (CIFAR-10 training split)");
    d.description = dir + (kind == CifarKind::Cifar10 ? " (CIFAR-10, " : " (CIFAR-100, ") + split + ", " + std::to_string(d.count) + " images)";
    return d;
}

} // namespace kh
