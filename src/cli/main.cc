#include "cli/app.h"

int main(int argc, char** argv) { return tidings::cli::Run(argc, argv); }
