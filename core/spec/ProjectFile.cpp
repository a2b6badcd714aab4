#include "spec/ProjectFile.h"

#include "common/InputError.h"
#include "common/TextFile.h"
#include "spec/DesignPointJson.h"
#include "spec/JsonObjectReader.h"

#include <filesystem>

namespace kh {

namespace fs = std::filesystem;

namespace {
std::string absoluteFrom(const std::string& p, const std::string& baseDir)
{
    if (p.empty() || fs::path(p).is_absolute() || baseDir.empty())
        return p;
    return (fs::path(baseDir) / p).lexically_normal().string();
}

// Inside the project folder (or below it) a path is written relative, elsewhere absolute.
std::string relativeTo(const std::string& p, const std::string& baseDir)
{
    if (p.empty() || baseDir.empty() || !fs::path(p).is_absolute())
        return p;
    const fs::path rel = fs::path(p).lexically_normal().lexically_relative(fs::path(baseDir).lexically_normal());
    if (rel.empty() || *rel.begin() == "..")
        return p;
    return rel.string();
}
} // namespace

Project projectFromJson(const nlohmann::json& j, const std::string& baseDir)
{
    if (!j.is_object())
        throw InputError::atKey("", "a project must be a JSON object");
    JsonObjectReader r(j, "");
    int format = 0;
    if (!r.has("format"))
        throw InputError::atKey("format", "missing (this file is not a Kirchhoff project)");
    r.readInt("format", format, 1, 1000000);
    if (format != kProjectFormat)
        throw InputError::atKey("format", "format " + std::to_string(format) + " is not supported (this version reads format "
                                              + std::to_string(kProjectFormat) + ")");
    Project p;
    if (const nlohmann::json* d = r.raw("design")) {
        try {
            p.design = designPointFromJson(*d, baseDir);
        } catch (const InputError& e) {
            throw InputError(std::string("design.") + e.what());
        }
    }
    r.readString("network", p.network_path);
    r.readString("model", p.model_path);
    r.readString("dataset", p.dataset);
    r.readString("results", p.results_path);
    if (const nlohmann::json* s = r.raw("sweep")) {
        if (!s->is_null() && !s->is_object())
            throw InputError::atKey("sweep", "expected an object or null, got " + JsonObjectReader::typeName(*s));
        p.sweep = *s;
    }
    r.finish();
    p.network_path = absoluteFrom(p.network_path, baseDir);
    p.model_path = absoluteFrom(p.model_path, baseDir);
    p.results_path = absoluteFrom(p.results_path, baseDir);
    if (p.dataset != "fashion-mnist" && p.dataset != "mnist")
        p.dataset = absoluteFrom(p.dataset, baseDir);
    return p;
}

nlohmann::json projectToJson(const Project& p, const std::string& baseDir)
{
    nlohmann::json j;
    j["format"] = kProjectFormat;
    j["design"] = designPointToJson(p.design);
    j["network"] = relativeTo(p.network_path, baseDir);
    j["model"] = relativeTo(p.model_path, baseDir);
    j["dataset"] = relativeTo(p.dataset, baseDir);
    j["sweep"] = p.sweep;
    j["results"] = relativeTo(p.results_path, baseDir);
    return j;
}

Project loadProjectFile(const std::string& path)
{
    const nlohmann::json j = parseJsonText(readTextFile(path), path);
    try {
        return projectFromJson(j, fs::path(path).parent_path().string());
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    }
}

void saveProjectFile(const std::string& path, const Project& p)
{
    const std::string dir = fs::absolute(fs::path(path)).parent_path().string();
    writeTextFile(path, projectToJson(p, dir).dump(2) + "\n");
}

nlohmann::json projectSweepSpec(const Project& p)
{
    if (!p.sweep.is_object())
        throw InputError::atKey("sweep", "the project has no sweep yet");
    nlohmann::json spec = p.sweep;
    spec["format"] = 1;
    spec["base"] = designPointToJson(p.design);
    if (!p.model_path.empty())
        spec["model"] = p.model_path;
    else
        spec.erase("model");
    if (!p.network_path.empty())
        spec["network"] = p.network_path;
    spec["dataset"] = p.dataset;
    return spec;
}

} // namespace kh
