#pragma once
// The entry of a small registry (the design-point fields, the metrics) whose name member equals
// 'name', or nullptr. A linear search: the registries hold tens of entries.
#include <string>
#include <vector>

namespace kh {

template <class T>
const T* findByName(const std::vector<T>& entries, std::string T::*nameMember, const std::string& name)
{
    for (const T& e : entries)
        if (e.*nameMember == name)
            return &e;
    return nullptr;
}

} // namespace kh
