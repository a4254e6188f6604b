# Every third-party dependency, found once, exposed as an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)

# Poco's DataPostgreSQL config expects a PostgreSQL::client target.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation Util JSON Net NetSSL Crypto JWT Data DataSQLite DataPostgreSQL)

find_package(ZXing REQUIRED)
# Photos and scans of parchemins uploaded for verification.
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)

pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# The header of minizip, which libxlsxwriter writes its packages with (see xlsx/internal/zip_level.h).
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(FRIBIDI REQUIRED IMPORTED_TARGET fribidi)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)

# PoDoFo 0.9.8 ships neither a CMake config nor a pkg-config file.
find_path(PODOFO_INCLUDE_DIR podofo/podofo.h REQUIRED)
find_library(PODOFO_LIBRARY podofo REQUIRED)
add_library(PoDoFo::PoDoFo UNKNOWN IMPORTED)
set_target_properties(PoDoFo::PoDoFo PROPERTIES
  IMPORTED_LOCATION "${PODOFO_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${PODOFO_INCLUDE_DIR}")

# valijson is header-only.
find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp REQUIRED)
add_library(valijson INTERFACE IMPORTED)
set_target_properties(valijson PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${VALIJSON_INCLUDE_DIR}")

if(CERES_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(CERES_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
