#pragma once
// Long-running modes: `worker` (queue workers only) and `serve` (HTTP API plus workers).
#include "app/runtime.h"

namespace ceres::app {

// Blocks until SIGTERM or SIGINT, then stops taking jobs, finishes the ones in hand and returns.
int runWorkers(Runtime& runtime, int count);
int runServer(Runtime& runtime, int port);

}  // namespace ceres::app
