#pragma once
// The project file *.kirchhoff.json (docs/architecture.md, "Files"): one design point, the network it is estimated
// on, the model and dataset for accuracy, the sweep spec the user edits and the path of the
// sweep's results file. Versioned ("format": 1). Paths are stored relative to the project file so
// a project folder can be moved or shared; errors name the key's path.
#include "spec/DesignPoint.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kh {

struct Project {
    DesignPoint design;
    std::string network_path;          // NetWork.csv or ONNX used for PPA (absolute in memory)
    std::string model_path;            // ONNX model for accuracy; empty = PPA only
    std::string dataset = "fashion-mnist";
    nlohmann::json sweep = nullptr;    // sweep spec without base/model (the project supplies them)
    std::string results_path;          // SQLite results of the sweep; empty = none yet
};

inline constexpr int kProjectFormat = 1;

// baseDir resolves relative paths (the project file's folder).
Project projectFromJson(const nlohmann::json& j, const std::string& baseDir);
nlohmann::json projectToJson(const Project& p, const std::string& baseDir);
Project loadProjectFile(const std::string& path);
void saveProjectFile(const std::string& path, const Project& p);

// The full sweep spec a project describes: its sweep section with the project's design point as
// the base, its model, network and dataset. Throws InputError when the section is missing.
nlohmann::json projectSweepSpec(const Project& p);

} // namespace kh
