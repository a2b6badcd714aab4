#include "io/DatasetLoader.h"

#include "common/FileKinds.h"
#include "common/InputError.h"
#include "io/CifarDataset.h"
#include "io/IdxDataset.h"
#include "io/ImageCodec.h"
#include "io/ImageFolderDataset.h"
#include "io/ImageResize.h"
#include "io/NumpyDataset.h"

#include <filesystem>

namespace kh {

namespace {

// Resize and centre crop of every image of an 8-bit dataset, plane by plane.
void resizeAndCrop(LabeledDataset& d, const DatasetPreprocessing& pre, const std::string& path)
{
    if (!pre.resize && !pre.crop)
        return;
    if (!d.eightBit())
        throw InputError::atKey("evaluation.dataset.preprocessing", path + " holds float values; resize and crop apply to 8-bit images");
    int cols = d.cols, rows = d.rows;
    if (pre.resize)
        resizedSize(d.cols, d.rows, int(*pre.resize), cols, rows);
    const int crop = pre.crop ? int(*pre.crop) : 0;
    if (crop && (crop > cols || crop > rows))
        throw InputError::atKey("evaluation.dataset.preprocessing.crop", "a centre crop of " + std::to_string(crop) + " does not fit the "
                                                                              + std::to_string(cols) + "x" + std::to_string(rows) + " images of " + path);
    // Sizes a resize can reach from a very thin image are bounded like decoded images.
    constexpr double kMaxResizedBytes = 4294967296.0;
    if ((long long)cols * rows > kMaxImagePixels || double(cols) * rows * d.channels * d.count > kMaxResizedBytes)
        throw InputError::atKey("evaluation.dataset.preprocessing.resize", "resizing the " + std::to_string(d.cols) + "x" + std::to_string(d.rows)
                                                                                + " images of " + path + " to " + std::to_string(cols) + "x"
                                                                                + std::to_string(rows) + " needs too much memory");
    const int outCols = crop ? crop : cols, outRows = crop ? crop : rows;
    const int top = crop ? centreCropOffset(rows, crop) : 0, left = crop ? centreCropOffset(cols, crop) : 0;
    std::vector<std::uint8_t> out(size_t(d.count) * size_t(d.channels) * size_t(outCols) * size_t(outRows));
    const size_t planes = size_t(d.count) * size_t(d.channels), inPlane = size_t(d.cols) * size_t(d.rows);
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t p = 0; p < std::ptrdiff_t(planes); ++p) {
        const std::uint8_t* src = &d.pixels[size_t(p) * inPlane];
        const std::vector<std::uint8_t> resized = pre.resize ? resizePlane(src, d.cols, d.rows, cols, rows) : std::vector<std::uint8_t>(src, src + inPlane);
        std::uint8_t* dst = &out[size_t(p) * size_t(outCols) * size_t(outRows)];
        for (int y = 0; y < outRows; ++y)
            for (int x = 0; x < outCols; ++x)
                dst[size_t(y) * size_t(outCols) + size_t(x)] = resized[size_t(top + y) * size_t(cols) + size_t(left + x)];
    }
    d.pixels = std::move(out);
    d.cols = outCols;
    d.rows = outRows;
}

} // namespace

DatasetFormat sniffDatasetFormat(const std::string& path)
{
    if (isNumpyPath(path))
        return DatasetFormat::Numpy;
    if (!isDirectoryPath(path))
        return DatasetFormat::Idx;   // a name of the system's dataset package ("fashion-mnist")
    if (isIdxDirectory(path))
        return DatasetFormat::Idx;
    if (isCifarDirectory(path))
        return DatasetFormat::Cifar;
    if (isImageFolder(path))
        return DatasetFormat::ImageFolder;
    throw InputError(path + ": not a dataset this tool reads (IDX files, CIFAR binary batches, class folders of JPEG/PNG images, "
                            "or a .npy/.npz file)");
}

LabeledDataset loadDataset(const std::string& path, const std::string& split, const DatasetSpec& spec, int maxImages)
{
    const DatasetFormat format = spec.format == DatasetFormat::Auto ? sniffDatasetFormat(path) : spec.format;
    LabeledDataset d;
    switch (format) {
    case DatasetFormat::Auto:
    case DatasetFormat::Idx: d = loadIdxDataset(path, split); break;
    case DatasetFormat::Cifar: d = loadCifarDataset(path, split); break;
    case DatasetFormat::ImageFolder: return loadImageFolder(path, split, spec.preprocessing, maxImages);
    case DatasetFormat::Numpy: d = loadNumpyDataset(path, split, spec.layout); break;
    }
    resizeAndCrop(d, spec.preprocessing, path);
    return d;
}

LabeledDataset loadCalibrationDataset(const std::string& path, const DatasetSpec& spec, const LabeledDataset& test)
{
    try {
        // Calibration reads a few hundred images; an image folder decodes only those.
        return loadDataset(path, "train", spec, 1024);
    } catch (const InputError&) {
        return test;   // no training split: calibrate on test images
    }
}

} // namespace kh
