#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

// yaml-cpp keeps every scalar as text, so a string "8080" and the number
// 8080 look alike. Numbers are built with integer() (tagged), and render()
// quotes any other scalar a YAML reader would take for a number, a boolean
// or null, so an env value "8080" stays a string in a ConfigMap.
namespace drover::exporter {

YAML::Node integer(long long value);
bool integer_node(const YAML::Node& node);
bool looks_typed(std::string_view text);

}  // namespace drover::exporter
