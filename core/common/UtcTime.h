#pragma once
// The current time as an ISO 8601 UTC text ("2026-12-02T15:04:05Z"): how stored results and the
// run log say when they were made, the same on every machine and time zone.
#include <ctime>
#include <string>

namespace kh {

inline std::string utcTimestamp()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

} // namespace kh
