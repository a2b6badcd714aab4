// The dataset readers on small files in each real format, written here from the formula that
// tools/make_dataset_references.py used; the logits torch computed on the same images (and
// Pillow's resize of one plane) are committed in tests/data/datasets.
#include "TestFiles.h"

#include "cim/AccuracyEvaluator.h"
#include "common/InputError.h"
#include "io/CifarDataset.h"
#include "io/DatasetLoader.h"
#include "io/ImageCodec.h"
#include "io/ImageResize.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace kh;
using kh::test::writeTestFile;

namespace {

const std::string kData = std::string(KIRCHHOFF_TEST_DATA) + "/datasets/";

int pixel(int i, int c, int y, int x) { return (i * 37 + c * 71 + y * 13 + x * 7 + ((x * y + i) % 17) * 5) % 256; }

// Channel-major image i.
std::vector<std::uint8_t> image(int i, int channels, int rows, int cols)
{
    std::vector<std::uint8_t> v;
    for (int c = 0; c < channels; ++c)
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < cols; ++x)
                v.push_back(std::uint8_t(pixel(i, c, y, x)));
    return v;
}

RgbImage rgbImage(int i, int cols, int rows)
{
    RgbImage img{cols, rows, {}};
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            for (int c = 0; c < 3; ++c)
                img.rgb.push_back(std::uint8_t(pixel(i, c, y, x)));
    return img;
}

std::string bytesOf(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", path.c_str());
    return f.readAll().toStdString();
}

// The model's float logits on the whole dataset, preprocessed as the design point says.
std::vector<float> floatLogits(const std::string& model, const LabeledDataset& d, const DesignPoint& dp)
{
    const nn::Graph g = nn::importOnnx(model);
    return nn::Executor(g).run({cim::imageBatch(d, 0, d.count, dp.evaluation)})[0].f;
}

int argmax(const float* row, int n) { return int(std::max_element(row, row + n) - row); }

// Torch's accuracy from its logits and the labels.
double torchAccuracy(const NpyArray& logits, const std::vector<std::int32_t>& labels)
{
    const int classes = int(logits.shape[1]);
    int correct = 0;
    for (size_t b = 0; b < logits.shape[0]; ++b) {
        const double* row = &logits.floats[b * size_t(classes)];
        correct += int(std::max_element(row, row + classes) - row) == labels[b];
    }
    return double(correct) / double(logits.shape[0]);
}

void compareLogits(const std::vector<float>& ours, const NpyArray& torch, double tolerance)
{
    QCOMPARE(ours.size(), torch.floats.size());
    const int classes = int(torch.shape[1]);
    double worst = 0;
    for (size_t k = 0; k < ours.size(); ++k)
        worst = std::max(worst, std::fabs(double(ours[k]) - torch.floats[k]));
    QVERIFY2(worst <= tolerance, qPrintable(QString("largest logit difference %1").arg(worst)));
    for (size_t b = 0; b < torch.shape[0]; ++b) {
        const double* row = &torch.floats[b * size_t(classes)];
        QCOMPARE(argmax(&ours[b * size_t(classes)], classes), int(std::max_element(row, row + classes) - row));
    }
}

// kirchhoff-cli eval's float accuracy on the dataset (one chip, every image).
double cliFloatAccuracy(QTemporaryDir& dir, const std::string& model, const QString& dataset, const nlohmann::json& config, int images)
{
    const QString cfg = writeTestFile(dir, "dp.json", config.dump());
    const QString out = dir.filePath("eval.json");
    QProcess p;
    p.start(KIRCHHOFF_CLI_PATH, {"eval", "--model", QString::fromStdString(model), "--dataset", dataset, "--config", cfg, "--images",
                                 QString::number(images), "--chips", "1", "--quiet", "--json", out});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        qWarning("%s", p.readAllStandardError().constData());
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(f.readAll()).object()["float_accuracy"].toDouble(-1);
}

const nlohmann::json kCifarNormalisation = {{"mean", {0.4914, 0.4822, 0.4465}}, {"std", {0.2470, 0.2435, 0.2616}}};

} // namespace

class TestDatasets : public QObject {
    Q_OBJECT
private slots:
    void cifarBatchesGiveTorchsLogitsAndAccuracy()
    {
        QTemporaryDir dir;
        std::string batch;
        std::vector<std::int32_t> labels;
        for (int i = 0; i < 20; ++i) {
            labels.push_back((3 * i) % 10);
            batch += char(labels.back());
            const std::vector<std::uint8_t> img = image(i, 3, 32, 32);   // red, green, blue planes
            batch.append(img.begin(), img.end());
        }
        writeTestFile(dir, "test_batch.bin", batch);
        QCOMPARE(sniffDatasetFormat(dir.path().toStdString()), DatasetFormat::Cifar);
        DesignPoint dp = designPointFromJson({{"evaluation", {{"dataset", {{"preprocessing", kCifarNormalisation}}}}}});
        const LabeledDataset d = loadDataset(dir.path().toStdString(), "test", dp.evaluation.dataset);
        QCOMPARE(d.count, 20);
        QCOMPARE(QString::fromStdString(d.shapeText()), QString("3x32x32"));
        QCOMPARE(d.labels, labels);
        QVERIFY(d.description.find("CIFAR-10") != std::string::npos);
        const NpyArray torch = readNpy(kData + "cifar_tiny.logits.npy");
        // Float32 throughout on both sides; a few ulps of the logits' size apart.
        compareLogits(floatLogits(kData + "cifar_tiny.onnx", d, dp), torch, 1e-4);
        // The command line sees the same: its float accuracy is torch's on these files.
        const double cli = cliFloatAccuracy(dir, kData + "cifar_tiny.onnx", dir.path(), designPointToJson(dp), 20);
        QCOMPARE(cli, torchAccuracy(torch, labels));
        // No training split here: calibration falls back to the test images.
        QCOMPARE(loadCalibrationDataset(dir.path().toStdString(), dp.evaluation.dataset, d).count, 20);
    }

    void cifar100UsesTheFineLabelAndRejectsBadRecords()
    {
        QTemporaryDir dir;
        std::string records;
        for (int i = 0; i < 3; ++i) {
            records += char(i);            // coarse label
            records += char(50 + i);       // fine label
            const std::vector<std::uint8_t> img = image(i, 3, 32, 32);
            records.append(img.begin(), img.end());
        }
        writeTestFile(dir, "test.bin", records);
        writeTestFile(dir, "train.bin", records.substr(0, 3074));
        const LabeledDataset test = loadDataset(dir.path().toStdString(), "test", DatasetSpec{});
        QCOMPARE(test.labels, (std::vector<std::int32_t>{50, 51, 52}));
        QCOMPARE(loadDataset(dir.path().toStdString(), "train", DatasetSpec{}).count, 1);
        // A cut record and a label past the classes are errors naming the file.
        LabeledDataset out;
        try {
            parseCifarRecords(records.substr(0, 5000), "cut.bin", CifarKind::Cifar100, out);
            QFAIL("a cut record was accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith("cut.bin: "), e.what());
        }
        std::string badLabel = records.substr(0, 3073);
        badLabel[0] = char(10);
        QVERIFY_THROWS_EXCEPTION(InputError, parseCifarRecords(badLabel, "bad.bin", CifarKind::Cifar10, out));
    }

    void resizeGivesPillowsBytes()
    {
        const std::vector<std::uint8_t> plane = image(3, 1, 33, 47);
        for (const auto& [w, h] : {std::pair{20, 14}, std::pair{61, 40}, std::pair{47, 12}}) {
            const NpyArray pil = readNpy(kData + "resize_" + std::to_string(w) + "x" + std::to_string(h) + ".npy");
            const std::vector<std::uint8_t> ours = resizePlane(plane.data(), 47, 33, w, h);
            QCOMPARE(ours.size(), pil.ints.size());
            for (size_t k = 0; k < ours.size(); ++k)
                QCOMPARE(int(ours[k]), int(pil.ints[k]));
        }
        // torchvision's sizes: the shorter side to 256, the longer scaled and truncated.
        int w = 0, h = 0;
        resizedSize(300, 257, 256, w, h);
        QCOMPARE(w, 298);
        QCOMPARE(h, 256);
        QCOMPARE(centreCropOffset(257, 224), 16);   // 16.5 rounds half to even
        QCOMPARE(centreCropOffset(259, 224), 18);   // 17.5 as well
    }

    void imageFolderGivesTorchsLogitsAndAccuracy()
    {
        // Class folders as torchvision's ImageFolder reads them: PNGs of several sizes and a JPEG
        // per class, resized to 256 and centre-cropped to 224, ImageNet normalisation.
        QTemporaryDir dir;
        const std::vector<std::pair<std::string, std::vector<std::pair<int, int>>>> folder = {
            {"cat", {{300, 256}, {256, 280}}}, {"dog", {{320, 300}, {260, 260}}}, {"eel", {{280, 330}, {257, 256}}}};
        int index = 0;
        for (const auto& [cls, sizes] : folder) {
            QVERIFY(QDir(dir.path()).mkdir(QString::fromStdString(cls)));
            for (size_t k = 0; k < sizes.size(); ++k)
                writeTestFile(dir, QString::fromStdString(cls + "/img" + std::to_string(k) + ".png"),
                              encodePng(rgbImage(index++, sizes[k].first, sizes[k].second)));
            writeTestFile(dir, QString::fromStdString(cls + "/photo.jpg"), bytesOf(kData + cls + ".jpg"));
            writeTestFile(dir, QString::fromStdString(cls + "/notes.txt"), "not an image: skipped");
        }
        QCOMPARE(sniffDatasetFormat(dir.path().toStdString()), DatasetFormat::ImageFolder);
        const nlohmann::json pre = {{"resize", 256}, {"crop", 224}, {"mean", {0.485, 0.456, 0.406}}, {"std", {0.229, 0.224, 0.225}}};
        DesignPoint dp = designPointFromJson({{"evaluation", {{"dataset", {{"preprocessing", pre}}}}}});
        const LabeledDataset d = loadDataset(dir.path().toStdString(), "test", dp.evaluation.dataset);
        QCOMPARE(d.count, 9);
        QCOMPARE(QString::fromStdString(d.shapeText()), QString("3x224x224"));
        const NpyArray labels = readNpy(kData + "folder_tiny.labels.npy");
        QCOMPARE(d.labels, std::vector<std::int32_t>(labels.ints.begin(), labels.ints.end()));
        const NpyArray torch = readNpy(kData + "folder_tiny.logits.npy");
        compareLogits(floatLogits(kData + "folder_tiny.onnx", d, dp), torch, 1e-4);
        QCOMPARE(cliFloatAccuracy(dir, kData + "folder_tiny.onnx", dir.path(), designPointToJson(dp), 9), torchAccuracy(torch, d.labels));
        // A small budget reads images spread over all classes, not the first class only.
        const LabeledDataset few = loadDataset(dir.path().toStdString(), "test", dp.evaluation.dataset, 3);
        QCOMPARE(few.labels, (std::vector<std::int32_t>{0, 1, 2}));
        // Without resize and crop the sizes differ: the error names two files and the keys.
        try {
            loadDataset(dir.path().toStdString(), "test", DatasetSpec{});
            QFAIL("images of different sizes were accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("preprocessing.resize"), e.what());
        }
    }

    void corruptImagesAreNamed()
    {
        const std::string png = encodePng(rgbImage(0, 8, 8));
        for (const std::string& bad : {png.substr(0, 40), std::string("\xFF\xD8\xFF\xE0garbage", 11), std::string("GIF89a")}) {
            try {
                decodeImage(bad, "broken.img");
                QFAIL("a corrupt image decoded");
            } catch (const InputError& e) {
                QVERIFY2(QString(e.what()).startsWith("broken.img: "), e.what());
            }
        }
        // JPEG round trip: lossy, but close on a flat image.
        RgbImage flat{16, 16, std::vector<std::uint8_t>(16 * 16 * 3, 120)};
        const RgbImage back = decodeImage(encodeJpeg(flat, 90), "flat.jpg");
        QCOMPARE(back.width, 16);
        for (std::uint8_t v : back.rgb)
            QVERIFY(std::abs(int(v) - 120) <= 2);
    }

    void numpyArchivesAndFiles()
    {
        // np.savez_compressed's archive: uint8 N×H×W×C test images, float32 N×C×H×W training ones.
        const std::string npz = kData + "tiny.npz";
        QCOMPARE(sniffDatasetFormat(npz), DatasetFormat::Numpy);
        const LabeledDataset test = loadDataset(npz, "test", DatasetSpec{});
        QCOMPARE(QString::fromStdString(test.shapeText()), QString("3x8x6"));
        QVERIFY(test.eightBit());
        std::vector<std::uint8_t> expected;
        for (int i = 0; i < 5; ++i) {
            const std::vector<std::uint8_t> img = image(i, 3, 8, 6);
            expected.insert(expected.end(), img.begin(), img.end());
        }
        QCOMPARE(test.pixels, expected);
        QCOMPARE(test.labels, (std::vector<std::int32_t>{0, 1, 2, 0, 1}));
        const LabeledDataset train = loadDataset(npz, "train", DatasetSpec{});
        QVERIFY(!train.eightBit());
        QCOMPARE(train.count, 4);
        QCOMPARE(train.values[0], float(pixel(5, 0, 0, 0)) / 255.0f);
        // Float arrays are used as they are (scale 1 unless stated).
        EvaluationSpec e;
        QCOMPARE(cim::imageBatch(train, 0, 1, e).f[0], train.values[0]);

        // .npy with its labels beside it (images → labels in the name), N×C×H×W as int64.
        QTemporaryDir dir;
        std::vector<std::int64_t> px;
        for (int i = 0; i < 4; ++i)
            for (std::uint8_t v : image(i, 1, 5, 5))
                px.push_back(v);
        const QString images = writeTestFile(dir, "test_images.npy", formatNpyInt64({4, 1, 5, 5}, px));
        writeTestFile(dir, "test_labels.npy", formatNpyInt64({4}, {3, 1, 4, 1}));
        const LabeledDataset npy = loadDataset(images.toStdString(), "test", DatasetSpec{});
        QCOMPARE(QString::fromStdString(npy.shapeText()), QString("1x5x5"));
        QCOMPARE(npy.labels, (std::vector<std::int32_t>{3, 1, 4, 1}));
        QCOMPARE(int(npy.pixels[26]), pixel(1, 0, 0, 1));
        // Stated as N×H×W×C, the same array is 4 images of 1×5 with 5 channels.
        DatasetSpec nhwc;
        nhwc.layout = DatasetLayout::Nhwc;
        QCOMPARE(QString::fromStdString(loadDataset(images.toStdString(), "test", nhwc).shapeText()), QString("5x1x5"));
        // No labels beside it: the error lists the names it looked for.
        const QString alone = writeTestFile(dir, "pictures.npy", formatNpyInt64({4, 1, 5, 5}, px));
        try {
            loadDataset(alone.toStdString(), "test", DatasetSpec{});
            QFAIL("images without labels were accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("pictures_labels.npy"), e.what());
        }
    }

    void idxOfFourDimensions()
    {
        QTemporaryDir dir;
        auto be32 = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
        std::string images = be32(0x0804) + be32(2) + be32(3) + be32(4) + be32(5), labels = be32(0x0801) + be32(2) + std::string("\x07\x02", 2);
        for (int i = 0; i < 2; ++i)
            for (std::uint8_t v : image(i, 3, 4, 5))
                images += char(v);
        writeTestFile(dir, "t10k-images-idx4-ubyte", images);
        writeTestFile(dir, "t10k-labels-idx1-ubyte", labels);
        const LabeledDataset d = loadDataset(dir.path().toStdString(), "test", DatasetSpec{});
        QCOMPARE(QString::fromStdString(d.shapeText()), QString("3x4x5"));
        QCOMPARE(d.labels, (std::vector<std::int32_t>{7, 2}));
        QCOMPARE(int(d.pixels[60 + 21]), pixel(1, 1, 0, 1));
    }

    void mismatchesNameBothShapesAndTheKey()
    {
        const LabeledDataset fashion = loadDataset("fashion-mnist", "test", DatasetSpec{}, 10);
        const nn::Graph cifar = nn::importOnnx(kData + "cifar_tiny.onnx");
        try {
            cim::checkDatasetFitsModel(cifar, fashion);
            QFAIL("a 1-channel dataset was accepted for a 3-channel model");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("3x32x32") && QString(e.what()).contains("1x28x28"), e.what());
        }
        EvaluationSpec e;
        e.dataset.preprocessing.mean = {0.1, 0.2};   // two values for one channel
        try {
            cim::imageBatch(fashion, 0, 1, e);
            QFAIL("two means for one channel were accepted");
        } catch (const InputError& err) {
            QCOMPARE(QString::fromStdString(err.key()), QString("evaluation.dataset.preprocessing.mean"));
        }
        // Design-point rules: whole pixels, a crop within the resize, lists of equal length.
        for (const nlohmann::json& pre : {nlohmann::json{{"resize", 32.5}}, nlohmann::json{{"resize", 32}, {"crop", 40}},
                                          nlohmann::json{{"mean", {0.1, 0.2, 0.3}}, {"std", {0.5, 0.5}}}})
            QVERIFY_THROWS_EXCEPTION(InputError, designPointFromJson({{"evaluation", {{"dataset", {{"preprocessing", pre}}}}}}));
        // A folder that holds no dataset says what it looked for.
        QTemporaryDir empty;
        QVERIFY_THROWS_EXCEPTION(InputError, sniffDatasetFormat(empty.path().toStdString()));
    }

    void earlierNormalisationKeysStillRead()
    {
        // Files of the session before per-channel lists wrote one mean and std as numbers.
        const DesignPoint dp = designPointFromJson({{"evaluation", {{"input_mean", 0.2860}, {"input_std", 0.3530}}}});
        QCOMPARE(dp.evaluation.dataset.preprocessing.mean, std::vector<double>{0.2860});
        QCOMPARE(dp.evaluation.dataset.preprocessing.std, std::vector<double>{0.3530});
    }
};

QTEST_GUILESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
