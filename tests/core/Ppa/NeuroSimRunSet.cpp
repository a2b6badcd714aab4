#include "NeuroSimRunSet.h"

#include "io/NetworkCsv.h"
#include "ppa/TechnologyLibrary.h"
#include "spec/DesignPointJson.h"

#include <fstream>
#include <stdexcept>

namespace kh::test {

namespace {

// Splits one CSV line; double quotes protect commas (the network descriptions hold some).
std::vector<std::string> splitCsv(const std::string& line)
{
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            out.emplace_back();
        else if (c != '\r')
            out.back() += c;
    }
    return out;
}

// NeuroSim's Param.cpp, as the runs use it (docs/validation.md §1b): read voltage per node and
// the SRAM cell's layout in F (10F x 28F above 14 nm; 5 nm 19.2 x 43.75; 1 nm 80 x 144).
double readVoltageV(int nodeNm)
{
    switch (nodeNm) {
    case 22: return 0.55;
    case 5: return 0.253;
    case 1: return 0.272;
    }
    throw std::runtime_error("no NeuroSim read voltage for " + std::to_string(nodeNm) + " nm");
}

double sramCellF2(int nodeNm)
{
    if (nodeNm > 14)
        return 10.0 * 28.0;
    if (nodeNm == 5)
        return 19.2 * 43.75;
    if (nodeNm == 1)
        return 80.0 * 144.0;
    throw std::runtime_error("no NeuroSim SRAM cell for " + std::to_string(nodeNm) + " nm");
}

std::string networkFile(const std::string& description)
{
    if (description.rfind("NetWork_VGG8", 0) == 0)
        return "vgg8.csv";
    if (description.rfind("NetWork_ResNet18_imagenet", 0) == 0)
        return "resnet18_imagenet.csv";
    if (description.rfind("NetWork_ResNet18_cifar100", 0) == 0)
        return "resnet18_cifar100.csv";
    throw std::runtime_error("unknown network " + description);
}

} // namespace

std::vector<NeuroSimRun> loadNeuroSimRuns(const std::string& csvPath, const std::string& presetsDir)
{
    std::ifstream in(csvPath);
    if (!in)
        throw std::runtime_error(csvPath + ": cannot open");
    std::vector<std::string> header;
    std::vector<NeuroSimRun> runs;
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        if (line.empty() || line[0] == '#')
            continue;
        const std::vector<std::string> f = splitCsv(line);
        if (header.empty()) {
            header = f;
            continue;
        }
        const std::string where = csvPath + ":" + std::to_string(lineNo);
        if (f.size() != header.size())
            throw std::runtime_error(where + ": " + std::to_string(f.size()) + " fields, header has " + std::to_string(header.size()));
        NeuroSimRun r;
        std::map<std::string, std::string> text;
        for (size_t i = 0; i < f.size(); ++i) {
            text[header[i]] = f[i];
            if (f[i].empty())
                continue;
            try {
                size_t used = 0;
                const double v = std::stod(f[i], &used);
                if (used == f[i].size())
                    r.value[header[i]] = v;
            } catch (const std::exception&) {
            }
        }
        r.name = text["run"];
        r.network = text["network"];
        r.sense_amp = text["sense_amp"];
        const bool sram = text["device"] == "SRAM";
        const int node = int(r.value.at("node_nm"));
        DesignPoint& dp = r.point;
        dp = loadDesignPointFile(presetsDir + "/designs/" + (sram ? "neurosim_vgg8_sram22.json" : "neurosim_vgg8_rram22.json"));
        dp.technology.node_nm = node;
        dp.device.cell_bits = int(r.value.at("cell_bits"));
        if (!sram) {
            dp.device.r_on_ohm = r.value.at("r_on_ohm");
            dp.device.on_off_ratio = r.value.at("on_off_ratio");
        } else {
            // NeuroSim's F is the node's name; Kirchhoff's F below 22 nm follows the measured bitcell
            // (core/ppa/TechnologyLibrary.cpp), so the same layout is converted to the same area.
            const double f = makeTechnology(node, 0, 300).node.f_layout_nm;
            dp.device.cell_area_f2 = sramCellF2(node) * (node / f) * (node / f);
        }
        dp.device.read_voltage_v = readVoltageV(node);
        dp.precision.adc_bits = int(r.value.at("adc_bits"));
        dp.array.rows = int(r.value.at("rows"));
        dp.array.cols = int(r.value.at("cols"));
        dp.array.parallel_rows = int(r.value.at("parallel_rows"));
        // V1.4's CSA senses in current mode, V1.5's VSA in voltage mode.
        dp.array.readout = r.sense_amp.rfind("VSA", 0) == 0 ? Readout::Voltage : Readout::Current;
        r.net = readNetworkCsv(presetsDir + "/networks/" + networkFile(r.network));
        runs.push_back(std::move(r));
    }
    return runs;
}

} // namespace kh::test
