# Module layering, enforced by the include paths.
#
# ceres_module(NAME <module> PUBLIC_HEADERS <header>...) gives the library ceres_<module> two
# include trees in the build directory, both made of symbolic links into src/<module>:
#   include/<module>/pub/<module>/<header>  one link per listed header: the PUBLIC include
#                                           directory, seen by whoever links ceres_<module>;
#   include/<module>/priv/<module>          a link to the whole folder: the PRIVATE include
#                                           directory, seen by the module's own sources only.
# Includes stay written as "<module>/<header>". A header not listed is an internal of the module:
# another module (or a program) that includes it does not compile, and neither does one that
# includes a public header of a module it does not link. A public header that includes another
# header of its module makes that one public too (the list says so explicitly).
# Links follow the files, so editing a header rebuilds its dependents; the lists live in the
# modules' CMakeLists.txt, so changing one re-runs the configure step.

function(ceres_module)
  cmake_parse_arguments(ARG "" "NAME" "PUBLIC_HEADERS" ${ARGN})
  if(NOT ARG_NAME)
    message(FATAL_ERROR "ceres_module: NAME is required")
  endif()
  set(target ceres_${ARG_NAME})
  set(source_dir "${PROJECT_SOURCE_DIR}/src/${ARG_NAME}")
  set(pub "${CMAKE_BINARY_DIR}/include/${ARG_NAME}/pub")
  set(priv "${CMAKE_BINARY_DIR}/include/${ARG_NAME}/priv")

  # Rebuilt from the list at every configure, so a header taken off the list stops being visible.
  file(REMOVE_RECURSE "${pub}")
  file(MAKE_DIRECTORY "${pub}/${ARG_NAME}")
  foreach(header IN LISTS ARG_PUBLIC_HEADERS)
    if(NOT EXISTS "${source_dir}/${header}")
      message(FATAL_ERROR "ceres_module(${ARG_NAME}): public header ${header} is not in src/${ARG_NAME}")
    endif()
    get_filename_component(link_dir "${pub}/${ARG_NAME}/${header}" DIRECTORY)
    file(MAKE_DIRECTORY "${link_dir}")
    file(CREATE_LINK "${source_dir}/${header}" "${pub}/${ARG_NAME}/${header}" SYMBOLIC)
  endforeach()

  file(REMOVE_RECURSE "${priv}")
  file(MAKE_DIRECTORY "${priv}")
  file(CREATE_LINK "${source_dir}" "${priv}/${ARG_NAME}" SYMBOLIC)

  target_include_directories(${target} PUBLIC "${pub}" PRIVATE "${priv}")
  set_property(TARGET ${target} PROPERTY CERES_INTERNAL_INCLUDE_DIR "${priv}")
  set_property(TARGET ${target} PROPERTY CERES_PUBLIC_HEADERS ${ARG_PUBLIC_HEADERS})
endfunction()

# A test target that exercises internals of <module> (headers not on its public list). Keep this to
# the module's own unit tests; everything else goes through the public headers.
function(ceres_test_sees_internals test_target module)
  get_target_property(priv ceres_${module} CERES_INTERNAL_INCLUDE_DIR)
  if(NOT priv)
    message(FATAL_ERROR "ceres_test_sees_internals: ceres_${module} is not a ceres_module")
  endif()
  target_include_directories(${test_target} PRIVATE "${priv}")
  target_link_libraries(${test_target} PRIVATE ceres_${module})
endfunction()
