#pragma once
// Image folders as torchvision's ImageFolder reads them: one sub-folder per class (classes in
// sorted order are labels 0, 1, …), JPEG and PNG files found recursively below each, in sorted
// order; other files are skipped. A folder with train/ and val/ (or test/) sub-folders holds both
// splits; any other folder is the test split alone.
//
// Every image is decoded as RGB, resized (shorter side) and centre-cropped as the preprocessing
// says; after that all images must share one size.
#include "io/LabeledDataset.h"
#include "spec/DesignPoint.h"

#include <string>
#include <vector>

namespace kh {

struct ImageFolderIndex {
    std::vector<std::string> classes;   // sorted sub-folder names
    std::vector<std::string> files;     // image paths, by class then path
    std::vector<std::int32_t> labels;   // per file
};

// The folder of the split ("" when the folder has no such split).
std::string imageFolderSplit(const std::string& directory, const std::string& split);
ImageFolderIndex indexImageFolder(const std::string& splitDirectory);
// Whether the directory looks like an image folder (class sub-folders holding images).
bool isImageFolder(const std::string& directory);
// maxImages > 0 loads that many images, evenly spaced over the sorted files (all classes), so a
// small evaluation budget does not read a whole ImageNet validation set nor only its first classes.
LabeledDataset loadImageFolder(const std::string& directory, const std::string& split, const DatasetPreprocessing& pre, int maxImages);

} // namespace kh
