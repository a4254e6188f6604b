#include "app/cli.h"

int main(int argc, char** argv) { return ceres::app::runCli(argc, argv); }
