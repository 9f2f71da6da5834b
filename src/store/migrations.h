// Schema migrations, versioned in code. Migration i (0-based) takes the
// schema from version i to i+1; the store applies the pending ones at open,
// each in its own transaction. Never edit a released migration: append one.
#ifndef TIDINGS_STORE_MIGRATIONS_H_
#define TIDINGS_STORE_MIGRATIONS_H_

#include <string>
#include <vector>

namespace tidings::store {

// SQL scripts for the SQLite backend, in order.
const std::vector<std::string>& SqliteMigrations();

}  // namespace tidings::store

#endif  // TIDINGS_STORE_MIGRATIONS_H_
