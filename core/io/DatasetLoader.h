#pragma once
// One entry for every dataset format (docs/datasets.md): "fashion-mnist" / "mnist" (the system's
// dataset package), an IDX folder, a CIFAR-10/100 binary folder, an image folder with one
// sub-folder per class, or NumPy .npy/.npz. With format "auto" the path's contents decide.
// Resize and centre crop apply to 8-bit images of any format; scaling and normalisation are the
// accuracy engine's (cim::imageBatch), so stored pixels stay exact.
#include "io/LabeledDataset.h"
#include "spec/DesignPoint.h"

#include <string>

namespace kh {

// The format of what 'path' names (InputError when it is none of them).
DatasetFormat sniffDatasetFormat(const std::string& path);
// split: "test" or "train". maxImages > 0 bounds what an image folder decodes (see
// loadImageFolder); other formats load whole files.
LabeledDataset loadDataset(const std::string& path, const std::string& split, const DatasetSpec& spec, int maxImages = 0);
// The training split for input calibration, or the test set itself when the dataset has none.
LabeledDataset loadCalibrationDataset(const std::string& path, const DatasetSpec& spec, const LabeledDataset& test);

} // namespace kh
