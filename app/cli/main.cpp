#include "cli/Cli.h"

int main(int argc, char** argv) { return kh::cli::runCli(argc, argv); }
