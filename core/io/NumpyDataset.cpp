#include "io/NumpyDataset.h"

#include "common/FileKinds.h"
#include "common/InputError.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace kh {

namespace {

namespace fs = std::filesystem;

// An archive member may not inflate past this: beyond ImageNet's validation set as uint8.
constexpr zip_uint64_t kMaxMemberBytes = zip_uint64_t(1) << 33;

class ZipArchive {
public:
    explicit ZipArchive(const std::string& path) : path_(path)
    {
        int error = 0;
        zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
        if (!zip_) {
            zip_error_t e;
            zip_error_init_with_code(&e, error);
            const std::string what = zip_error_strerror(&e);
            zip_error_fini(&e);
            throw InputError(path + ": not a readable .npz (zip) archive (" + what + ")");
        }
    }
    ~ZipArchive() { zip_discard(zip_); }
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

    std::string read(const std::string& name) const
    {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            throw InputError(path_ + ": no member " + name);
        if (st.size > kMaxMemberBytes)
            throw InputError(path_ + ": member " + name + " declares " + std::to_string(st.size) + " bytes, more than a dataset holds");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(zip_, name.c_str(), 0), zip_fclose);
        if (!f)
            throw InputError(path_ + ": cannot open member " + name + " (" + zip_strerror(zip_) + ")");
        std::string out(size_t(st.size), '\0');
        zip_uint64_t done = 0;
        while (done < st.size) {
            const zip_int64_t n = zip_fread(f.get(), out.data() + done, st.size - done);
            if (n < 0)
                throw InputError(path_ + ": corrupt member " + name + " (" + zip_file_strerror(f.get()) + ")");
            if (n == 0)
                throw InputError(path_ + ": member " + name + " is shorter than its declared " + std::to_string(st.size) + " bytes");
            done += zip_uint64_t(n);
        }
        return out;
    }

private:
    std::string path_;
    zip_t* zip_ = nullptr;
};

// The labels file beside an images file.
std::string labelsPathFor(const std::string& imagesPath)
{
    const fs::path p(imagesPath);
    const std::string stem = p.stem().string();
    std::vector<std::string> candidates;
    if (const auto at = stem.find("images"); at != std::string::npos)
        candidates.push_back(std::string(stem).replace(at, 6, "labels"));
    if (!stem.empty() && (stem[0] == 'x' || stem[0] == 'X'))
        candidates.push_back((stem[0] == 'x' ? "y" : "Y") + stem.substr(1));
    candidates.push_back(stem + "_labels");
    for (const std::string& c : candidates)
        if (isRegularFilePath(p.parent_path() / (c + ".npy")))
            return (p.parent_path() / (c + ".npy")).string();
    std::string tried;
    for (const std::string& c : candidates)
        tried += (tried.empty() ? "" : ", ") + c + ".npy";
    throw InputError(imagesPath + ": no labels beside it (looked for " + tried + ")");
}

// The images file of the training split: "test" in the name becomes "train" ("" when none).
std::string trainPathFor(const std::string& testPath)
{
    const fs::path p(testPath);
    std::string name = p.filename().string();
    const auto at = name.find("test");
    if (at == std::string::npos)
        return {};
    name.replace(at, 4, "train");
    return isRegularFilePath(p.parent_path() / name) ? (p.parent_path() / name).string() : std::string();
}

} // namespace

bool isNumpyPath(const std::string& path)
{
    const std::string e = lowerExtension(path);
    return e == ".npy" || e == ".npz";
}

LabeledDataset datasetFromArrays(const NpyArray& images, const NpyArray& labels, DatasetLayout layout, const std::string& source)
{
    const std::vector<std::size_t>& s = images.shape;
    if (s.size() != 3 && s.size() != 4)
        throw InputError(source + ": images must be N×H×W, N×C×H×W or N×H×W×C, got " + std::to_string(s.size()) + " dimensions");
    bool nhwc = layout == DatasetLayout::Nhwc;
    if (s.size() == 4 && layout == DatasetLayout::Auto) {
        // Channels are the axis of size 1, 3 or 4 (grey, RGB, RGBA); when both candidates could be,
        // NCHW (PyTorch's order) wins.
        auto channelLike = [](std::size_t d) { return d == 1 || d == 3 || d == 4; };
        nhwc = channelLike(s[3]) && !channelLike(s[1]);
    }
    const std::size_t n = s[0], c = s.size() == 3 ? 1 : nhwc ? s[3] : s[1], h = s.size() == 3 ? s[1] : nhwc ? s[1] : s[2],
                      w = s.size() == 3 ? s[2] : nhwc ? s[2] : s[3];
    if (n == 0 || c == 0 || h == 0 || w == 0 || n > 100000000 || c > 1024 || h > 16384 || w > 16384)
        throw InputError(source + ": implausible image array shape");
    const std::vector<std::int64_t> y = labels.asInt64(source + " (labels)");
    if (!(labels.shape.size() == 1 || (labels.shape.size() == 2 && labels.shape[1] == 1)) || y.size() != n)
        throw InputError(source + ": " + std::to_string(y.size()) + " labels for " + std::to_string(n) + " images (labels must be N or N×1)");
    LabeledDataset d;
    d.count = int(n);
    d.channels = int(c);
    d.rows = int(h);
    d.cols = int(w);
    for (std::int64_t label : y) {
        if (label < 0 || label > 1000000)
            throw InputError(source + ": label " + std::to_string(label) + " is not a class index");
        d.labels.push_back(std::int32_t(label));
    }
    bool eightBit = images.is_integer;
    if (eightBit)
        eightBit = std::all_of(images.ints.begin(), images.ints.end(), [](std::int64_t v) { return v >= 0 && v <= 255; });
    const std::size_t image = c * h * w;
    // Source index of (b, ch, yy, xx) in the array's own order.
    auto at = [&](std::size_t b, std::size_t ch, std::size_t yy, std::size_t xx) {
        return nhwc ? ((b * h + yy) * w + xx) * c + ch : ((b * c + ch) * h + yy) * w + xx;
    };
    if (eightBit)
        d.pixels.resize(n * image);
    else
        d.values.resize(n * image);
    const std::vector<double> floats = images.is_integer && !eightBit ? images.asDouble() : std::vector<double>{};
    for (std::size_t b = 0; b < n; ++b)
        for (std::size_t ch = 0; ch < c; ++ch)
            for (std::size_t yy = 0; yy < h; ++yy)
                for (std::size_t xx = 0; xx < w; ++xx) {
                    const std::size_t to = ((b * c + ch) * h + yy) * w + xx, from = at(b, ch, yy, xx);
                    if (eightBit)
                        d.pixels[to] = std::uint8_t(images.ints[from]);
                    else
                        d.values[to] = float(images.is_integer ? floats[from] : images.floats[from]);
                }
    return d;
}

LabeledDataset loadNumpyDataset(const std::string& path, const std::string& split, DatasetLayout layout)
{
    checkSplit(split);
    LabeledDataset d;
    if (lowerExtension(path) == ".npz") {
        const ZipArchive zip(path);
        std::string x, y;
        for (const auto& [xs, ys] : {std::pair{"x_" + split, "y_" + split}, std::pair{split + "_images", split + "_labels"},
                                     std::pair{std::string("images"), std::string("labels")}, std::pair{std::string("x"), std::string("y")}}) {
            const bool splitNames = xs.find(split) != std::string::npos;
            if ((splitNames || split == "test") && zip.has(xs + ".npy") && zip.has(ys + ".npy")) {
                x = xs;
                y = ys;
                break;
            }
        }
        if (x.empty())
            throw InputError(path + ": no " + split + " arrays (x_" + split + "/y_" + split + ", " + split + "_images/" + split
                             + "_labels, images/labels or x/y)");
        d = datasetFromArrays(parseNpy(zip.read(x + ".npy"), path + ":" + x), parseNpy(zip.read(y + ".npy"), path + ":" + y), layout,
                              path + ":" + x);
    } else {
        const std::string images = split == "test" ? path : trainPathFor(path);
        if (images.empty())
            throw InputError(path + ": no training split beside it (\"test\" → \"train\" in the name)");
        d = datasetFromArrays(readNpy(images), readNpy(labelsPathFor(images)), layout, images);
    }
    d.description = path + " (NumPy, " + split + ", " + std::to_string(d.count) + " images)";
    return d;
}

} // namespace kh
