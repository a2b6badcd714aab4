#include "io/ImageFolderDataset.h"

#include "common/FileKinds.h"
#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/ImageCodec.h"
#include "io/ImageResize.h"

#include <algorithm>
#include <filesystem>

namespace kh {

namespace {

namespace fs = std::filesystem;

bool isImageFile(const fs::path& p)
{
    const std::string e = lowerExtension(p);
    return e == ".jpg" || e == ".jpeg" || e == ".png";
}

std::vector<std::string> sortedClassFolders(const std::string& dir)
{
    std::vector<std::string> classes;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
        if (isDirectoryPath(e.path()))
            classes.push_back(e.path().filename().string());
    std::sort(classes.begin(), classes.end());
    return classes;
}

// One image as the model's planes: decoded, resized, centre-cropped, channel-major.
std::vector<std::uint8_t> preparedImage(const std::string& path, const DatasetPreprocessing& pre, int& cols, int& rows)
{
    RgbImage img = decodeImage(readTextFile(path), path);
    int w = img.width, h = img.height;
    std::vector<std::vector<std::uint8_t>> planes(3, std::vector<std::uint8_t>(size_t(w) * size_t(h)));
    for (size_t p = 0; p < size_t(w) * size_t(h); ++p)
        for (int c = 0; c < 3; ++c)
            planes[size_t(c)][p] = img.rgb[3 * p + size_t(c)];
    if (pre.resize) {
        int nw = 0, nh = 0;
        resizedSize(w, h, int(*pre.resize), nw, nh);
        if (nw < 1 || nh < 1 || (long long)nw * nh > kMaxImagePixels)
            throw InputError(path + ": resizing " + std::to_string(w) + "x" + std::to_string(h) + " to a shorter side of "
                             + std::to_string(int(*pre.resize)) + " gives an unusable size");
        for (auto& plane : planes)
            plane = resizePlane(plane.data(), w, h, nw, nh);
        w = nw;
        h = nh;
    }
    if (pre.crop) {
        const int c = int(*pre.crop);
        if (c > w || c > h)
            throw InputError(path + ": a centre crop of " + std::to_string(c) + " does not fit the " + std::to_string(w) + "x"
                             + std::to_string(h) + " image (set evaluation.dataset.preprocessing.resize to at least " + std::to_string(c) + ")");
        const int top = centreCropOffset(h, c), left = centreCropOffset(w, c);
        for (auto& plane : planes) {
            std::vector<std::uint8_t> cropped(size_t(c) * size_t(c));
            for (int y = 0; y < c; ++y)
                std::copy_n(&plane[size_t(top + y) * size_t(w) + size_t(left)], c, &cropped[size_t(y) * size_t(c)]);
            plane = std::move(cropped);
        }
        w = h = c;
    }
    cols = w;
    rows = h;
    std::vector<std::uint8_t> chw;
    chw.reserve(3 * planes[0].size());
    for (const auto& plane : planes)
        chw.insert(chw.end(), plane.begin(), plane.end());
    return chw;
}

} // namespace

std::string imageFolderSplit(const std::string& dir, const std::string& split)
{
    const fs::path root(dir);
    const bool hasSplits = isDirectoryPath(root / "train") && (isDirectoryPath(root / "val") || isDirectoryPath(root / "test"));
    if (!hasSplits)
        return split == "test" ? dir : std::string();
    if (split == "train")
        return (root / "train").string();
    return (isDirectoryPath(root / "val") ? root / "val" : root / "test").string();
}

ImageFolderIndex indexImageFolder(const std::string& dir)
{
    ImageFolderIndex index;
    index.classes = sortedClassFolders(dir);
    for (size_t c = 0; c < index.classes.size(); ++c) {
        std::vector<std::string> files;
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(fs::path(dir) / index.classes[c], fs::directory_options::follow_directory_symlink, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (isImageFile(it->path()) && !isDirectoryPath(it->path()))
                files.push_back(it->path().string());
        std::sort(files.begin(), files.end());
        for (const std::string& f : files) {
            index.files.push_back(f);
            index.labels.push_back(std::int32_t(c));
        }
    }
    return index;
}

bool isImageFolder(const std::string& dir)
{
    const std::string test = imageFolderSplit(dir, "test");
    const std::vector<std::string> classes = sortedClassFolders(test);
    if (classes.empty())
        return false;
    std::error_code ec;
    for (const std::string& c : classes)
        for (auto it = fs::recursive_directory_iterator(fs::path(test) / c, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (isImageFile(it->path()))
                return true;
    return false;
}

LabeledDataset loadImageFolder(const std::string& dir, const std::string& split, const DatasetPreprocessing& pre, int maxImages)
{
    checkSplit(split);
    const std::string splitDir = imageFolderSplit(dir, split);
    if (splitDir.empty())
        throw InputError(dir + ": no " + split + "/ folder");
    const ImageFolderIndex index = indexImageFolder(splitDir);
    if (index.files.empty())
        throw InputError(splitDir + ": no JPEG or PNG images in class sub-folders (one folder per class expected)");
    std::vector<size_t> chosen;
    const size_t total = index.files.size(), n = maxImages > 0 ? std::min(total, size_t(maxImages)) : total;
    for (size_t k = 0; k < n; ++k)
        chosen.push_back(k * total / n);
    std::vector<std::vector<std::uint8_t>> images(n);
    std::vector<int> cols(n), rows(n);
    std::vector<std::string> errors(n);
    // Images decode independently; the results go to fixed places, so the order of work does not
    // matter. Errors are collected and the first (in file order) is reported.
#pragma omp parallel for schedule(dynamic, 4)
    for (std::ptrdiff_t k = 0; k < std::ptrdiff_t(n); ++k) {
        try {
            images[size_t(k)] = preparedImage(index.files[chosen[size_t(k)]], pre, cols[size_t(k)], rows[size_t(k)]);
        } catch (const std::exception& e) {
            errors[size_t(k)] = e.what();
        }
    }
    for (const std::string& e : errors)
        if (!e.empty())
            throw InputError(e);
    LabeledDataset d;
    d.count = int(n);
    d.channels = 3;
    d.cols = cols[0];
    d.rows = rows[0];
    d.pixels.reserve(n * d.imageSize());
    for (size_t k = 0; k < n; ++k) {
        if (cols[k] != d.cols || rows[k] != d.rows)
            throw InputError(index.files[chosen[k]] + ": " + std::to_string(cols[k]) + "x" + std::to_string(rows[k])
                             + " after preprocessing, but " + index.files[chosen[0]] + " is " + std::to_string(d.cols) + "x"
                             + std::to_string(d.rows) + " (set evaluation.dataset.preprocessing.resize and crop)");
        d.pixels.insert(d.pixels.end(), images[k].begin(), images[k].end());
        d.labels.push_back(index.labels[chosen[k]]);
    }
    d.description = splitDir + " (image folder, " + std::to_string(index.classes.size()) + " classes, " + split + ", "
                    + std::to_string(n) + (n < total ? " of " + std::to_string(total) : std::string()) + " images)";
    return d;
}

} // namespace kh
