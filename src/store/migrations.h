#pragma once
// Versioned schema migrations, recorded in `schema_migrations`. Each runs once, in its own
// transaction, whichever process gets there first.
#include <vector>

namespace ceres::store {

class Database;

// Applies every migration not yet recorded; returns the versions this call applied.
std::vector<int> applyMigrations(Database& database);
// Versions recorded in schema_migrations, ascending.
std::vector<int> appliedMigrations(Database& database);

}  // namespace ceres::store
