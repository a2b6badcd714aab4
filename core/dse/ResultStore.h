#pragma once
// The results store (docs/sweeps.md): one SQLite file per sweep (or shard) in WAL mode. Each
// finished point is written in its own transaction together with the accuracy it computed, so a
// killed run loses no finished point and leaves no half-written row; re-opening resumes. Safe to
// call from several threads (one connection behind a mutex).
#include "dse/PointRecord.h"

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

struct sqlite3;

namespace kh {

class ResultStore {
public:
    // The metrics kept in their own indexed columns (every one a registered metric).
    static const std::vector<std::string>& indexedMetrics();
    enum class Mode { ReadWrite, ReadOnly };
    // Creates the file and schema when absent. Throws InputError when the file is not a
    // Kirchhoff results file (not SQLite, or SQLite of another program, or a newer schema).
    explicit ResultStore(const std::string& path, Mode mode = Mode::ReadWrite);
    ~ResultStore();
    ResultStore(const ResultStore&) = delete;
    ResultStore& operator=(const ResultStore&) = delete;

    const std::string& path() const { return path_; }

    // Writes one point and, when accuracyEntry is not null, its accuracy cache entry, atomically.
    // A point whose hash is already stored is left as it is. Returns true when it was new.
    bool insert(const PointRecord& record, const nlohmann::json& accuracyEntry = nullptr);

    std::vector<PointRecord> records() const;   // ordered by seq, then hash
    std::set<std::string> hashes() const;
    long long count() const;
    std::map<std::string, nlohmann::json> accuracyCache() const;

    void setMeta(const std::string& key, const std::string& value);
    std::string meta(const std::string& key) const;   // "" when absent

    // Unions every point and cache entry of source into this store (duplicates by hash collapse).
    // Returns the number of points that were new here.
    long long mergeFrom(const ResultStore& source);

private:
    void exec(const char* sql) const;
    [[noreturn]] void fail(const std::string& what) const;
    std::string path_;
    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
};

} // namespace kh
