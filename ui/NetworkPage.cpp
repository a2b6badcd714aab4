#include "NetworkPage.h"

#include "FormWidgets.h"
#include "PresetCatalog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>

namespace kh::ui {

NetworkPage::NetworkPage(const QString& presetDir, QWidget* parent) : DesignPage(parent), presetDir_(presetDir)
{
    const PresetCatalog catalog(presetDir);
    network_ = new QComboBox;
    network_->setObjectName("networkBox");
    for (const QString& f : catalog.files("networks", "csv"))
        network_->addItem(PresetCatalog::label(f), f);
    for (const QString& f : catalog.files("models", "onnx"))
        network_->addItem(PresetCatalog::label(f) + " (ONNX)", f);
    model_ = new QComboBox;
    model_->addItem(tr("(none: PPA only)"), QString());
    for (const QString& f : catalog.files("models", "onnx"))
        model_->addItem(PresetCatalog::label(f), f);
    for (QComboBox* box : {network_, model_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
    }
    auto* openNet = new QPushButton(tr("Open…"));
    auto* openModel = new QPushButton(tr("Open…"));
    dataset_ = new QLineEdit("fashion-mnist");
    dataset_->setToolTip(tr("\"fashion-mnist\" (Debian package dataset-fashion-mnist), a folder of IDX files, CIFAR-10/100 binary "
                            "batches or class sub-folders of JPEG/PNG images, or a .npy/.npz file"));
    // Table-bound editors: each proposes its own key only, with the table's range.
    images_ = intEditor("evaluation.images", tr("Test images"));
    chips_ = intEditor("evaluation.chips", tr("Simulated chips"));
    format_ = enumEditor("evaluation.dataset.format", tr("Dataset format"));
    resize_ = textEditor("evaluation.dataset.preprocessing.resize", tr("Resize"));
    crop_ = textEditor("evaluation.dataset.preprocessing.crop", tr("Centre crop"));
    mean_ = textEditor("evaluation.dataset.preprocessing.mean", tr("Normalise: mean"));
    std_ = textEditor("evaluation.dataset.preprocessing.std", tr("Normalise: std"));
    seed_ = intSpin(0, 2000000000);

    auto* netRow = new QHBoxLayout;
    netRow->addWidget(network_, 1);
    netRow->addWidget(openNet);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(model_, 1);
    modelRow->addWidget(openModel);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Network (PPA)"), netRow);
    form->addRow(tr("Model (accuracy)"), modelRow);
    form->addRow(tr("Dataset"), dataset_);
    form->addRow(tr("Test images"), images_);
    form->addRow(tr("Simulated chips"), chips_);
    form->addRow(tr("Dataset format"), format_);
    form->addRow(tr("Resize (shorter side)"), resize_);
    form->addRow(tr("Centre crop"), crop_);
    form->addRow(tr("Normalise: mean"), mean_);
    form->addRow(tr("Normalise: std"), std_);
    form->addRow(tr("Seed"), seed_);
    form->addRow(status_);
    bindField("evaluation.seed", seed_);

    connect(network_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            emit networkChosen(network_->itemData(i).toString());
    });
    auto modelChanged = [this] { emit modelChosen(modelPath(), dataset()); };
    connect(model_, &QComboBox::currentIndexChanged, this, modelChanged);
    connect(dataset_, &QLineEdit::editingFinished, this, modelChanged);
    connect(openNet, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open network"), presetDir_ + "/networks",
                                                       tr("Networks (*.csv *.onnx)"));
        if (!f.isEmpty()) {
            showNetwork(f);
            emit networkChosen(f);
        }
    });
    connect(openModel, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open ONNX model"), presetDir_ + "/models", tr("ONNX (*.onnx)"));
        if (!f.isEmpty()) {
            showModel(f, dataset());
            emit modelChosen(f, dataset());
        }
    });
    connect(seed_, &QSpinBox::valueChanged, this, [this](int v) { proposeField("evaluation.seed", v, tr("Seed")); });
}

void NetworkPage::select(QComboBox* box, const QString& path)
{
    const QSignalBlocker block(box);
    int i = box->findData(path);
    if (i < 0 && !path.isEmpty()) {
        box->addItem(QFileInfo(path).completeBaseName(), path);
        i = box->count() - 1;
    }
    box->setCurrentIndex(std::max(0, i));
}

void NetworkPage::showNetwork(const QString& path) { select(network_, path); }

void NetworkPage::showModel(const QString& path, const QString& dataset)
{
    select(model_, path);
    dataset_->setText(dataset.isEmpty() ? QStringLiteral("fashion-mnist") : dataset);
}

QString NetworkPage::modelPath() const { return model_->currentData().toString(); }

QString NetworkPage::dataset() const { return dataset_->text().trimmed(); }

void NetworkPage::fill(const DesignPoint& dp)
{
    fillEditors(dp);
    // The box shows seeds up to 2^31 - 1; a larger one stays as it is until the box is edited.
    seed_->setValue(int(std::min<unsigned long long>(dp.evaluation.seed, 2000000000ULL)));
}

} // namespace kh::ui
