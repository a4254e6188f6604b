#pragma once
// The `ceres-docs` command line: validate, render, serve, worker, verify, token.

namespace ceres::app {

// Runs one command; returns the process exit code of CONTRACT.md
// (0 done, 1 anything else, 2 invalid input, 3 refused by a domain rule).
int runCli(int argc, char** argv);

}  // namespace ceres::app
