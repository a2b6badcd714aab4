#pragma once
// The source scan of the PPA provenance test: what a model file must not hold. Kept apart from
// the QtTest file because moc cannot read the regular expressions' raw strings.
#include <set>
#include <string>
#include <vector>

// A source of a constant: "assumption: ", "derived: " or "definition: " with a reason, or a
// citation (a year, NeuroSim, a book edition).
bool citesSomething(const std::string& source);

// Problems of one source file: a constant not declared as Sourced, a Sourced whose name string is
// not its identifier or that the registry does not list, a table without sourced columns, a bare
// number in the code (anything but 0, 1, 2 and powers of ten).
std::vector<std::string> scanSource(const std::string& file, const std::string& text, const std::set<std::string>& registered);
