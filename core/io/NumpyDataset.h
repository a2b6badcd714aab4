#pragma once
// Datasets as NumPy arrays: images N×H×W, N×C×H×W or N×H×W×C (uint8 values 0–255 are 8-bit pixels,
// anything else is taken as float values), labels N (or N×1) class indices.
//  - a .npz archive (np.savez or np.savez_compressed; read with libzip) holding x_test/y_test and
//    x_train/y_train (Keras' names), or images/labels, or x/y (then the archive is the test split);
//  - a .npy file of images with its labels beside it: "images" in the name becomes "labels"
//    (test_images.npy → test_labels.npy), a leading x becomes y (x_test.npy → y_test.npy), or
//    <name>_labels.npy; its training split is the same names with "test" replaced by "train".
#include "io/LabeledDataset.h"
#include "io/Npy.h"
#include "spec/DesignPoint.h"

#include <string>

namespace kh {

bool isNumpyPath(const std::string& path);
// Images and labels (already read) as a dataset; errors name 'source'.
LabeledDataset datasetFromArrays(const NpyArray& images, const NpyArray& labels, DatasetLayout layout, const std::string& source);
LabeledDataset loadNumpyDataset(const std::string& path, const std::string& split, DatasetLayout layout);

} // namespace kh
