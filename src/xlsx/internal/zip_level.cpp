#include "xlsx/internal/zip_level.h"

#include <dlfcn.h>
#include <minizip/zip.h>

namespace ceres::xlsx::internal {
namespace {

constexpr int kLibraryLevel = -1;  // leave the level libxlsxwriter asked for
thread_local int current_level = kLibraryLevel;

}  // namespace

DeflateLevel::DeflateLevel(int level) : previous_(current_level) { current_level = level; }

DeflateLevel::~DeflateLevel() { current_level = previous_; }

}  // namespace ceres::xlsx::internal

// Same declaration as minizip's (zip.h, extern "C"); RTLD_NEXT finds minizip's own definition.
extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename,
                                       const zip_fileinfo* zipfi, const void* extrafield_local,
                                       uInt size_extrafield_local, const void* extrafield_global,
                                       uInt size_extrafield_global, const char* comment,
                                       int method, int level, int raw, int windowBits,
                                       int memLevel, int strategy, const char* password,
                                       uLong crcForCrypting, uLong versionMadeBy, uLong flagBase,
                                       int zip64) {
    using Open = decltype(&zipOpenNewFileInZip4_64);
    static const Open minizip =
        reinterpret_cast<Open>(::dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
    if (minizip == nullptr)
        return ZIP_INTERNALERROR;
    const int chosen = ceres::xlsx::internal::current_level;
    if (chosen != ceres::xlsx::internal::kLibraryLevel && method == Z_DEFLATED && raw == 0)
        level = chosen;
    return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local,
                   extrafield_global, size_extrafield_global, comment, method, level, raw,
                   windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy,
                   flagBase, zip64);
}
