#include "ppa/PpaConstants.h"

#include "ppa/AdcModel.h"
#include "ppa/ChipEstimator.h"
#include "ppa/DigitalLogic.h"
#include "ppa/Floorplan.h"
#include "ppa/HierarchyModel.h"
#include "ppa/MemoryModels.h"
#include "ppa/SubarrayModel.h"
#include "ppa/TechnologyLibrary.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace kh {

const std::vector<ConstantGroup>& ppaConstants()
{
    static const std::vector<ConstantGroup> groups = {
        technologyConstants(), logic::logicConstants(),     adcConstants(),  memoryConstants(),
        subarrayConstants(),   hierarchyConstants(), floorplanConstants(), chipConstants(),
    };
    return groups;
}

std::string ppaConstantsMarkdown()
{
    std::ostringstream s;
    for (const ConstantGroup& g : ppaConstants()) {
        s << "\n**" << g.file << "**\n\n| Constant | Value | Unit | Source |\n|---|---|---|---|\n";
        for (const ConstantRecord& c : g.constants) {
            char value[32];
            if (std::isnan(c.value))
                std::snprintf(value, sizeof value, "per node");
            else
                std::snprintf(value, sizeof value, "%g", c.value);
            s << "| `" << c.name << "` | " << value << " | " << c.unit << " | " << c.source << " |\n";
        }
    }
    return s.str();
}

} // namespace kh
