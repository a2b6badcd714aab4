#pragma once
// A sweep spec (docs/sweeps.md): a base design point, the axes to vary, how to sample them, the
// objectives and constraints that define "better", and the evaluation budget. Parsing names the
// key's path in every error; unknown keys are errors, as in the design point.
#include "dse/Pareto.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kh {

// One axis: an ordered list of values written at one or more design-point keys. A tied axis
// ("array.rows+array.cols+array.parallel_rows") sets all its keys to the same value.
struct SweepAxis {
    std::string name;                     // as written in the spec
    std::vector<std::string> keys;        // dotted design-point paths
    std::vector<nlohmann::json> values;   // in order (neighbours matter for mutation)
    // precision.adc_bits given relative to the lossless resolution: value k means lossless − k.
    bool losslessMinus = false;
};

enum class SamplerKind { Grid, Random, LatinHypercube, Nsga2 };

struct SamplerSpec {
    SamplerKind kind = SamplerKind::Grid;
    int points = 0;            // random / lhs: number of samples
    int population = 24;       // nsga2
    int generations = 10;      // nsga2: generations after the initial population
    double crossover = 0.9;    // nsga2: probability that two parents exchange genes
    double mutation = 0;       // nsga2: per-gene probability; 0 = 1 / number of axes
    unsigned long long seed = 1;
};

struct Objective {
    std::string metric;
    Direction direction = Direction::Maximize;
};

enum class CompareOp { Less, LessEqual, Greater, GreaterEqual, Equal };

struct Constraint {
    std::string metric;
    CompareOp op = CompareOp::LessEqual;
    double bound = 0;
    std::string text;   // as written, for messages
    bool holds(double value) const;
    // 0 when it holds, otherwise how far (relative to |bound|) the value is on the wrong side.
    double violation(double value) const;
};

struct SweepSpec {
    std::string name;
    std::string description;
    nlohmann::json base;          // canonical design-point JSON, file tables inlined
    std::string network_path;     // NetWork.csv or ONNX for PPA; empty = the model's layers
    std::string model_path;       // ONNX model for accuracy; empty = PPA only
    std::string dataset = "fashion-mnist";
    std::string network_digest;   // content digests: a point's identity must not depend on where
    std::string model_digest;     // the files sit on a given machine
    std::vector<SweepAxis> axes;
    SamplerSpec sampler;
    std::vector<Objective> objectives;
    std::vector<Constraint> constraints;
    nlohmann::json source;        // the spec as given (stored with the results)
    bool hasModel() const { return !model_path.empty(); }
};

// specDir resolves relative paths; executableDir finds presets ("vgg8", "neurosim_vgg8_rram22").
SweepSpec sweepSpecFromJson(const nlohmann::json& j, const std::string& specDir, const std::string& executableDir);
SweepSpec loadSweepSpecFile(const std::string& path, const std::string& executableDir);

// Metrics a point can carry (PPA, accuracy) — objectives and constraints must name one of them,
// or a design-point key ("array.rows").
const std::vector<std::string>& knownMetricNames();
bool isKnownMetric(const std::string& name);
// The natural direction of a metric: higher is better for accuracy, TOPS, TOPS/W, ...
Direction defaultDirection(const std::string& metric);
// "area_mm2 <= 100" -> Constraint; throws InputError at keyPath.
Constraint parseConstraint(const std::string& text, const std::string& keyPath);

} // namespace kh
