#include "dse/ResultStore.h"

#include "common/InputError.h"
#include "common/UtcTime.h"

#include <sqlite3.h>

#include <cmath>
#include <ctime>
#include <stdexcept>

namespace kh {

namespace {

constexpr const char* kFormat = "kirchhoff-results";
constexpr int kSchema = 1;

constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS points(
  hash TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL,
  params TEXT NOT NULL,
  config TEXT NOT NULL,
  metrics TEXT NOT NULL,
  layers TEXT NOT NULL,
  feasible INTEGER NOT NULL,
  accuracy REAL, tops_per_w REAL, tops REAL, area_mm2 REAL, energy_pj REAL, latency_ns REAL, fps REAL,
  ppa_seconds REAL NOT NULL,
  accuracy_seconds REAL NOT NULL,
  accuracy_cached INTEGER NOT NULL,
  accuracy_key TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  finished_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS points_seq ON points(seq);
CREATE TABLE IF NOT EXISTS accuracy_cache(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// The metrics copied into their own columns, for people who query the file with sqlite3.
// Must match the table's columns above.
const char* const kMetricColumns[] = {"accuracy", "tops_per_w", "tops", "area_mm2", "energy_pj", "latency_ns", "fps"};

class Statement {
public:
    Statement(sqlite3* db, const char* sql, const std::string& path) : db_(db)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw InputError(path + ": " + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    void text(int i, const std::string& v) { sqlite3_bind_text(stmt_, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT); }
    void integer(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
    void real(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    void null(int i) { sqlite3_bind_null(stmt_, i); }
    // SQLITE_ROW or SQLITE_DONE; anything else throws.
    int step(const std::string& path)
    {
        const int rc = sqlite3_step(stmt_);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            throw InputError(path + ": " + sqlite3_errmsg(db_));
        return rc;
    }
    std::string columnText(int i) const
    {
        const unsigned char* t = sqlite3_column_text(stmt_, i);
        return t ? reinterpret_cast<const char*>(t) : "";
    }
    long long columnInt(int i) const { return sqlite3_column_int64(stmt_, i); }
    double columnReal(int i) const { return sqlite3_column_double(stmt_, i); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

nlohmann::json parseStored(const std::string& text, const std::string& where)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw InputError(where + ": stored JSON is corrupt");
    }
}

} // namespace

ResultStore::ResultStore(const std::string& path, Mode mode) : path_(path)
{
    const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError(path + ": cannot open results file (" + why + ")");
    }
    try {
        // Several shards or a reader may touch one file on a local disk: wait rather than fail.
        sqlite3_busy_timeout(db_, 10000);
        bool hasMeta = false, hasOtherTables = false;
        {
            Statement s(db_, "SELECT name FROM sqlite_master WHERE type='table'", path_);
            while (s.step(path_) == SQLITE_ROW)
                (s.columnText(0) == "meta" ? hasMeta : hasOtherTables) = true;
        }
        if (hasMeta) {
            if (meta("format") != kFormat)
                fail("not a Kirchhoff results file (meta.format is \"" + meta("format") + "\")");
            if (std::atoi(meta("schema").c_str()) > kSchema)
                fail("written by a newer Kirchhoff (schema " + meta("schema") + ")");
        } else if (hasOtherTables) {
            fail("an SQLite file of another program, not a Kirchhoff results file");
        }
        if (mode == Mode::ReadWrite) {
            // WAL: readers never block the writer, and a killed process leaves the last committed
            // transaction intact. synchronous=NORMAL keeps every commit across a process crash
            // (only an OS crash or power loss can drop the newest commits, never corrupt the file).
            exec("PRAGMA journal_mode=WAL");
            exec("PRAGMA synchronous=NORMAL");
            exec(kSchemaSql);
            if (!hasMeta) {
                setMeta("format", kFormat);
                setMeta("schema", std::to_string(kSchema));
                setMeta("created_by", std::string("Kirchhoff ") + KIRCHHOFF_VERSION);
            }
        } else if (!hasMeta) {
            fail("not a Kirchhoff results file (no sweep has written to it)");
        }
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

ResultStore::~ResultStore()
{
    sqlite3_close(db_);
}

void ResultStore::fail(const std::string& what) const
{
    throw InputError(path_ + ": " + what);
}

void ResultStore::exec(const char* sql) const
{
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string why = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        fail(why);
    }
}

void ResultStore::setMeta(const std::string& key, const std::string& value)
{
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", path_);
    s.text(1, key);
    s.text(2, value);
    s.step(path_);
}

std::string ResultStore::meta(const std::string& key) const
{
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT value FROM meta WHERE key = ?1", path_);
    s.text(1, key);
    return s.step(path_) == SQLITE_ROW ? s.columnText(0) : std::string();
}

bool ResultStore::insert(const PointRecord& r, const nlohmann::json& accuracyEntry)
{
    std::lock_guard lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        Statement s(db_,
                    "INSERT OR IGNORE INTO points(hash, seq, status, error, params, config, metrics, layers, feasible,"
                    " accuracy, tops_per_w, tops, area_mm2, energy_pj, latency_ns, fps, ppa_seconds, accuracy_seconds,"
                    " accuracy_cached, accuracy_key, tool_version, finished_at)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
                    path_);
        nlohmann::json metrics = nlohmann::json::object();
        for (const auto& [name, v] : r.metrics)
            if (std::isfinite(v))
                metrics[name] = v;
        s.text(1, r.hash);
        s.integer(2, r.seq);
        s.text(3, r.status);
        s.text(4, r.error);
        s.text(5, r.params.dump());
        s.text(6, r.config.dump());
        s.text(7, metrics.dump());
        s.text(8, r.layers.dump());
        s.integer(9, r.feasible ? 1 : 0);
        int column = 10;
        for (const char* name : kMetricColumns) {
            if (metrics.contains(name))
                s.real(column, metrics[name].get<double>());
            else
                s.null(column);
            ++column;
        }
        s.real(17, r.ppa_seconds);
        s.real(18, r.accuracy_seconds);
        s.integer(19, r.accuracy_cached ? 1 : 0);
        s.text(20, r.accuracy_key);
        s.text(21, r.tool_version.empty() ? std::string(KIRCHHOFF_VERSION) : r.tool_version);
        s.text(22, r.finished_at.empty() ? utcTimestamp() : r.finished_at);
        s.step(path_);
        const bool added = sqlite3_changes(db_) > 0;
        if (!accuracyEntry.is_null() && !r.accuracy_key.empty()) {
            Statement c(db_, "INSERT OR IGNORE INTO accuracy_cache(key, value) VALUES(?1, ?2)", path_);
            c.text(1, r.accuracy_key);
            c.text(2, accuracyEntry.dump());
            c.step(path_);
        }
        exec("COMMIT");
        return added;
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::vector<PointRecord> ResultStore::records() const
{
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT hash, seq, status, error, params, config, metrics, layers, feasible, ppa_seconds,"
                " accuracy_seconds, accuracy_cached, accuracy_key, tool_version, finished_at FROM points ORDER BY seq, hash",
                path_);
    std::vector<PointRecord> out;
    while (s.step(path_) == SQLITE_ROW) {
        PointRecord r;
        r.hash = s.columnText(0);
        const std::string where = path_ + ": point " + r.hash;
        r.seq = s.columnInt(1);
        r.status = s.columnText(2);
        r.error = s.columnText(3);
        r.params = parseStored(s.columnText(4), where);
        r.config = parseStored(s.columnText(5), where);
        const nlohmann::json metrics = parseStored(s.columnText(6), where);
        if (!metrics.is_object())
            throw InputError(where + ": metrics are not an object");
        for (const auto& [name, v] : metrics.items())
            if (v.is_number())
                r.metrics[name] = v.get<double>();
        r.layers = parseStored(s.columnText(7), where);
        r.feasible = s.columnInt(8) != 0;
        r.ppa_seconds = s.columnReal(9);
        r.accuracy_seconds = s.columnReal(10);
        r.accuracy_cached = s.columnInt(11) != 0;
        r.accuracy_key = s.columnText(12);
        r.tool_version = s.columnText(13);
        r.finished_at = s.columnText(14);
        out.push_back(std::move(r));
    }
    return out;
}

std::set<std::string> ResultStore::hashes() const
{
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT hash FROM points", path_);
    std::set<std::string> out;
    while (s.step(path_) == SQLITE_ROW)
        out.insert(s.columnText(0));
    return out;
}

long long ResultStore::count() const
{
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT COUNT(*) FROM points", path_);
    s.step(path_);
    return s.columnInt(0);
}

std::map<std::string, nlohmann::json> ResultStore::accuracyCache() const
{
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT key, value FROM accuracy_cache", path_);
    std::map<std::string, nlohmann::json> out;
    while (s.step(path_) == SQLITE_ROW)
        out[s.columnText(0)] = parseStored(s.columnText(1), path_ + ": accuracy cache entry");
    return out;
}

long long ResultStore::mergeFrom(const ResultStore& source)
{
    const std::vector<PointRecord> points = source.records();
    const std::map<std::string, nlohmann::json> cache = source.accuracyCache();
    long long added = 0;
    for (const PointRecord& r : points) {
        auto it = cache.find(r.accuracy_key);
        added += insert(r, it != cache.end() ? it->second : nlohmann::json(nullptr)) ? 1 : 0;
    }
    return added;
}

const std::vector<std::string>& ResultStore::indexedMetrics()
{
    static const std::vector<std::string> names(std::begin(kMetricColumns), std::end(kMetricColumns));
    return names;
}

} // namespace kh
