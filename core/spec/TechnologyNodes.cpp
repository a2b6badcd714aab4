#include "spec/TechnologyNodes.h"

#include <algorithm>

namespace kh {

const std::vector<int>& supportedNodesNm()
{
    static const std::vector<int> nodes = {130, 90, 65, 45, 32, 22, 14, 10, 7, 5, 3, 2, 1};
    return nodes;
}

bool isSupportedNode(int node_nm)
{
    const auto& n = supportedNodesNm();
    return std::find(n.begin(), n.end(), node_nm) != n.end();
}

std::string supportedNodesText()
{
    std::string text;
    for (int n : supportedNodesNm())
        text += (text.empty() ? "" : ", ") + std::to_string(n);
    return text;
}

} // namespace kh
