#pragma once
namespace kh::cli {
// Dispatches argv to a subcommand; maps InputError to exit 2 and anything else to exit 1.
int runCli(int argc, char** argv);
}
