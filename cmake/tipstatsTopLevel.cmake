# Settings only a top-level build makes (included from CMakeLists.txt when tipstats is the
# top-level project): a default build type and the cmeel prefix of PyPI's Boost and Eigen.

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

# Wheels built from PyPI alone find Boost and Eigen in cmeel's prefix inside site-packages.
if(DEFINED SKBUILD)
  execute_process(
    COMMAND "${Python_EXECUTABLE}" -c "import cmeel, sys; sys.stdout.write(cmeel.__path__[0] + '.prefix')"
    OUTPUT_VARIABLE _tipstats_cmeel_prefix ERROR_QUIET RESULT_VARIABLE _tipstats_cmeel_rc)
endif()
if(NOT _tipstats_cmeel_prefix)
  find_package(Python COMPONENTS Interpreter QUIET)
  if(Python_EXECUTABLE)
    execute_process(
      COMMAND "${Python_EXECUTABLE}" -c "import sysconfig, os, sys; p = os.path.join(sysconfig.get_paths()['purelib'], 'cmeel.prefix'); sys.stdout.write(p if os.path.isdir(p) else '')"
      OUTPUT_VARIABLE _tipstats_cmeel_prefix ERROR_QUIET)
  endif()
endif()
# A wheel build prefers cmeel's copies (pinned in pyproject.toml) so wheels do not depend on what
# the build machine happens to have; a plain CMake build prefers the system's.
if(_tipstats_cmeel_prefix AND IS_DIRECTORY "${_tipstats_cmeel_prefix}")
  if(DEFINED SKBUILD)
    list(PREPEND CMAKE_PREFIX_PATH "${_tipstats_cmeel_prefix}")
  else()
    list(APPEND CMAKE_PREFIX_PATH "${_tipstats_cmeel_prefix}")
  endif()
endif()
