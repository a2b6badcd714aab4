#pragma once
// Accuracy under non-idealities (docs/simulation.md): calibrate input scales on a calibration batch,
// then for each of 'chips' simulated chips (one draw of all programmed conductances) run 'images'
// test images through the quantized network on CIM arrays. Reports the mean, standard deviation
// and 95 % confidence interval of accuracy over chips, the float accuracy of the same images, and
// the measured bit statistics per linear layer (for the PPA energy).
#include "common/Progress.h"
#include "io/LabeledDataset.h"
#include "nn/Graph.h"
#include "spec/ActivitySource.h"
#include "spec/DesignPoint.h"

#include <vector>

namespace kh::cim {

struct AccuracyReport {
    int images = 0;
    int chips = 0;
    double float_accuracy = 0;
    std::vector<double> chip_accuracy;
    double accuracy = 0;        // mean over chips
    double accuracy_std = 0;    // sample standard deviation over chips
    double accuracy_ci95 = 0;   // half-width of the 95 % interval of the mean (Student t)
    std::vector<LayerActivity> layers;
    int linear_layers = 0;
    double seconds = 0;
};

// calibration: images for input-range calibration (e.g. the training split); may be the test set.
// Images [first, first + count) as the model's input batch (N x C x rows x cols): scaled (8-bit
// pixels by 1/255 unless the preprocessing says otherwise) and normalised per channel by the
// design point's preprocessing mean and std. A mean or std list that fits neither one value nor
// the channels is an InputError naming the key.
nn::Tensor imageBatch(const LabeledDataset& d, int first, int count, const EvaluationSpec& e);
// InputError naming both shapes when the model declares an image shape the dataset does not have.
void checkDatasetFitsModel(const nn::Graph& model, const LabeledDataset& d);

AccuracyReport evaluateAccuracy(const nn::Graph& model, const LabeledDataset& test, const LabeledDataset& calibration,
                                const DesignPoint& dp, Progress* progress = nullptr);

// Student-t 97.5 % quantile for n − 1 degrees of freedom (1.96 beyond 30).
double studentT975(int degrees);

} // namespace kh::cim
