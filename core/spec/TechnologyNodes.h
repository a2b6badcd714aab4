#pragma once
// The technology nodes a design point may name: those the PPA's technology library has data for
// (ppa/TechnologyLibrary.cpp holds each node's parameters; a test checks that the lists agree).
// Kept here so that validating a design point needs no PPA code.
#include <string>
#include <vector>

namespace kh {

const std::vector<int>& supportedNodesNm();   // largest first
bool isSupportedNode(int node_nm);
std::string supportedNodesText();             // "130, 90, ..., 1"

} // namespace kh
