// Runs a fuzz target (built without libFuzzer) over files and directories: the seed corpus and
// every crash a campaign found, so each stays a regression test in the ordinary build.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int k = 1; k < argc; ++k) {
        std::error_code ec;
        if (fs::is_directory(argv[k], ec)) {
            for (const auto& e : fs::recursive_directory_iterator(argv[k]))
                if (e.is_regular_file() && e.path().filename() != "README.md")
                    files.push_back(e.path());
        } else if (fs::is_regular_file(argv[k], ec)) {
            files.push_back(argv[k]);
        } else {
            std::fprintf(stderr, "%s: no such file or directory\n", argv[k]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::printf("%s (%zu bytes)\n", f.c_str(), bytes.size());
        std::fflush(stdout);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("%zu inputs replayed, none crashed\n", files.size());
    return files.empty() ? 1 : 0;
}
